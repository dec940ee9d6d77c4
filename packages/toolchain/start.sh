#!/usr/bin/env bash
# Quick start, command 1: the demo portal (frontend :3000, backend :7007, SQLite in memory)
# against the dev cluster (:6443) seeded with examples/cluster/. Ctrl-C stops everything.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GATEHOUSE_ROOT"

# A portal already running (or its backend still shutting down) would make this one fail
# quietly or talk to a stale dev cluster: say so instead.
for port in 6443 7007 3000; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    log "port $port is in use: stop the portal or program using it first"
    exit 1
  fi
done

yarn workspace @gatehouse/dev-cluster start &
dev_cluster=$!
trap 'kill "$dev_cluster" 2>/dev/null; wait "$dev_cluster" 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do
  curl -sf -o /dev/null http://127.0.0.1:6443/version -H 'Authorization: Bearer dev-cluster-backstage-token' && break
  kill -0 "$dev_cluster" 2>/dev/null || { log "the dev cluster failed to start"; exit 1; }
  sleep 0.5
done
log "dev cluster up on http://127.0.0.1:6443; starting the portal on http://localhost:3000"

yarn backstage-cli repo start "$@"
