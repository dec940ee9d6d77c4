#!/usr/bin/env bash
# Finds the upstream CRDs the dev cluster and the tests validate against, and exports
# GATEHOUSE_CRDS_DIR (the folder with cert-manager/, envoy-gateway/ and gateway-api/, with
# crds-gateway-api-<version>/ and crds-nginx-gateway-fabric-<version>/ beside it). Sourced by
# env.sh; run directly, it prints the folder.
#
# Looked for in this order:
#   1. GATEHOUSE_CRDS_DIR (and GATEHOUSE_GATEWAY_API_CRDS_DIR) when set: used as given;
#   2. ../shared/ beside the clone, when it holds every file of crds.lock;
#   3. .toolchain/crds/ (git-ignored), filled from the pinned upstream releases when a file is
#      missing: each file of crds.lock from <GATEHOUSE_CRDS_BASE_URL>/<repository>/<tag>/<path>
#      (default base https://raw.githubusercontent.com), kept only when its sha256 matches.
# Offline, it prints which files to fetch from where and where to put them, and fails.
#
# GATEHOUSE_CRDS_SHARED_DIR and GATEHOUSE_CRDS_CACHE_DIR move 2 and 3 (for crds.test.sh).

crds_log() { printf '[gatehouse] %s\n' "$*" >&2; }

CRDS_TOOLCHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CRDS_REPO_ROOT="$(cd "$CRDS_TOOLCHAIN_DIR/../.." && pwd)"
CRDS_LOCK="$CRDS_TOOLCHAIN_DIR/crds.lock"

# The lock's entries without comments: sha256 path repository tag source.
crds_entries() { grep -v '^#' "$CRDS_LOCK" | awk 'NF == 5'; }

crds_sha256() { sha256sum "$1" | cut -c1-64; }

# True when <root> holds every file of the lock (the layout of ../shared/).
crds_complete() {
  local root="$1" sha file rest
  [ -d "$root" ] || return 1
  while read -r sha file rest; do
    [ -f "$root/$file" ] || return 1
  done < <(crds_entries)
}

# Prints the folders the dev cluster reads under a given GATEHOUSE_CRDS_DIR that are missing.
crds_missing_dirs() {
  local dir="$1" sub
  for sub in cert-manager envoy-gateway; do
    [ -d "$dir/$sub" ] || echo "$dir/$sub"
  done
  if [ -z "${GATEHOUSE_GATEWAY_API_CRDS_DIR:-}" ] && [ ! -d "$dir/gateway-api" ]; then
    echo "$dir/gateway-api"
  fi
  if [ -n "${GATEHOUSE_GATEWAY_API_CRDS_DIR:-}" ] && [ ! -d "$GATEHOUSE_GATEWAY_API_CRDS_DIR" ]; then
    echo "$GATEHOUSE_GATEWAY_API_CRDS_DIR (GATEHOUSE_GATEWAY_API_CRDS_DIR)"
  fi
}

# Fills <cache> from the pinned releases; returns non-zero when a file is missing or refused.
crds_download() {
  local cache="$1" base="${GATEHOUSE_CRDS_BASE_URL:-https://raw.githubusercontent.com}"
  local sha file repo tag src url got rc refused=0 unreachable="" derived=()
  local missing=()
  base="${base%/}"
  while read -r sha file repo tag src; do
    local dest="$cache/$file"
    if [ "$repo" = derived ]; then
      derived+=("$sha $file $src")
      continue
    fi
    if [ -f "$dest" ]; then
      got="$(crds_sha256 "$dest")"
      [ "$got" = "$sha" ] && continue
      crds_log "refused $dest: sha256 expected $sha, got $got (file removed)"
      rm -f "$dest"
      refused=1
    fi
    url="$base/$repo/$tag/$src"
    if [ -n "$unreachable" ]; then
      missing+=("$url|$dest")
      continue
    fi
    mkdir -p "$(dirname "$dest")"
    rc=0
    curl -fsSL --connect-timeout 10 --retry 2 -o "$dest.part" "$url" 2>"$cache/.curl-error" || rc=$?
    if [ "$rc" -ne 0 ]; then
      rm -f "$dest.part"
      # 22 is an HTTP error for this one file; anything else means the host is out of reach.
      if [ "$rc" -eq 22 ]; then
        crds_log "could not download $url: $(tail -n1 "$cache/.curl-error")"
      else
        unreachable="$(tail -n1 "$cache/.curl-error") (curl exit $rc)"
      fi
      missing+=("$url|$dest")
      continue
    fi
    got="$(crds_sha256 "$dest.part")"
    if [ "$got" != "$sha" ]; then
      rm -f "$dest.part"
      crds_log "refused $file downloaded from $url: sha256 expected $sha, got $got (file not kept)"
      refused=1
      continue
    fi
    mv "$dest.part" "$dest"
  done < <(crds_entries)
  rm -f "$cache/.curl-error"

  if [ "${#missing[@]}" -gt 0 ]; then
    crds_log "could not download the CRDs${unreachable:+: $unreachable}."
    crds_log "Fetch these ${#missing[@]} files (each at its release tag) and put each at the path shown,"
    crds_log "then run this again (each file's sha256 is checked against packages/toolchain/crds.lock):"
    local pair
    for pair in "${missing[@]}"; do
      printf '  %s\n    -> %s\n' "${pair%%|*}" "${pair#*|}" >&2
    done
    crds_log "Or set GATEHOUSE_CRDS_DIR to a folder that holds them (cert-manager/, envoy-gateway/,"
    crds_log "gateway-api/, with crds-gateway-api-v1.6.1/ and crds-nginx-gateway-fabric-v2.6.7/ beside it),"
    crds_log "or GATEHOUSE_CRDS_BASE_URL to a mirror."
    return 1
  fi
  [ "$refused" -eq 0 ] || return 1

  # Derived files last: they are computed from the files just checked.
  local entry
  for entry in "${derived[@]}"; do
    read -r sha file src <<<"$entry"
    [ -f "$cache/$file" ] && [ "$(crds_sha256 "$cache/$file")" = "$sha" ] && continue
    node "$CRDS_TOOLCHAIN_DIR/cel-rules.js" "$cache/$src" >"$cache/$file.part" || return 1
    got="$(crds_sha256 "$cache/$file.part")"
    if [ "$got" != "$sha" ]; then
      rm -f "$cache/$file.part"
      crds_log "refused $file computed from $cache/$src: sha256 expected $sha, got $got"
      return 1
    fi
    mv "$cache/$file.part" "$cache/$file"
  done
}

# Sets and exports GATEHOUSE_CRDS_DIR; returns non-zero (having said why) when it cannot.
gatehouse_locate_crds() {
  local shared="${GATEHOUSE_CRDS_SHARED_DIR:-$CRDS_REPO_ROOT/../shared}"
  local cache="${GATEHOUSE_CRDS_CACHE_DIR:-$CRDS_REPO_ROOT/.toolchain/crds}"
  local stamp lock_sum missing
  if [ -n "${GATEHOUSE_CRDS_DIR:-}" ]; then
    missing="$(crds_missing_dirs "$GATEHOUSE_CRDS_DIR")"
    if [ -n "$missing" ]; then
      crds_log "GATEHOUSE_CRDS_DIR is $GATEHOUSE_CRDS_DIR, and these CRD folders do not exist:"
      sed 's/^/  /' <<<"$missing" >&2
      return 1
    fi
    export GATEHOUSE_CRDS_DIR
    return 0
  fi
  if crds_complete "$shared"; then
    GATEHOUSE_CRDS_DIR="$(cd "$shared" && pwd)/crds"
  else
    lock_sum="$(crds_sha256 "$CRDS_LOCK")"
    stamp="$cache/.verified"
    if ! { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && crds_complete "$cache"; }; then
      crds_log "no CRDs in $shared: fetching the pinned releases into $cache"
      mkdir -p "$cache"
      crds_download "$cache" || return 1
      echo "$lock_sum" >"$stamp"
    fi
    GATEHOUSE_CRDS_DIR="$(cd "$cache" && pwd)/crds"
  fi
  missing="$(crds_missing_dirs "$GATEHOUSE_CRDS_DIR")"
  if [ -n "$missing" ]; then
    crds_log "GATEHOUSE_GATEWAY_API_CRDS_DIR is set to a folder that does not exist: $missing"
    return 1
  fi
  export GATEHOUSE_CRDS_DIR
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  gatehouse_locate_crds || exit 1
  echo "$GATEHOUSE_CRDS_DIR"
fi
