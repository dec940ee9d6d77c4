#!/usr/bin/env bash
# Tests crds.sh against a local HTTP mirror of the pinned release files: the download into an
# empty folder, a wrong checksum refused, an unreachable host answered with the files to fetch,
# and the lookup order (GATEHOUSE_CRDS_DIR, then ../shared, then .toolchain/crds). The mirror
# is built from the CRDs found the ordinary way, so run it after env.sh has located them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/crds.sh"

tmp="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
pass() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*"
  failures=$((failures + 1))
}
# expect <description> <command...>: the command must succeed.
expect() {
  local what="$1"
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# The source of the mirror: the folder that holds crds/ (and crds-gateway-api-*/) today.
gatehouse_locate_crds
source_root="$(dirname "$GATEHOUSE_CRDS_DIR")"
unset GATEHOUSE_CRDS_DIR GATEHOUSE_GATEWAY_API_CRDS_DIR
crds_complete "$source_root" || {
  echo "crds.test.sh: $source_root does not hold every file of crds.lock" >&2
  exit 1
}

# mirror/<repository>/<tag>/<path>, as on raw.githubusercontent.com; derived files are not there.
mirror="$tmp/mirror"
while read -r sha file repo tag src; do
  [ "$repo" = derived ] && continue
  mkdir -p "$(dirname "$mirror/$repo/$tag/$src")"
  ln -s "$source_root/$file" "$mirror/$repo/$tag/$src"
done < <(crds_entries)
downloads=$(crds_entries | awk '$3 != "derived"' | wc -l)

# A static file server that logs each request path.
node -e '
  const http = require("node:http"), fs = require("node:fs"), path = require("node:path");
  const [root, log, portFile] = process.argv.slice(1);
  const server = http.createServer((req, res) => {
    fs.appendFileSync(log, req.url + "\n");
    fs.readFile(path.join(root, decodeURIComponent(req.url)), (err, data) => {
      res.writeHead(err ? 404 : 200);
      res.end(err ? "not found" : data);
    });
  });
  server.listen(0, "127.0.0.1", () => fs.writeFileSync(portFile, String(server.address().port)));
' "$mirror" "$tmp/requests.log" "$tmp/port" &
server=$!
for _ in $(seq 1 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$tmp/port")"
touch "$tmp/requests.log"
requests() { wc -l <"$tmp/requests.log"; }

# run <name> [VAR=value...]: crds.sh with no ../shared and its own cache, output in $tmp/<name>.*
run() {
  local name="$1"
  shift
  local rc=0
  env -u GATEHOUSE_CRDS_DIR -u GATEHOUSE_GATEWAY_API_CRDS_DIR \
    GATEHOUSE_CRDS_SHARED_DIR="$tmp/no-shared" GATEHOUSE_CRDS_CACHE_DIR="$tmp/$name" "$@" \
    bash "$here/crds.sh" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
  echo "$rc" >"$tmp/$name.rc"
}
rc_of() { cat "$tmp/$1.rc"; }

# 1. Download into an empty folder: every file, each checksum right, the derived file computed.
run download GATEHOUSE_CRDS_BASE_URL="$base"
expect "download: exits 0" [ "$(rc_of download)" = 0 ]
expect "download: prints the cache's crds/ folder" [ "$(cat "$tmp/download.out")" = "$tmp/download/crds" ]
expect "download: one request per release file ($downloads)" [ "$(requests)" = "$downloads" ]
expect "download: every file of the lock with its sha256" \
  bash -c "cd '$tmp/download' && grep -v '^#' '$CRDS_LOCK' | awk 'NF == 5 { print \$1 \"  \" \$2 }' | sha256sum --quiet -c -"
expect "download: cel-rules.v1.4.1.json derived" [ -s "$tmp/download/crds/gateway-api/cel-rules.v1.4.1.json" ]

# 2. A second run uses what it verified and asks for nothing.
before=$(requests)
run download GATEHOUSE_CRDS_BASE_URL="$base"
expect "again: exits 0 with the same folder" [ "$(rc_of download):$(cat "$tmp/download.out")" = "0:$tmp/download/crds" ]
expect "again: no request" [ "$(requests)" = "$before" ]

# 3. A file changed on the mirror is refused: named with both sums, not kept, exit non-zero.
victim_line="$(crds_entries | grep cert-manager.io_issuers.yaml)"
read -r victim_sha victim_file victim_repo victim_tag victim_src <<<"$victim_line"
rm "$mirror/$victim_repo/$victim_tag/$victim_src"
{ cat "$source_root/$victim_file"; echo "# tampered"; } >"$mirror/$victim_repo/$victim_tag/$victim_src"
bad_sha="$(crds_sha256 "$mirror/$victim_repo/$victim_tag/$victim_src")"
run tampered GATEHOUSE_CRDS_BASE_URL="$base"
expect "wrong checksum: exits non-zero" [ "$(rc_of tampered)" != 0 ]
expect "wrong checksum: names the file, expected and got" \
  grep -q "refused $victim_file downloaded from $base/$victim_repo/$victim_tag/$victim_src: sha256 expected $victim_sha, got $bad_sha" "$tmp/tampered.err"
expect "wrong checksum: the file is not kept" \
  bash -c "! ls '$tmp/tampered/$victim_file'* 2>/dev/null"
expect "wrong checksum: the folder is not marked verified" [ ! -e "$tmp/tampered/.verified" ]

# 4. The same file put there by hand with the wrong content is refused too.
mkdir -p "$tmp/by-hand/$(dirname "$victim_file")"
cp "$mirror/$victim_repo/$victim_tag/$victim_src" "$tmp/by-hand/$victim_file"
ln -sf "$source_root/$victim_file" "$mirror/$victim_repo/$victim_tag/$victim_src"
run by-hand GATEHOUSE_CRDS_BASE_URL="$base"
expect "wrong file by hand: refused with both sums" \
  grep -q "refused $tmp/by-hand/$victim_file: sha256 expected $victim_sha, got $bad_sha" "$tmp/by-hand.err"
expect "wrong file by hand: exits non-zero" [ "$(rc_of by-hand)" != 0 ]

# 5. Host unreachable (a closed port): every file with its URL and destination, nothing kept.
run offline GATEHOUSE_CRDS_BASE_URL="http://127.0.0.1:9"
expect "offline: exits non-zero" [ "$(rc_of offline)" != 0 ]
expect "offline: says it could not download" grep -q "could not download the CRDs" "$tmp/offline.err"
expect "offline: lists $downloads files to fetch" [ "$(grep -c -- '^    -> ' "$tmp/offline.err")" = "$downloads" ]
first_line="$(crds_entries | awk 'NR == 1')"
read -r _ first_file first_repo first_tag first_src <<<"$first_line"
expect "offline: URL at the release tag, then where to put it" \
  grep -A1 -qxF "  http://127.0.0.1:9/$first_repo/$first_tag/$first_src" "$tmp/offline.err"
expect "offline: destination under the cache" grep -qxF "    -> $tmp/offline/$first_file" "$tmp/offline.err"
expect "offline: no CRD kept" [ -z "$(find "$tmp/offline" -type f -name '*.yaml')" ]

# 6. Lookup order.
before=$(requests)
run env-wins GATEHOUSE_CRDS_BASE_URL="$base" GATEHOUSE_CRDS_DIR="$tmp/download/crds"
expect "order: GATEHOUSE_CRDS_DIR wins, nothing fetched" \
  [ "$(cat "$tmp/env-wins.out"):$(requests)" = "$tmp/download/crds:$before" ]
run env-missing GATEHOUSE_CRDS_DIR="$tmp/nowhere"
expect "order: a GATEHOUSE_CRDS_DIR that does not exist fails, naming it" \
  bash -c "[ $(rc_of env-missing) != 0 ] && grep -q '$tmp/nowhere/cert-manager' '$tmp/env-missing.err'"
env -u GATEHOUSE_CRDS_DIR GATEHOUSE_CRDS_SHARED_DIR="$source_root" GATEHOUSE_CRDS_CACHE_DIR="$tmp/unused" \
  GATEHOUSE_CRDS_BASE_URL="$base" bash "$here/crds.sh" >"$tmp/shared.out" 2>&1
expect "order: ../shared before the cache" [ "$(cat "$tmp/shared.out")" = "$(cd "$source_root" && pwd)/crds" ]
expect "order: ../shared used as it is, no cache made" [ ! -e "$tmp/unused" ]

if [ "$failures" -gt 0 ]; then
  echo "crds.test.sh: $failures failed" >&2
  exit 1
fi
echo "crds.test.sh: all passed"
