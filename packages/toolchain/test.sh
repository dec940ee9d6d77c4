#!/usr/bin/env bash
# Quick start, command 2: installs what it needs, then runs every test: type check, lint,
# formatting, unit and integration tests, and the end-to-end journeys in Debian's chromium.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GATEHOUSE_ROOT"

step() { log "== $*"; "$@"; }

step yarn tsc
step yarn backstage-cli repo lint
step yarn prettier --check .
CI=true step yarn backstage-cli repo test
step bash packages/toolchain/ensure-chromium.sh
step yarn playwright test
