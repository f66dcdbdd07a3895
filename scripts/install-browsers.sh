#!/usr/bin/env bash
# Installs the Debian packages the tests need (Chromium, Firefox ESR, WebKitGTK's
# WebDriver and MiniBrowser, Xvfb for MiniBrowser), and skips all of it when they are
# there. No browser download works on these machines, so Debian's builds are the ones.
set -euo pipefail
packages=(chromium firefox-esr webkit2gtk-driver xvfb)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "browsers: ${packages[*]} already installed"
  exit 0
fi
echo "browsers: installing ${missing[*]}"
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
