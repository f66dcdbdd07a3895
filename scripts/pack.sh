#!/usr/bin/env bash
# The package as a merchant installs it: `npm pack` of the built dist/, at a fixed path
# (.pack/almara-pay-link.tgz) that the examples and the docs test install from.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .pack
rm -f .pack/almara-pay-link-*.tgz
name=$(npm pack --silent --pack-destination .pack)
mv ".pack/$name" .pack/almara-pay-link.tgz.tmp
mv .pack/almara-pay-link.tgz.tmp .pack/almara-pay-link.tgz
echo ".pack/almara-pay-link.tgz ($name)"
