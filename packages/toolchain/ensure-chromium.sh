#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium (Playwright cannot download browsers here).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing: install it with 'sudo apt-get install -y chromium'" >&2
  exit 1
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
