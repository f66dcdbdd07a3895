<?php
/**
 * What visitors get: the `<almara-pay-link>` and `<almara-pay-status>` elements, their scripts
 * (once per page, pinned with integrity) and the stylesheet that keeps the form's place.
 *
 * The markup is made here, at render time, from the administrator's settings and the backend's
 * catalogue: an author's shortcode or block names an item and nothing else, and kses is never
 * widened for the tags (an author's raw `<almara-pay-link>` stays stripped).
 *
 * @package AlmaraPayLink
 */

defined( 'ABSPATH' ) || exit;

/** Script handles, and the stylesheet's. */
const ALMARA_PAY_LINK_HANDLE        = 'almara-pay-link';
const ALMARA_PAY_LINK_STATUS_HANDLE = 'almara-pay-status';
const ALMARA_PAY_LINK_STYLE_HANDLE  = 'almara-pay-link-reservation';

/**
 * Registers the shortcodes.
 */
function almara_pay_link_register_shortcodes() {
	add_shortcode( 'almara_pay_link', 'almara_pay_link_shortcode' );
	add_shortcode( 'almara_pay_status', 'almara_pay_link_status_shortcode' );
}

/**
 * Registers the scripts (from the settings) and the stylesheet; nothing is enqueued here.
 */
function almara_pay_link_register_assets() {
	$settings = almara_pay_link_settings();
	if ( '' !== $settings['script_url'] ) {
		// No version: the URL is the backend's own (`?v=` from "Fetch integrity"), pinned by its digest.
		wp_register_script( ALMARA_PAY_LINK_HANDLE, $settings['script_url'], array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
	}
	if ( '' !== $settings['status_script_url'] ) {
		wp_register_script( ALMARA_PAY_LINK_STATUS_HANDLE, $settings['status_script_url'], array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
	}
	wp_register_style(
		ALMARA_PAY_LINK_STYLE_HANDLE,
		plugins_url( 'assets/almara-pay-link.css', ALMARA_PAY_LINK_FILE ),
		array(),
		ALMARA_PAY_LINK_VERSION
	);
}

/**
 * Enqueues the assets of one element; WordPress prints each handle once however often this runs.
 *
 * @param string $handle ALMARA_PAY_LINK_HANDLE or ALMARA_PAY_LINK_STATUS_HANDLE.
 */
function almara_pay_link_enqueue( $handle ) {
	// Block themes render the content before the head, hence before wp_enqueue_scripts.
	if ( ! wp_style_is( ALMARA_PAY_LINK_STYLE_HANDLE, 'registered' ) ) {
		almara_pay_link_register_assets();
	}
	if ( wp_script_is( $handle, 'registered' ) ) {
		wp_enqueue_script( $handle );
	}
	wp_enqueue_style( ALMARA_PAY_LINK_STYLE_HANDLE );
}

/**
 * On pages whose posts hold a form or a status element, enqueues the reservation stylesheet
 * in the head (so that it applies before the content is laid out, in classic themes too). The
 * scripts are enqueued by the render callbacks only, for the elements actually rendered: block
 * themes render the content before the head, classic themes get them in the footer (deferred
 * either way).
 */
function almara_pay_link_enqueue_for_queried_posts() {
	global $wp_query;
	if ( ! $wp_query instanceof WP_Query || empty( $wp_query->posts ) ) {
		return;
	}
	foreach ( $wp_query->posts as $post ) {
		if ( $post instanceof WP_Post && (
			has_shortcode( $post->post_content, 'almara_pay_link' )
			|| has_shortcode( $post->post_content, 'almara_pay_status' )
			|| has_block( 'almara-pay-link/payment-form', $post )
		) ) {
			wp_enqueue_style( ALMARA_PAY_LINK_STYLE_HANDLE );
			return;
		}
	}
}

/**
 * Adds `integrity`, `crossorigin="anonymous"` and `defer` to the plugin's script tags.
 *
 * @param string $tag    The tag WordPress made.
 * @param string $handle Its handle.
 * @param string $src    Its URL.
 * @return string
 */
function almara_pay_link_script_tag( $tag, $handle, $src ) {
	$integrity = array(
		ALMARA_PAY_LINK_HANDLE        => 'script_integrity',
		ALMARA_PAY_LINK_STATUS_HANDLE => 'status_script_integrity',
	);
	if ( ! isset( $integrity[ $handle ] ) ) {
		return $tag;
	}
	$value      = (string) almara_pay_link_settings()[ $integrity[ $handle ] ];
	$attributes = ' defer crossorigin="anonymous"';
	if ( '' !== $value ) {
		$attributes .= ' integrity="' . esc_attr( $value ) . '"';
	}
	return preg_replace( '/<script\b(?![^>]*\bintegrity=)([^>]*\bsrc=)/', '<script' . $attributes . '$1', $tag, 1 );
}

/**
 * A short notice for those who can edit posts (why a form is missing); nothing for visitors.
 *
 * @param string $message What is wrong.
 * @return string
 */
function almara_pay_link_notice( $message ) {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return '';
	}
	return '<p class="almara-pay-link-notice"><strong>' . esc_html__( 'Almara Pay:', 'almara-pay-link' ) . '</strong> '
		. esc_html( $message ) . ' ' . esc_html__( '(Only editors see this notice.)', 'almara-pay-link' ) . '</p>';
}

/**
 * The form's language: `en` or `sw`, else the settings' default.
 *
 * @param string $lang What the shortcode or block asked for.
 * @return string
 */
function almara_pay_link_language( $lang ) {
	$lang = sanitize_key( (string) $lang );
	return in_array( $lang, array( 'en', 'sw' ), true ) ? $lang : (string) almara_pay_link_settings()['language'];
}

/**
 * A number as an attribute value: `1500`, `12.5`.
 *
 * @param float $number The number.
 * @return string
 */
function almara_pay_link_number( $number ) {
	return rtrim( rtrim( number_format( (float) $number, 2, '.', '' ), '0' ), '.' );
}

/**
 * `presets="500 1000"`: the amounts within the item's bounds, at most six, as the element takes them.
 *
 * @param string $presets What the author wrote.
 * @param float  $min     The item's least amount.
 * @param float  $max     The item's greatest amount.
 * @return string
 */
function almara_pay_link_presets( $presets, $min, $max ) {
	$amounts = array();
	foreach ( preg_split( '/[\s,;]+/', (string) $presets, -1, PREG_SPLIT_NO_EMPTY ) as $word ) {
		if ( is_numeric( $word ) && (float) $word >= $min && (float) $word <= $max ) {
			$amounts[] = almara_pay_link_number( (float) $word );
		}
	}
	return implode( ' ', array_slice( array_unique( $amounts ), 0, 6 ) );
}

/**
 * The `<almara-pay-link>` of one item, or a notice for editors.
 *
 * @param array<string, mixed> $args `item`, `lang`, `presets`; nothing else is read.
 * @return string
 */
function almara_pay_link_render_form( $args ) {
	$settings = almara_pay_link_settings();
	$item_key = trim( (string) ( $args['item'] ?? '' ) );
	if ( '' === $item_key ) {
		return almara_pay_link_notice( __( 'Name an item of the backend’s catalogue: [almara_pay_link item="kikoi-wrap"].', 'almara-pay-link' ) );
	}
	$item = almara_pay_link_item( $item_key );
	if ( is_wp_error( $item ) ) {
		return almara_pay_link_notice( $item->get_error_message() );
	}
	if ( '' === $settings['script_url'] ) {
		return almara_pay_link_notice( __( 'No script is set in Settings › Almara Pay.', 'almara-pay-link' ) );
	}

	$attributes = array(
		'endpoint'          => almara_pay_link_backend() . '/api/payment-link',
		'account-reference' => $item_key,
		'description'       => $item['description'],
		'currency'          => $item['currency'],
	);
	if ( isset( $item['price'] ) ) {
		$attributes['amount'] = almara_pay_link_number( $item['price'] );
	} else {
		$attributes['min-amount'] = almara_pay_link_number( $item['min'] );
		$attributes['max-amount'] = almara_pay_link_number( $item['max'] );
		$presets                  = almara_pay_link_presets( (string) ( $args['presets'] ?? '' ), $item['min'], $item['max'] );
		if ( '' !== $presets ) {
			$attributes['amount-presets'] = $presets;
		}
	}
	$thanks = (int) $settings['thanks_page'];
	if ( $thanks && 'publish' === get_post_status( $thanks ) ) {
		$attributes['redirection-site'] = get_permalink( $thanks );
	}
	$attributes['lang'] = almara_pay_link_language( (string) ( $args['lang'] ?? '' ) );

	if ( almara_pay_link_is_editor_preview() ) {
		return almara_pay_link_preview( $item, $attributes );
	}
	almara_pay_link_enqueue( ALMARA_PAY_LINK_HANDLE );
	$kind = isset( $item['price'] ) ? 'is-fixed' : ( isset( $attributes['amount-presets'] ) ? 'is-open has-presets' : 'is-open' );
	return '<almara-pay-link class="almara-pay-link ' . $kind . '"'
		. almara_pay_link_attributes( $attributes ) . '></almara-pay-link>';
}

/**
 * ` name="value"` for each attribute, escaped.
 *
 * @param array<string, string> $attributes Attributes by name.
 * @return string
 */
function almara_pay_link_attributes( $attributes ) {
	$html = '';
	foreach ( $attributes as $name => $value ) {
		$html .= ' ' . $name . '="' . ( 'endpoint' === $name || 'redirection-site' === $name ? esc_url( $value ) : esc_attr( $value ) ) . '"';
	}
	return $html;
}

/**
 * Whether this render is the block editor's preview (ServerSideRender), where no script runs.
 *
 * @return bool
 */
function almara_pay_link_is_editor_preview() {
	global $wp;
	$route = $wp instanceof WP ? (string) ( $wp->query_vars['rest_route'] ?? '' ) : '';
	return defined( 'REST_REQUEST' ) && REST_REQUEST && str_starts_with( $route, '/wp/v2/block-renderer/' );
}

/**
 * What the editor shows in place of the form: the item as the backend describes it.
 *
 * @param array<string, mixed>  $item       The item.
 * @param array<string, string> $attributes The element's attributes.
 * @return string
 */
function almara_pay_link_preview( $item, $attributes ) {
	$money = static function ( $amount ) use ( $item ) {
		return $item['currency'] . ' ' . number_format_i18n( (float) $amount, floor( (float) $amount ) === (float) $amount ? 0 : 2 );
	};
	$price = isset( $item['price'] )
		? $money( $item['price'] )
		/* translators: 1: the least amount, 2: the greatest. */
		: sprintf( __( '%1$s to %2$s, as the payer chooses', 'almara-pay-link' ), $money( $item['min'] ), $money( $item['max'] ) );
	return '<div class="almara-pay-link-preview"><p><strong>' . esc_html( $item['description'] ) . '</strong> · ' . esc_html( $price ) . '</p><p>'
		/* translators: %s: the backend's endpoint URL. */
		. esc_html( sprintf( __( 'Payment form (first and last name, email, phone), paid through %s.', 'almara-pay-link' ), $attributes['endpoint'] ) )
		. '</p></div>';
}

/**
 * `[almara_pay_link item="kikoi-wrap" lang="sw" presets="500 1000"]`: any other attribute
 * (`endpoint`, `amount`…) is ignored.
 *
 * @param array<string, string>|string $atts The shortcode's attributes.
 * @return string
 */
function almara_pay_link_shortcode( $atts ) {
	$args = shortcode_atts(
		array(
			'item'    => '',
			'lang'    => '',
			'presets' => '',
		),
		is_array( $atts ) ? $atts : array(),
		'almara_pay_link'
	);
	return almara_pay_link_render_form( $args );
}

/**
 * `[almara_pay_status]` for the thank-you page: the payment's state, asked of the backend.
 *
 * @param array<string, string>|string $atts `lang`.
 * @return string
 */
function almara_pay_link_status_shortcode( $atts ) {
	$args     = shortcode_atts( array( 'lang' => '' ), is_array( $atts ) ? $atts : array(), 'almara_pay_status' );
	$settings = almara_pay_link_settings();
	$backend  = almara_pay_link_backend();
	if ( '' === $backend || '' === $settings['status_script_url'] ) {
		return almara_pay_link_notice( __( 'No backend or status script is set in Settings › Almara Pay.', 'almara-pay-link' ) );
	}
	if ( almara_pay_link_is_editor_preview() ) {
		return '<p class="almara-pay-link-preview">' . esc_html__( 'The payment’s status, for the payer coming back from Almara Pay.', 'almara-pay-link' ) . '</p>';
	}
	almara_pay_link_enqueue( ALMARA_PAY_LINK_STATUS_HANDLE );
	return '<almara-pay-status class="almara-pay-status"' . almara_pay_link_attributes(
		array(
			'endpoint' => $backend . '/api/payment-status',
			'lang'     => almara_pay_link_language( (string) $args['lang'] ),
		)
	) . '></almara-pay-status>';
}
