<?php
/**
 * Plugin Name:       Almara Pay Link
 * Plugin URI:        https://www.npmjs.com/package/almara-pay-link
 * Description:       Payment forms for M-Pesa, Airtel Money and cards through Almara Pay: the [almara_pay_link] shortcode and a block for every role that writes posts, with the backend an administrator chose.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Almara Pay Link contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       almara-pay-link
 * Domain Path:       /languages
 *
 * @package AlmaraPayLink
 */

defined( 'ABSPATH' ) || exit;

define( 'ALMARA_PAY_LINK_VERSION', '0.1.0' );
define( 'ALMARA_PAY_LINK_FILE', __FILE__ );
define( 'ALMARA_PAY_LINK_DIR', plugin_dir_path( __FILE__ ) );

require_once ALMARA_PAY_LINK_DIR . 'includes/settings.php';
require_once ALMARA_PAY_LINK_DIR . 'includes/catalogue.php';
require_once ALMARA_PAY_LINK_DIR . 'includes/render.php';
require_once ALMARA_PAY_LINK_DIR . 'includes/block.php';
require_once ALMARA_PAY_LINK_DIR . 'includes/admin.php';

add_action( 'init', 'almara_pay_link_load_textdomain' );
add_action( 'init', 'almara_pay_link_register_shortcodes' );
add_action( 'init', 'almara_pay_link_register_block' );
add_action( 'wp_enqueue_scripts', 'almara_pay_link_register_assets', 5 );
add_action( 'wp_enqueue_scripts', 'almara_pay_link_enqueue_for_queried_posts' );
add_filter( 'script_loader_tag', 'almara_pay_link_script_tag', 10, 3 );

if ( is_admin() ) {
	add_action( 'admin_menu', 'almara_pay_link_admin_menu' );
	add_action( 'admin_init', 'almara_pay_link_register_settings' );
	add_action( 'admin_post_almara_pay_link_fetch_integrity', 'almara_pay_link_handle_fetch_integrity' );
	add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'almara_pay_link_action_links' );
}

/**
 * Loads the plugin's translations.
 */
function almara_pay_link_load_textdomain() {
	load_plugin_textdomain( 'almara-pay-link', false, dirname( plugin_basename( ALMARA_PAY_LINK_FILE ) ) . '/languages' );
}
