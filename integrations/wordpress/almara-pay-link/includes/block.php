<?php
/**
 * The block `almara-pay-link/payment-form`: rendered on the server like the shortcode, with a
 * small editor script of plain JavaScript (no build step) for its sidebar fields and preview.
 *
 * @package AlmaraPayLink
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the block and its editor script (enqueued by WordPress in the editor only).
 */
function almara_pay_link_register_block() {
	wp_register_script(
		'almara-pay-link-block-editor',
		plugins_url( 'assets/block-editor.js', ALMARA_PAY_LINK_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-server-side-render' ),
		ALMARA_PAY_LINK_VERSION,
		true
	);
	wp_set_script_translations( 'almara-pay-link-block-editor', 'almara-pay-link', ALMARA_PAY_LINK_DIR . 'languages' );

	register_block_type(
		'almara-pay-link/payment-form',
		array(
			'api_version'     => 2,
			'title'           => __( 'Almara Pay form', 'almara-pay-link' ),
			'description'     => __( 'A payment form for an item of the backend’s catalogue (M-Pesa, Airtel Money, card).', 'almara-pay-link' ),
			'category'        => 'widgets',
			'icon'            => 'money-alt',
			'keywords'        => array( 'payment', 'mpesa', 'almara' ),
			'textdomain'      => 'almara-pay-link',
			'editor_script'   => 'almara-pay-link-block-editor',
			'render_callback' => 'almara_pay_link_render_block',
			'supports'        => array(
				'html'     => false,
				'multiple' => true,
			),
			'attributes'      => array(
				'item'    => array(
					'type'    => 'string',
					'default' => '',
				),
				'lang'    => array(
					'type'    => 'string',
					'default' => '',
				),
				'presets' => array(
					'type'    => 'string',
					'default' => '',
				),
			),
		)
	);
}

/**
 * The block's markup: the same as the shortcode's, from its three attributes only.
 *
 * @param array<string, mixed> $attributes The block's attributes.
 * @return string
 */
function almara_pay_link_render_block( $attributes ) {
	return almara_pay_link_render_form(
		array(
			'item'    => is_string( $attributes['item'] ?? null ) ? $attributes['item'] : '',
			'lang'    => is_string( $attributes['lang'] ?? null ) ? $attributes['lang'] : '',
			'presets' => is_string( $attributes['presets'] ?? null ) ? $attributes['presets'] : '',
		)
	);
}
