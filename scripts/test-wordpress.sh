#!/usr/bin/env bash
# The WordPress plugin (integrations/wordpress/) against a real WordPress: Debian's 6.1
# (scripts/install-wordpress.sh), Twenty Twenty-Three, MariaDB and Apache with mod_php, each
# started here on 127.0.0.1 only (MariaDB on a socket of its own, Apache on WP_PORT, 8088 by
# default) and stopped at exit, with a fresh database each run. WordPress is installed over
# HTTP (wp-admin/install.php); the tests (test/wordpress/*.test.ts) do the rest as people do:
# the administrator creates the users, uploads the built zip through "Upload plugin", activates
# and configures it against `almara-pay-link serve` on the sandbox; authors publish; a payer
# pays in Chromium. Prints node:test's TAP counts (`# pass N`, `# fail N`).
#
# Run: npm run -s build && bash scripts/test-wordpress.sh   (as root, or with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${WP_PORT:-8088}
# Taken (another run, another server): a free port of the kernel's choosing instead.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
fi
origin="http://127.0.0.1:$port"
zip="$root/dist/wordpress/almara-pay-link.zip"
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
started=$(date +%s)

echo "== php -l on every PHP file of the plugin"
lint_failed=0
while IFS= read -r file; do
  php -l "$file" >/dev/null || lint_failed=1
done < <(find integrations/wordpress -name '*.php' | sort)
[ "$lint_failed" -eq 0 ] || { echo 'php -l failed'; exit 1; }
echo "   $(find integrations/wordpress -name '*.php' | wc -l) files, no syntax errors"

node scripts/build-wordpress.mjs # what npm run build does: milliseconds, and never a stale zip
bash scripts/install-wordpress.sh

work=$(mktemp -d /tmp/almara-wordpress.XXXXXX)
chmod 755 "$work"
config=/etc/wordpress/config-127.0.0.1.php
plugin_dir=/var/lib/wordpress/wp-content/plugins/almara-pay-link
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    $sudo kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do $sudo kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  $sudo rm -rf "$plugin_dir" "$config"
  if [ "$status" -ne 0 ]; then
    echo "-- apache error log"; tail -30 "$work/apache-error.log" 2>/dev/null || true
    echo "-- php debug log (less WordPress 6.1's own deprecations on PHP 8.2, and its offline update checks)"
    grep -v -e 'PHP Deprecated' -e 'WordPress.org' "$work/debug.log" 2>/dev/null | tail -30 || true
  fi
  $sudo rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

echo "== MariaDB on a socket of its own (no TCP)"
$sudo install -d -o mysql -g mysql "$work/db" "$work/mysql"
socket="$work/mysql/mysqld.sock"
$sudo mariadb-install-db --no-defaults --user=mysql --datadir="$work/db" --auth-root-authentication-method=socket >"$work/mariadb-install.log" 2>&1
# Each server in a session of its own: Apache's parent signals its whole process group as it stops.
$sudo setsid mariadbd --no-defaults --user=mysql --datadir="$work/db" --socket="$socket" \
  --pid-file="$work/mysql/mysqld.pid" --skip-networking --log-error="$work/mysql/mariadb.log" &
pids+=($!)
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
db_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
$sudo mariadb --no-defaults --socket="$socket" -u root <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL

echo "== WordPress's config for 127.0.0.1 (Debian's $config)"
salt() { head -c 48 /dev/urandom | base64 | tr -d '/+='; }
touch "$work/debug.log" && $sudo chown www-data "$work/debug.log"
$sudo tee "$config" >/dev/null <<PHP
<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', '$db_password' );
define( 'DB_HOST', 'localhost:$socket' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'AUTH_KEY', '$(salt)' );
define( 'SECURE_AUTH_KEY', '$(salt)' );
define( 'LOGGED_IN_KEY', '$(salt)' );
define( 'NONCE_KEY', '$(salt)' );
define( 'AUTH_SALT', '$(salt)' );
define( 'SECURE_AUTH_SALT', '$(salt)' );
define( 'LOGGED_IN_SALT', '$(salt)' );
define( 'NONCE_SALT', '$(salt)' );
define( 'WP_CONTENT_DIR', '/var/lib/wordpress/wp-content' );
// Offline: no call to wordpress.org (update checks), no cron requests.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
// "Upload plugin" writes as www-data into Debian's /var/lib/wordpress/wp-content/plugins.
define( 'FS_METHOD', 'direct' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$work/debug.log' );
PHP
$sudo chown root:www-data "$config"
$sudo chmod 640 "$config"
$sudo rm -rf "$plugin_dir"

echo "== Apache on $origin only"
cat >"$work/apache.conf" <<CONF
ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $work/apache.pid
User www-data
Group www-data
ErrorLog $work/apache-error.log
LogFormat "%h \"%r\" %>s %D" timing
CustomLog $work/apache-access.log timing
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule setenvif_module /usr/lib/apache2/modules/mod_setenvif.so
LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so
TypesConfig /etc/mime.types
StartServers 4
MaxRequestWorkers 40
DocumentRoot /usr/share/wordpress
DirectoryIndex index.php index.html
Alias /wp-content /var/lib/wordpress/wp-content
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
<Directory />
  Require all denied
</Directory>
<Directory /usr/share/wordpress>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory /var/lib/wordpress/wp-content>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory /usr/share/wordpress/wp-content>
  Options FollowSymLinks
  Require all granted
</Directory>
CONF
$sudo setsid apache2 -f "$work/apache.conf" -DFOREGROUND &
pids+=($!)
for _ in $(seq 100); do curl -fsS -o /dev/null "$origin/wp-login.php" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$origin/wp-admin/install.php" || { echo "Apache does not serve WordPress at $origin"; exit 1; }

echo "== WordPress installed over HTTP (wp-admin/install.php)"
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
curl -fsS -o "$work/install.html" "$origin/wp-admin/install.php?step=2" \
  --data-urlencode 'weblog_title=Duka la Amani' --data-urlencode 'user_name=admin' \
  --data-urlencode "admin_password=$admin_password" --data-urlencode "admin_password2=$admin_password" \
  --data-urlencode 'admin_email=admin@duka.example' --data-urlencode 'blog_public=0' --data-urlencode 'language='
grep -q 'Success!' "$work/install.html" || { echo 'install.php did not say Success!'; sed -e 's/<[^>]*>//g' "$work/install.html" | grep -v '^\s*$' | head -20; exit 1; }
echo "   $(grep -o "wp_version = '[^']*'" /usr/share/wordpress/wp-includes/version.php), theme $(curl -fsS "$origin/" | grep -o 'themes/[a-z-]*' | head -1), in $(($(date +%s) - started)) s so far"

echo "== the plugin's tests (test/wordpress/*.test.ts)"
status=0
WP_URL="$origin" WP_ADMIN_USER=admin WP_ADMIN_PASSWORD="$admin_password" WP_PLUGIN_ZIP="$zip" \
  WP_DEBUG_LOG="$work/debug.log" \
  node --import tsx --test --test-reporter=tap --test-concurrency=1 test/wordpress/*.test.ts >"$work/tap.txt" 2>&1 || status=$?
# What the tests print of the post and the measured heights, then node:test's counts.
sed -n 's/^# wordpress: /   /p' "$work/tap.txt" | sort -u
grep -E '^# (tests|pass|fail|cancelled|duration_ms)' "$work/tap.txt" || true
[ -z "${WP_TAP_OUT:-}" ] || cp "$work/tap.txt" "$WP_TAP_OUT"
if [ "$status" -ne 0 ]; then
  # The failing subtests with their messages (not the counts again, which test.sh adds up).
  grep -B2 -A30 '^ *not ok' "$work/tap.txt" | grep -v -e '^ *at ' -e '^# ' | head -200 || tail -60 "$work/tap.txt"
fi
echo "wordpress: $(($(date +%s) - started)) s in all"
exit "$status"
