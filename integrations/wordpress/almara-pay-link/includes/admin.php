<?php
/**
 * Settings › Almara Pay: for administrators only (`manage_options`), through the Settings API.
 *
 * @package AlmaraPayLink
 */

defined( 'ABSPATH' ) || exit;

/** The settings page's slug. */
const ALMARA_PAY_LINK_PAGE = 'almara-pay-link';

/**
 * Adds Settings › Almara Pay.
 */
function almara_pay_link_admin_menu() {
	add_options_page(
		__( 'Almara Pay', 'almara-pay-link' ),
		__( 'Almara Pay', 'almara-pay-link' ),
		'manage_options',
		ALMARA_PAY_LINK_PAGE,
		'almara_pay_link_settings_page'
	);
}

/**
 * A "Settings" link beside the plugin's name in Plugins.
 *
 * @param string[] $links The plugin's links.
 * @return string[]
 */
function almara_pay_link_action_links( $links ) {
	$url = admin_url( 'options-general.php?page=' . ALMARA_PAY_LINK_PAGE );
	array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'almara-pay-link' ) . '</a>' );
	return $links;
}

/**
 * Registers the option, its section and its fields.
 */
function almara_pay_link_register_settings() {
	register_setting(
		'almara_pay_link',
		ALMARA_PAY_LINK_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'almara_pay_link_sanitize_settings',
			'default'           => almara_pay_link_default_settings(),
			'show_in_rest'      => false,
		)
	);
	add_settings_section(
		'almara_pay_link_backend',
		__( 'Backend and scripts', 'almara-pay-link' ),
		'almara_pay_link_section_intro',
		ALMARA_PAY_LINK_PAGE
	);
	$fields = array(
		'backend_url'             => __( 'Backend URL', 'almara-pay-link' ),
		'script_url'              => __( 'Form script URL', 'almara-pay-link' ),
		'script_integrity'        => __( 'Form script integrity', 'almara-pay-link' ),
		'status_script_url'       => __( 'Status script URL', 'almara-pay-link' ),
		'status_script_integrity' => __( 'Status script integrity', 'almara-pay-link' ),
		'language'                => __( 'Default language', 'almara-pay-link' ),
		'thanks_page'             => __( 'Thank-you page', 'almara-pay-link' ),
	);
	foreach ( $fields as $field => $label ) {
		add_settings_field(
			'almara_pay_link_' . $field,
			$label,
			'almara_pay_link_field',
			ALMARA_PAY_LINK_PAGE,
			'almara_pay_link_backend',
			array(
				'field'     => $field,
				'label_for' => 'almara_pay_link_' . $field,
			)
		);
	}
}

/**
 * The section's introduction.
 */
function almara_pay_link_section_intro() {
	echo '<p>' . esc_html__( 'Forms send payers’ details to this backend only: authors name an item, never a URL. The backend is the almara-pay-link serve backend or your own.', 'almara-pay-link' ) . '</p>';
}

/**
 * One field of the form.
 *
 * @param array{field: string, label_for: string} $args The field.
 */
function almara_pay_link_field( $args ) {
	$settings = almara_pay_link_settings();
	$field    = $args['field'];
	$id       = $args['label_for'];
	$name     = ALMARA_PAY_LINK_OPTION . '[' . $field . ']';
	$value    = $settings[ $field ];

	switch ( $field ) {
		case 'language':
			echo '<select id="' . esc_attr( $id ) . '" name="' . esc_attr( $name ) . '">';
			foreach ( array(
				'en' => 'English',
				'sw' => 'Kiswahili',
			) as $code => $language ) {
				echo '<option value="' . esc_attr( $code ) . '"' . selected( $value, $code, false ) . '>' . esc_html( $language ) . '</option>';
			}
			echo '</select>';
			break;
		case 'thanks_page':
			wp_dropdown_pages(
				array(
					'id'                => esc_attr( $id ),
					'name'              => esc_attr( $name ),
					'selected'          => (int) $value,
					'show_option_none'  => esc_html__( '— The backend’s own redirectionSite —', 'almara-pay-link' ),
					'option_none_value' => '0',
				)
			);
			echo '<p class="description">' . esc_html__( 'A page with the [almara_pay_status] shortcode. The backend must allow its URL (redirectionSite or allowedRedirects of almara.config.json).', 'almara-pay-link' ) . '</p>';
			if ( $value && get_permalink( (int) $value ) ) {
				echo '<p class="description"><code>' . esc_html( get_permalink( (int) $value ) ) . '</code></p>';
			}
			break;
		default:
			$integrity = str_ends_with( $field, '_integrity' );
			$backend   = almara_pay_link_backend();
			$hint      = '';
			if ( 'backend_url' === $field ) {
				$hint = __( 'Like https://pay.shop.example. The forms post to {backend}/api/payment-link; items come from {backend}/api/items.', 'almara-pay-link' );
			} elseif ( 'script_url' === $field ) {
				$hint = __( 'Left empty: the backend’s {backend}/almara-pay-link.js.', 'almara-pay-link' );
			} elseif ( 'status_script_url' === $field ) {
				$hint = __( 'Left empty: the backend’s {backend}/almara-pay-status.js.', 'almara-pay-link' );
			} else {
				$hint = __( 'sha384-…, as the backend’s start banner prints it, or use “Fetch integrity” below.', 'almara-pay-link' );
			}
			printf(
				'<input type="%1$s" class="large-text code" id="%2$s" name="%3$s" value="%4$s" placeholder="%5$s" />',
				esc_attr( $integrity ? 'text' : 'url' ),
				esc_attr( $id ),
				esc_attr( $name ),
				esc_attr( (string) $value ),
				esc_attr( 'backend_url' === $field ? 'https://pay.shop.example' : ( $integrity ? 'sha384-' : ( '' === $backend ? '' : $backend . '/' ) ) )
			);
			echo '<p class="description">' . esc_html( $hint ) . '</p>';
	}
}

/**
 * The settings page.
 */
function almara_pay_link_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'almara-pay-link' ), 403 );
	}
	$settings = almara_pay_link_settings();
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a notice after our own redirect, only displayed.
	$fetched = isset( $_GET['almara_pay_link_fetched'] ) ? sanitize_key( wp_unslash( $_GET['almara_pay_link_fetched'] ) ) : '';
	if ( 'ok' === $fetched ) {
		echo '<div class="notice notice-success"><p>' . esc_html__( 'Integrity fetched from the backend for both scripts.', 'almara-pay-link' ) . '</p></div>';
	} elseif ( '' !== $fetched ) {
		$error = get_transient( ALMARA_PAY_LINK_TRANSIENT . 'fetch_error_' . get_current_user_id() );
		echo '<div class="notice notice-error"><p>' . esc_html( is_string( $error ) ? $error : __( 'The scripts could not be fetched.', 'almara-pay-link' ) ) . '</p></div>';
	}

	echo '<form method="post" action="' . esc_url( admin_url( 'options.php' ) ) . '">';
	settings_fields( 'almara_pay_link' );
	do_settings_sections( ALMARA_PAY_LINK_PAGE );
	submit_button();
	echo '</form>';

	echo '<h2>' . esc_html__( 'Fetch integrity', 'almara-pay-link' ) . '</h2>';
	echo '<p>' . esc_html__( 'Downloads both scripts from their URLs (the backend’s by default) on this server and saves their sha384 digests, and the backend’s versioned URLs.', 'almara-pay-link' ) . '</p>';
	echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
	echo '<input type="hidden" name="action" value="almara_pay_link_fetch_integrity" />';
	wp_nonce_field( 'almara_pay_link_fetch_integrity' );
	submit_button( __( 'Fetch integrity', 'almara-pay-link' ), 'secondary', 'almara_pay_link_fetch', false, '' === $settings['backend_url'] ? array( 'disabled' => 'disabled' ) : null );
	echo '</form>';

	echo '<h2>' . esc_html__( 'Placing a form', 'almara-pay-link' ) . '</h2><p>'
		. esc_html__( 'Any role that writes posts: the “Almara Pay form” block, or [almara_pay_link item="kikoi-wrap"] (also lang="sw", presets="500 1000" for an open amount). On the thank-you page: [almara_pay_status].', 'almara-pay-link' )
		. '</p></div>';
}

/**
 * The digest the browser checks: `sha384-` and the base64 of the SHA-384 of the bytes.
 *
 * @param string $body The script as downloaded.
 * @return string
 */
function almara_pay_link_integrity_of( $body ) {
	return 'sha384-' . base64_encode( hash( 'sha384', $body, true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- the SRI format.
}

/**
 * Downloads one script: its versioned URL (the ETag as `?v=`, as the backend's banner prints
 * it) and its integrity, or a WP_Error.
 *
 * @param string $url The script's URL.
 * @return array{url: string, integrity: string}|WP_Error
 */
function almara_pay_link_fetch_script( $url ) {
	$unversioned = remove_query_arg( 'v', $url );
	$response    = wp_remote_get( $unversioned, array( 'timeout' => 10 ) );
	if ( is_wp_error( $response ) ) {
		/* translators: 1: a URL, 2: the error. */
		return new WP_Error( 'unreachable', sprintf( __( 'Cannot download %1$s: %2$s', 'almara-pay-link' ), $unversioned, $response->get_error_message() ) );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	$body   = wp_remote_retrieve_body( $response );
	if ( 200 !== $status || '' === $body ) {
		/* translators: 1: an HTTP status, 2: a URL. */
		return new WP_Error( 'status', sprintf( __( 'The server answered %1$d for %2$s.', 'almara-pay-link' ), $status, $unversioned ) );
	}
	$etag = trim( preg_replace( '#^W/#', '', (string) wp_remote_retrieve_header( $response, 'etag' ) ), '"' );
	return array(
		'url'       => '' !== $etag && preg_match( '/^[\w-]+$/', $etag ) ? add_query_arg( 'v', $etag, $unversioned ) : $unversioned,
		'integrity' => almara_pay_link_integrity_of( $body ),
	);
}

/**
 * The "Fetch integrity" button: administrators only, with a nonce.
 */
function almara_pay_link_handle_fetch_integrity() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'almara-pay-link' ), 403 );
	}
	check_admin_referer( 'almara_pay_link_fetch_integrity' );

	$settings = almara_pay_link_settings();
	$backend  = almara_pay_link_backend();
	$errors   = array();
	foreach ( array(
		'script'        => 'almara-pay-link.js',
		'status_script' => 'almara-pay-status.js',
	) as $script => $file ) {
		$url = '' !== $settings[ $script . '_url' ] ? $settings[ $script . '_url' ] : ( '' === $backend ? '' : $backend . '/' . $file );
		if ( '' === $url ) {
			$errors[] = __( 'Set the backend URL first.', 'almara-pay-link' );
			break;
		}
		$fetched = almara_pay_link_fetch_script( $url );
		if ( is_wp_error( $fetched ) ) {
			$errors[] = $fetched->get_error_message();
			continue;
		}
		$settings[ $script . '_url' ]       = $fetched['url'];
		$settings[ $script . '_integrity' ] = $fetched['integrity'];
	}
	// Saved as is: the values come from the download, not from a form (no sanitize pass to undo them).
	remove_filter( 'sanitize_option_' . ALMARA_PAY_LINK_OPTION, 'almara_pay_link_sanitize_settings' );
	update_option( ALMARA_PAY_LINK_OPTION, $settings );

	if ( $errors ) {
		set_transient( ALMARA_PAY_LINK_TRANSIENT . 'fetch_error_' . get_current_user_id(), implode( ' ', $errors ), MINUTE_IN_SECONDS );
	}
	wp_safe_redirect( add_query_arg( 'almara_pay_link_fetched', $errors ? 'error' : 'ok', admin_url( 'options-general.php?page=' . ALMARA_PAY_LINK_PAGE ) ) );
	exit;
}
