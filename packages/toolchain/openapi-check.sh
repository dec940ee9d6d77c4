#!/usr/bin/env bash
# npm test's REST contract check: the backend's OpenAPI spec passes Backstage's lint, and the
# router generated from it (src/schema/openapi/generated) is up to date; after a change to
# src/schema/openapi.yaml, `yarn build:openapi` regenerates it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

packages=(plugins/gateway-api-backend)
node packages/toolchain/openapi-generate.js --check "${packages[@]}"
# repo-tools imports the generated .ts to compare its spec with the yaml: through the CLI's
# TypeScript transform, as it does inside the Backstage repository.
repo_tools=(node --require @backstage/cli/config/nodeTransform.cjs
  node_modules/@backstage/repo-tools/bin/backstage-repo-tools)
"${repo_tools[@]}" repo schema openapi validate "${packages[@]}"
"${repo_tools[@]}" repo schema openapi lint "${packages[@]}"
echo "openapi: the spec is valid and linted, and its generated router is up to date"
