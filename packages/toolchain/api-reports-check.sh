#!/usr/bin/env bash
# npm test's API report check: regenerates the plugins' report*.api.md from the types `yarn tsc`
# wrote, fails on any difference from the committed reports, and puts the committed ones back.
# One difference is ignored: the order of lines (tsc prints an inferred union's members in the
# order its checker first met them, which an unrelated change can shift; the API is the same).
# Any line added, removed or changed fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

saved="$(mktemp -d)"
trap 'rm -rf "$saved"' EXIT
before="$(ls plugins/*/report*.api.md 2>/dev/null || true)"
for report in $before; do
  mkdir -p "$saved/$(dirname "$report")"
  cp "$report" "$saved/$report"
done

yarn build:api-reports:only >"$saved/output.log" 2>&1 || {
  cat "$saved/output.log" >&2
  exit 1
}

# The report's lines in sorted order, so that only their order is forgiven: tsc prints the
# members of an inferred union (string literals, and Backstage's ExtensionDataRef types alike)
# in the order the checker first met them, which unrelated code elsewhere can shift.
normalise() {
  LC_ALL=C sort "$1"
}

failed=0
for report in $(ls plugins/*/report*.api.md); do
  if [ ! -f "$saved/$report" ]; then
    echo "api reports: $report is new: commit it (yarn build:api-reports)" >&2
    rm -f "$report"
    failed=1
    continue
  fi
  cmp -s "$report" "$saved/$report" && continue
  if [ "$(normalise "$report")" != "$(normalise "$saved/$report")" ]; then
    echo "api reports: the public API of $(dirname "$report") changed:" >&2
    diff -u "$saved/$report" "$report" >&2 || true
    failed=1
  fi
  cp "$saved/$report" "$report"
done
if [ "$failed" -ne 0 ]; then
  echo "Run \`yarn build:api-reports\` and commit the report.api.md changes with the API change." >&2
  exit 1
fi
echo "api reports: every plugin's public API matches its committed report"
