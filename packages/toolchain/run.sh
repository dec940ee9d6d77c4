#!/usr/bin/env bash
# Runs a command with the project's toolchain (installing it first if needed), so the root
# scripts work from `npm run` on a machine with only the system Node.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GATEHOUSE_ROOT"
exec "$@"
