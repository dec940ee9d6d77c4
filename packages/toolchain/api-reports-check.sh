#!/usr/bin/env bash
# npm test's API report check: regenerates the plugins' report*.api.md from the types `yarn tsc`
# wrote, fails on any difference from the committed reports, and puts the committed ones back.
# One difference is ignored: the order of a union of string literals (`| 'a'` lines). tsc prints
# such a union, inferred from a Backstage type, in the order the checker first met each literal,
# which an unrelated change elsewhere in the repository can shift; the API is the same.
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

# Sorts each run of `| 'literal'` lines, so that only their order is forgiven.
normalise() {
  node -e '
    const lines = require("node:fs").readFileSync(process.argv[1], "utf8").split("\n");
    const out = [];
    for (let i = 0; i < lines.length; ) {
      if (!/^\s*\| \x27[^\x27]*\x27$/.test(lines[i])) {
        out.push(lines[i++]);
        continue;
      }
      const run = [];
      while (i < lines.length && /^\s*\| \x27[^\x27]*\x27$/.test(lines[i])) run.push(lines[i++]);
      out.push(...run.sort());
    }
    process.stdout.write(out.join("\n"));
  ' "$1"
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
