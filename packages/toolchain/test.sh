#!/usr/bin/env bash
# Quick start, command 2: installs what it needs, then runs every test: type check, lint,
# formatting, unit and integration tests, and the end-to-end journeys in Debian's chromium.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GATEHOUSE_ROOT"

step() { log "== $*"; "$@"; }

step bash packages/toolchain/crds.test.sh
step yarn tsc
# The plugins' public API against the committed report.api.md files (from the types tsc just
# wrote); after an intended change, `yarn build:api-reports` updates them.
step bash packages/toolchain/api-reports-check.sh
# The REST contract: the OpenAPI spec lints, and the router generated from it is up to date
# (`yarn build:openapi` regenerates it after a change to the spec).
step bash packages/toolchain/openapi-check.sh
# Every config key a plugin declares has a doc comment and a @visibility.
step node packages/toolchain/check-config-docs.js --shared catalog,catalog.providers,kubernetes,kubernetes.clusterLocatorMethods,kubernetes.clusterLocatorMethods.clusters plugins/*/config.d.ts
step yarn backstage-cli repo lint
step yarn prettier --check .
step bash packages/toolchain/ensure-postgres.sh
step bash packages/toolchain/ensure-kubectl.sh
CI=true step yarn backstage-cli repo test
# The plugins packed and installed into apps fresh from create-app (new frontend system and
# legacy), as the README's install section says, checked in chromium on ports of their own.
CI=true step bash packages/toolchain/external-app-test.sh
# Benchmarks at a small size: they print ratios against baselines of the same run. bench:ingest
# (3 clusters of about 1,000 objects) takes about 20 s and bench:exposure (10 clusters of 400)
# 25 s on 2 cores (40 to 80 s when the machine is busy); BENCH_SIZE=full is 10 clusters of
# 20,500 objects each.
step yarn workspace @gatehouse/dev-cluster bench --objects 20000
step yarn workspace @gatehouse/backstage-plugin-gateway-api-backend bench:ingest
step yarn workspace @gatehouse/backstage-plugin-gateway-api-backend bench:exposure
step yarn workspace @gatehouse/backstage-plugin-gateway-api-backend bench:hostnames
step yarn workspace @gatehouse/backstage-plugin-gateway-api-backend bench:catalog
step bash packages/toolchain/ensure-chromium.sh
step yarn playwright test
