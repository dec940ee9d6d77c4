#!/usr/bin/env bash
# The multi-replica catalog test runs a throwaway PostgreSQL server (initdb + pg_ctl).
set -euo pipefail
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && exit 0; done
command -v initdb > /dev/null && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is missing: install it with 'sudo apt-get install -y postgresql'" >&2
  exit 1
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
