#!/usr/bin/env bash
# Installs Debian's WordPress (6.1) and what it runs on, for the WordPress plugin's tests
# (scripts/test-wordpress.sh): MariaDB, Apache with mod_php, PHP's MySQL and curl extensions,
# the Twenty Twenty-Three theme (a block theme, only recommended by the wordpress package) and
# Twenty Twenty-One (a classic one),
# and curl and unzip, which the tests use.
# Skips what is there. The tests start their own MariaDB and Apache on 127.0.0.1 only; the
# packages' system services are never used.
set -euo pipefail
packages=(wordpress wordpress-theme-twentytwentythree wordpress-theme-twentytwentyone mariadb-server apache2 libapache2-mod-php php-mysql php-curl php-xml php-mbstring curl unzip)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "wordpress: $(dpkg-query -W -f='${Version}' wordpress) already installed, with MariaDB, Apache and PHP"
  exit 0
fi
echo "wordpress: installing ${missing[*]}"
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
$sudo apt-get update -qq
# policy-rc.d: no package starts its service (the tests start their own, on loopback only).
policy=/usr/sbin/policy-rc.d
created_policy=''
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  created_policy=1
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[ -z "$created_policy" ] || $sudo rm -f "$policy"
echo "wordpress: $(dpkg-query -W -f='${Version}' wordpress) installed"
