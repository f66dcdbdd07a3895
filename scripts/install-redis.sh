#!/usr/bin/env bash
# Installs Debian's redis-server for the Redis store tests (test/node/redis.test.ts starts
# its own on a loopback port), and skips it when it is there. Only the binary is used: the
# tests never touch a system-wide Redis.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "redis: $(redis-server --version | cut -d' ' -f3) already installed"
  exit 0
fi
echo 'redis: installing redis-server'
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
