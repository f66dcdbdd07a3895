<?php
/**
 * Removes what the plugin stored: its settings and its cached catalogue, on every site of a
 * network too.
 *
 * @package AlmaraPayLink
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Deletes the option and the transients of the current site.
 */
function almara_pay_link_uninstall_site() {
	global $wpdb;
	delete_option( 'almara_pay_link_settings' );
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- transients have no API to list them.
	$wpdb->query(
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( '_transient_almara_pay_link_' ) . '%',
			$wpdb->esc_like( '_transient_timeout_almara_pay_link_' ) . '%'
		)
	);
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $almara_pay_link_site ) {
		switch_to_blog( $almara_pay_link_site );
		almara_pay_link_uninstall_site();
		restore_current_blog();
	}
} else {
	almara_pay_link_uninstall_site();
}
