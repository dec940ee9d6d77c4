#!/usr/bin/env bash
# The external install test: Gatehouse installed from its packed tarballs into apps made by
# @backstage/create-app outside this workspace, as the README's install section says, then
# checked in chromium against a dev cluster of its own.
#
#   bash packages/toolchain/external-app-test.sh        (npm test runs it after the unit tests)
#
# For each app (GATEHOUSE_EXTERNAL_MODES, default "new legacy": the new frontend system, as
# create-app makes apps now, and a legacy app made with --legacy): create the app, put the
# tarballs that check-packages.sh built and checked in it, wire it (external-app/wire.js: the
# README's steps), yarn install, add app-config.local.yaml (external-app/app-config.gatehouse.yaml),
# start it and run e2e-external/ in Debian's chromium.
#
# Ports (none of the demo portal's 3000/7007/6443): EXTERNAL_APP_PORT (13000),
# EXTERNAL_BACKEND_PORT (17007), EXTERNAL_CLUSTER_PORT (16443). The apps live in
# GATEHOUSE_EXTERNAL_DIR (default $TMPDIR/gatehouse-external-apps, outside the repository); their
# node_modules are kept between runs in GATEHOUSE_EXTERNAL_CACHE (default
# ~/.cache/gatehouse/external-apps), keyed on everything that decides them, and yarn's global
# cache is the one the repository's install fills. Everything started is stopped on exit; a
# failure names its step and shows the end of the log that explains it.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GATEHOUSE_ROOT"

# create-app as of our Backstage release (backstage.json). Offline, create-app cannot fetch the
# yarn.lock seed that keeps a new app on its release's versions, so yarn would mix in packages
# of later releases; resolving against the registry as it stood before the next release
# (npmMinimalAgeGate, computed from this date) does what the seed does.
CREATE_APP_VERSION="${GATEHOUSE_CREATE_APP_VERSION:-0.9.2}"
NEXT_RELEASE_DATE="2026-11-17T00:00:00Z"

export EXTERNAL_APP_PORT="${EXTERNAL_APP_PORT:-13000}"
export EXTERNAL_BACKEND_PORT="${EXTERNAL_BACKEND_PORT:-17007}"
export EXTERNAL_CLUSTER_PORT="${EXTERNAL_CLUSTER_PORT:-16443}"
export GATEHOUSE_ROOT
work="${GATEHOUSE_EXTERNAL_DIR:-${TMPDIR:-/tmp}/gatehouse-external-apps}"
cache="${GATEHOUSE_EXTERNAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse/external-apps}"
modes="${GATEHOUSE_EXTERNAL_MODES:-new legacy}"

current_step="setup"
current_log=""
cluster_pid=""
app_pid=""
started=$SECONDS

step() {
  current_step="$*"
  log "== external app ($((SECONDS - started)) s): $*"
}

# Runs a command (in the folder after -C) with its output in a log file of the step, shown
# when the step fails.
quiet() {
  local dir=.
  if [ "$1" = -C ]; then
    dir="$2"
    shift 2
  fi
  current_log="$work/logs/$(printf '%s' "$current_step" | tr -c 'A-Za-z0-9' '-' | cut -c1-60).log"
  (cd "$dir" && "$@") >"$current_log" 2>&1
}

# Starts a server in a process group of its own (setsid; its pid is the group's id), so that
# stopping it stops every process it spawned: start_group <log> <dir> <command...>.
started_pid=""
start_group() {
  local logfile="$1" dir="$2"
  shift 2
  (cd "$dir" && exec setsid "$@") >"$logfile" 2>&1 &
  started_pid=$!
}

stop_group() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

on_exit() {
  local rc=$?
  stop_group "$app_pid"
  stop_group "$cluster_pid"
  if [ "$rc" -ne 0 ]; then
    if [ -n "$current_log" ] && [ -f "$current_log" ]; then
      log "---- last lines of $current_log"
      tail -n 40 "$current_log" >&2
    fi
    log "EXTERNAL INSTALL TEST FAILED at step: $current_step (after $((SECONDS - started)) s)"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local what="$1" url="$2" pid="$3" logfile="$4"
  current_log="$logfile"
  for _ in $(seq 1 400); do
    curl -sf -o /dev/null -H 'Authorization: Bearer dev-cluster-backstage-token' "$url" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited before answering on $url"
    sleep 1.5
  done
  die "$what did not answer on $url within 10 minutes"
}

mkdir -p "$work/logs" "$cache"

step "ports $EXTERNAL_APP_PORT, $EXTERNAL_BACKEND_PORT and $EXTERNAL_CLUSTER_PORT are free"
for port in "$EXTERNAL_APP_PORT" "$EXTERNAL_BACKEND_PORT" "$EXTERNAL_CLUSTER_PORT"; do
  port_free "$port" || die "port $port is in use (set EXTERNAL_APP_PORT, EXTERNAL_BACKEND_PORT or EXTERNAL_CLUSTER_PORT)"
done

step "build, pack and check the three plugins (check-packages.sh)"
rm -rf "$work/tarballs"
quiet env GATEHOUSE_PACK_OUT="$work/tarballs" bash packages/toolchain/check-packages.sh
for name in gateway-api gateway-api-backend gateway-api-common; do
  [ -f "$work/tarballs/$name.tgz" ] || die "check-packages.sh made no $name.tgz"
done

step "ensure chromium"
quiet bash packages/toolchain/ensure-chromium.sh

step "start the dev cluster on :$EXTERNAL_CLUSTER_PORT"
start_group "$work/logs/dev-cluster.log" "$GATEHOUSE_ROOT" yarn workspace @gatehouse/dev-cluster start --port "$EXTERNAL_CLUSTER_PORT"
cluster_pid=$started_pid
wait_for "the dev cluster" "http://127.0.0.1:$EXTERNAL_CLUSTER_PORT/version" "$cluster_pid" "$work/logs/dev-cluster.log"

age_gate_minutes=$((($(date +%s) - $(date -d "$NEXT_RELEASE_DATE" +%s)) / 60))

for mode in $modes; do
  app="$work/$mode"
  legacy_flag=""
  [ "$mode" = legacy ] && legacy_flag="--legacy"

  step "$mode: create the app with @backstage/create-app@$CREATE_APP_VERSION $legacy_flag"
  rm -rf "$app"
  quiet -C "$work" env BACKSTAGE_APP_NAME="$mode" npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --skip-install $legacy_flag
  [ -f "$app/packages/backend/src/index.ts" ] || die "create-app made no app in $app"

  step "$mode: put the tarballs in the app and wire it (external-app/wire.js, the README's steps)"
  mkdir -p "$app/gatehouse"
  cp "$work"/tarballs/*.tgz "$app/gatehouse/"
  quiet node packages/toolchain/external-app/wire.js "$mode" "$app"
  cp packages/toolchain/external-app/app-config.gatehouse.yaml "$app/app-config.local.yaml"

  # Only for this machine's registry, not for Gatehouse: the seed's age gate (see above), and the
  # platform packages TOOLCHAIN.md pins because their newest versions are missing here.
  node - "$app" "$age_gate_minutes" <<'EOF'
const fs = require('node:fs');
const [app, gate] = process.argv.slice(2);
const rc = `${app}/.yarnrc.yml`;
fs.writeFileSync(rc, fs.readFileSync(rc, 'utf8')
  .replace(/^npmMinimalAgeGate:.*$/m, `npmMinimalAgeGate: ${gate}`)
  .replace(/^npmPreapprovedPackages:\n(  - .*\n)*/m, 'npmPreapprovedPackages: []\n'));
const pkg = JSON.parse(fs.readFileSync(`${app}/package.json`, 'utf8'));
Object.assign(pkg.resolutions, {
  '@swc/core': '1.16.18',
  '@yarnpkg/core': '4.9.1',
  'unrs-resolver': '1.12.2',
  rollup: '4.67.4',
});
fs.writeFileSync(`${app}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
EOF
  grep -q "^npmMinimalAgeGate: $age_gate_minutes$" "$app/.yarnrc.yml" || die "could not set the age gate in $app/.yarnrc.yml"

  # The app's node_modules from an earlier run, when everything that decides them is the same
  # (the tarballs aside: yarn refetches those by their checksum).
  # (The gate's minutes move with the clock; the key holds its date instead.)
  key="$( (echo "$CREATE_APP_VERSION $NEXT_RELEASE_DATE" && grep -v '^npmMinimalAgeGate:' "$app/.yarnrc.yml" &&
    cat "$app/package.json" "$app"/packages/*/package.json) | sha256sum | cut -c1-16)"
  if [ -f "$cache/$mode/key" ] && [ "$(cat "$cache/$mode/key")" = "$key" ]; then
    step "$mode: yarn install (warm: node_modules of an earlier run)"
    mv "$cache/$mode/node_modules" "$app/node_modules"
    cp "$cache/$mode/yarn.lock" "$app/yarn.lock"
    mkdir -p "$app/.yarn" && cp "$cache/$mode/install-state.gz" "$app/.yarn/install-state.gz" 2>/dev/null || true
  else
    step "$mode: yarn install (cold)"
  fi
  rm -rf "${cache:?}/$mode"
  install_started=$SECONDS
  # Under CI yarn makes every install immutable, but the app's lockfile is written here: the
  # one create-app would seed it with is out of reach.
  quiet -C "$app" env YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install
  log "$mode: yarn install took $((SECONDS - install_started)) s"

  step "$mode: type check the app (yarn tsc)"
  quiet -C "$app" yarn tsc

  step "$mode: start the app on :$EXTERNAL_APP_PORT (backend :$EXTERNAL_BACKEND_PORT)"
  start_group "$work/logs/$mode-app.log" "$app" yarn start
  app_pid=$started_pid
  wait_for "the $mode app's backend" "http://localhost:$EXTERNAL_BACKEND_PORT/api/gateway-api/health" "$app_pid" "$work/logs/$mode-app.log"
  wait_for "the $mode app's frontend" "http://localhost:$EXTERNAL_APP_PORT" "$app_pid" "$work/logs/$mode-app.log"

  step "$mode: the browser checks (e2e-external/, chromium)"
  current_log=""
  EXTERNAL_APP_MODE="$mode" EXTERNAL_TEST_RESULTS="$GATEHOUSE_ROOT/e2e-test-results/external-$mode" \
    yarn playwright test --config e2e-external/playwright.config.ts ||
    die "the browser checks failed on the $mode app (screenshots and traces: e2e-test-results/external-$mode/)"

  step "$mode: stop the app and keep its node_modules for the next run"
  stop_group "$app_pid"
  app_pid=""
  mkdir -p "$cache/$mode"
  mv "$app/node_modules" "$cache/$mode/node_modules"
  cp "$app/yarn.lock" "$cache/$mode/yarn.lock"
  cp "$app/.yarn/install-state.gz" "$cache/$mode/install-state.gz" 2>/dev/null || true
  echo "$key" >"$cache/$mode/key"
done

step "done"
log "external install test passed for: $modes ($((SECONDS - started)) s)"
