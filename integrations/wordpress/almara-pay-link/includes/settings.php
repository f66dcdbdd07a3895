<?php
/**
 * The administrator's settings: one option, read everywhere through almara_pay_link_settings().
 *
 * @package AlmaraPayLink
 */

defined( 'ABSPATH' ) || exit;

/** The option that holds every setting. */
const ALMARA_PAY_LINK_OPTION = 'almara_pay_link_settings';

/**
 * The settings' defaults.
 *
 * @return array<string, mixed>
 */
function almara_pay_link_default_settings() {
	return array(
		'backend_url'             => '',
		'script_url'              => '',
		'script_integrity'        => '',
		'status_script_url'       => '',
		'status_script_integrity' => '',
		'language'                => 'en',
		'thanks_page'             => 0,
	);
}

/**
 * The settings as saved, with defaults for what is missing.
 *
 * @return array<string, mixed>
 */
function almara_pay_link_settings() {
	$saved = get_option( ALMARA_PAY_LINK_OPTION, array() );
	return array_merge( almara_pay_link_default_settings(), is_array( $saved ) ? $saved : array() );
}

/**
 * The backend's base URL without a trailing slash, or '' when none is set.
 *
 * @return string
 */
function almara_pay_link_backend() {
	return untrailingslashit( (string) almara_pay_link_settings()['backend_url'] );
}

/**
 * An http(s) URL, or '' for anything else.
 *
 * @param mixed $value What the administrator typed.
 * @return string
 */
function almara_pay_link_sanitize_url( $value ) {
	$url  = esc_url_raw( trim( (string) $value ), array( 'http', 'https' ) );
	$host = wp_parse_url( $url, PHP_URL_HOST );
	return is_string( $host ) && '' !== $host ? $url : '';
}

/**
 * An integrity value: one or more `sha256-`/`sha384-`/`sha512-` base64 digests, or ''.
 *
 * @param mixed $value What the administrator typed.
 * @return string
 */
function almara_pay_link_sanitize_integrity( $value ) {
	$digests = preg_split( '/\s+/', trim( (string) $value ), -1, PREG_SPLIT_NO_EMPTY );
	$valid   = array_filter(
		$digests,
		static function ( $digest ) {
			return 1 === preg_match( '#^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$#', $digest );
		}
	);
	return implode( ' ', $valid );
}

/**
 * Sanitises the settings form (the Settings API's sanitize_callback).
 *
 * @param mixed $input The submitted values.
 * @return array<string, mixed>
 */
function almara_pay_link_sanitize_settings( $input ) {
	$input    = is_array( $input ) ? $input : array();
	$previous = almara_pay_link_settings();
	$output   = almara_pay_link_default_settings();

	$output['backend_url'] = untrailingslashit( almara_pay_link_sanitize_url( $input['backend_url'] ?? '' ) );
	if ( '' !== trim( (string) ( $input['backend_url'] ?? '' ) ) && '' === $output['backend_url'] ) {
		add_settings_error( ALMARA_PAY_LINK_OPTION, 'backend_url', __( 'The backend URL must be an http(s) URL.', 'almara-pay-link' ) );
	}
	$changed_backend = $output['backend_url'] !== $previous['backend_url'];

	foreach ( array( 'script', 'status_script' ) as $script ) {
		$file = 'script' === $script ? 'almara-pay-link.js' : 'almara-pay-status.js';
		$url  = almara_pay_link_sanitize_url( $input[ $script . '_url' ] ?? '' );
		// Prefilled for the backend's own script; a new backend means its script, unless typed anew.
		if ( '' === $url || ( $changed_backend && $url === $previous[ $script . '_url' ] ) ) {
			$url = '' === $output['backend_url'] ? '' : $output['backend_url'] . '/' . $file;
		}
		$integrity = almara_pay_link_sanitize_integrity( $input[ $script . '_integrity' ] ?? '' );
		if ( $url !== $previous[ $script . '_url' ] && $integrity === $previous[ $script . '_integrity' ] ) {
			$integrity = ''; // Another script: its old digest would only make it fail.
		}
		$output[ $script . '_url' ]       = $url;
		$output[ $script . '_integrity' ] = $integrity;
	}

	$language           = sanitize_key( $input['language'] ?? 'en' );
	$output['language'] = in_array( $language, array( 'en', 'sw' ), true ) ? $language : 'en';

	$page                  = absint( $input['thanks_page'] ?? 0 );
	$output['thanks_page'] = $page && 'page' === get_post_type( $page ) ? $page : 0;

	if ( $changed_backend ) {
		almara_pay_link_forget_catalogue();
	}
	return $output;
}
