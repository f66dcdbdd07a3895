<?php
/**
 * The backend's catalogue (`GET {backend}/api/items/{item}`), cached in transients.
 *
 * @package AlmaraPayLink
 */

defined( 'ABSPATH' ) || exit;

/** How long an item's description and price are kept. */
const ALMARA_PAY_LINK_ITEM_TTL = 10 * MINUTE_IN_SECONDS;

/** How long an unknown item or an unreachable backend is remembered, so that pages stay fast. */
const ALMARA_PAY_LINK_MISS_TTL = MINUTE_IN_SECONDS;

/** The prefix of every transient of the plugin (uninstall.php removes them all). */
const ALMARA_PAY_LINK_TRANSIENT = 'almara_pay_link_';

/**
 * Whether `$item` is an item key as the backend accepts one.
 *
 * @param string $item The key.
 * @return bool
 */
function almara_pay_link_is_item_key( $item ) {
	return 1 === preg_match( '/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/', $item );
}

/**
 * The item as the backend describes it, or a WP_Error (`unknown_item`, `unreachable`, `invalid`).
 *
 * @param string $item The item's key.
 * @return array{description: string, currency: string, price?: float, min?: float, max?: float}|WP_Error
 */
function almara_pay_link_item( $item ) {
	$backend = almara_pay_link_backend();
	if ( '' === $backend ) {
		return new WP_Error( 'no_backend', __( 'No backend is set in Settings › Almara Pay.', 'almara-pay-link' ) );
	}
	if ( ! almara_pay_link_is_item_key( $item ) ) {
		return new WP_Error( 'unknown_item', __( 'The item must be a key of the backend’s catalogue, like kikoi-wrap.', 'almara-pay-link' ) );
	}
	$key    = ALMARA_PAY_LINK_TRANSIENT . 'item_' . md5( $backend . '|' . $item );
	$cached = get_transient( $key );
	if ( is_array( $cached ) ) {
		return isset( $cached['error'] ) ? new WP_Error( $cached['error'], $cached['message'] ) : $cached;
	}

	$result = almara_pay_link_fetch_item( $backend, $item );
	if ( is_wp_error( $result ) ) {
		set_transient(
			$key,
			array(
				'error'   => $result->get_error_code(),
				'message' => $result->get_error_message(),
			),
			ALMARA_PAY_LINK_MISS_TTL
		);
	} else {
		set_transient( $key, $result, ALMARA_PAY_LINK_ITEM_TTL );
	}
	return $result;
}

/**
 * Asks the backend for one item.
 *
 * @param string $backend The backend's base URL.
 * @param string $item    The item's key.
 * @return array<string, mixed>|WP_Error
 */
function almara_pay_link_fetch_item( $backend, $item ) {
	$url      = $backend . '/api/items/' . rawurlencode( $item );
	$response = wp_remote_get(
		$url,
		array(
			'timeout' => 5,
			'headers' => array( 'Accept' => 'application/json' ),
		)
	);
	if ( is_wp_error( $response ) ) {
		/* translators: 1: a URL, 2: the error. */
		return new WP_Error( 'unreachable', sprintf( __( 'The backend cannot be reached at %1$s: %2$s', 'almara-pay-link' ), $url, $response->get_error_message() ) );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	if ( 404 === $status ) {
		/* translators: %s: an item's key. */
		return new WP_Error( 'unknown_item', sprintf( __( 'The backend has no item “%s”.', 'almara-pay-link' ), $item ) );
	}
	if ( 200 !== $status ) {
		/* translators: 1: an HTTP status, 2: a URL. */
		return new WP_Error( 'unreachable', sprintf( __( 'The backend answered %1$d for %2$s.', 'almara-pay-link' ), $status, $url ) );
	}
	$data = json_decode( wp_remote_retrieve_body( $response ), true );
	if ( ! is_array( $data ) || ! isset( $data['description'], $data['currency'] ) || ! is_string( $data['description'] ) ) {
		/* translators: %s: a URL. */
		return new WP_Error( 'invalid', sprintf( __( 'The backend’s answer for %s is not an item.', 'almara-pay-link' ), $url ) );
	}
	$clean = array(
		'description' => sanitize_text_field( $data['description'] ),
		'currency'    => preg_match( '/^[A-Z]{3}$/', (string) $data['currency'] ) ? (string) $data['currency'] : 'KES',
	);
	if ( isset( $data['price'] ) && is_numeric( $data['price'] ) ) {
		$clean['price'] = (float) $data['price'];
	} elseif ( isset( $data['min'], $data['max'] ) && is_numeric( $data['min'] ) && is_numeric( $data['max'] ) ) {
		$clean['min'] = (float) $data['min'];
		$clean['max'] = (float) $data['max'];
	} else {
		/* translators: %s: a URL. */
		return new WP_Error( 'invalid', sprintf( __( 'The backend’s answer for %s has no price.', 'almara-pay-link' ), $url ) );
	}
	return $clean;
}

/**
 * Forgets every cached item (a new backend, or uninstall).
 */
function almara_pay_link_forget_catalogue() {
	global $wpdb;
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- transients have no API to list them.
	$wpdb->query(
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( '_transient_' . ALMARA_PAY_LINK_TRANSIENT ) . '%',
			$wpdb->esc_like( '_transient_timeout_' . ALMARA_PAY_LINK_TRANSIENT ) . '%'
		)
	);
	if ( wp_cache_supports( 'flush_group' ) ) {
		wp_cache_flush_group( 'transient' );
	}
}
