#!/usr/bin/env bash
# The tenant hijack suite and the dev cluster's kubectl tests drive the real kubectl, as a
# tenant with its own rights would. Our machines have it at /usr/bin/kubectl; where it is
# missing, Debian's kubernetes-client provides one.
set -euo pipefail
[ -x /usr/bin/kubectl ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "kubectl is missing: install it with 'sudo apt-get install -y kubernetes-client'" >&2
  exit 1
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >&2
