#!/usr/bin/env bash
# Builds and packs each plugin as it would be published, then checks every tarball: the entry
# points and type declarations it names are inside, no sources or tests ride along, no
# `workspace:` range and no private workspace package is a dependency, and every package the
# built code imports is a dependency or peer dependency. Run as `yarn check:packages` (about
# two minutes: builds and packs are not quick, so npm test leaves this out).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# GATEHOUSE_PACK_OUT=<dir> keeps each checked tarball there as <plugin folder>.tgz (the external
# install test installs them into a fresh app).
keep="${GATEHOUSE_PACK_OUT:-}"
failures=0

# The builds take each plugin's declarations from dist-types/, which the type check writes
# (incremental: quick when npm test has just run it; a fresh clone has none). Type errors are
# the type check's to fail on (npm test's first steps); tsc writes the declarations regardless.
echo "== yarn tsc (declarations for the builds)"
(cd "$root" && yarn tsc) || echo "yarn tsc reported type errors (above); building from the declarations it wrote"

for dir in "$root"/plugins/*/; do
  name="$(basename "$dir")"
  [ -f "$dir/package.json" ] || continue
  grep -q '"private": true' "$dir/package.json" && continue
  echo "== $name"
  (cd "$dir" && yarn backstage-cli package build >/dev/null && yarn pack --out "$out/$name.tgz" >/dev/null)
  mkdir -p "$out/$name"
  tar xzf "$out/$name.tgz" -C "$out/$name"
  [ -z "$keep" ] || { mkdir -p "$keep" && cp "$out/$name.tgz" "$keep/$name.tgz"; }
  tar tzf "$out/$name.tgz" | sed 's#^package/##' | grep -v '\.map$' | sort >"$out/$name.files"
  echo "$(wc -l <"$out/$name.files") files: $(cut -d/ -f1 "$out/$name.files" | sort -u | tr '\n' ' ')"
  node - "$out/$name/package" "$root" <<'EOF' || failures=$((failures + 1))
const fs = require('node:fs');
const path = require('node:path');
const [pkgDir, root] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const problems = [];
const has = file => fs.existsSync(path.join(pkgDir, file));

// Entry points and declarations named by the manifest are in the tarball.
const named = [pkg.main, pkg.module, pkg.types, pkg.configSchema].filter(Boolean);
const walkExports = e =>
  typeof e === 'string' ? [e] : Object.values(e ?? {}).flatMap(walkExports);
named.push(...walkExports(pkg.exports).filter(f => f.startsWith('./')));
for (const file of named) if (!has(file)) problems.push(`names ${file}, which is not packed`);
if (!pkg.types) problems.push('no "types"');
if (!pkg.backstage?.role) problems.push('no backstage.role');
if (pkg.backstage?.role !== 'common-library' && !pkg.backstage?.pluginId) {
  problems.push('no backstage.pluginId');
}

// Nothing but what was built (and the files the manifest lists) ships: a file under src/ only
// when "files" names it (the backend's OpenAPI spec, src/schema/openapi.yaml).
const listedFiles = new Set(pkg.files ?? []);
const all = [];
const walk = dir =>
  fs.readdirSync(path.join(pkgDir, dir), { withFileTypes: true }).forEach(d =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : all.push(path.join(dir, d.name)),
  );
walk('.');
for (const file of all) {
  if (
    (/^src\//.test(file) && !listedFiles.has(file)) ||
    /\.test\.[jt]sx?$/.test(file) ||
    /__testUtils__|__fixtures__/.test(file)
  ) {
    problems.push(`ships ${file}`);
  }
}

// Dependencies resolve outside this workspace.
const workspacePrivate = new Set();
for (const group of ['packages', 'plugins']) {
  for (const d of fs.readdirSync(path.join(root, group))) {
    const p = path.join(root, group, d, 'package.json');
    if (!fs.existsSync(p)) continue;
    const m = JSON.parse(fs.readFileSync(p, 'utf8'));
    if (m.private) workspacePrivate.add(m.name);
  }
}
const runtime = { ...pkg.dependencies, ...pkg.peerDependencies };
for (const [dep, range] of Object.entries({ ...runtime, ...pkg.optionalDependencies })) {
  if (String(range).startsWith('workspace:')) problems.push(`${dep} has range ${range}`);
  if (workspacePrivate.has(dep)) problems.push(`depends on ${dep}, a private workspace package`);
}

// Every package the built code and its declarations import is declared.
const builtins = new Set(require('node:module').builtinModules);
const imported = new Set();
for (const file of all.filter(f => /\.(c?js|mjs|d\.ts)$/.test(f))) {
  const text = fs.readFileSync(path.join(pkgDir, file), 'utf8');
  for (const m of text.matchAll(/(?:from\s+|require\(|import\()\s*['"]((?:node:)?@?[a-z0-9][\w.\/-]*)['"]/g)) {
    const spec = m[1].replace(/^node:/, '');
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (!builtins.has(name)) imported.add(name);
  }
}
for (const name of imported) {
  if (name !== pkg.name && !(name in runtime)) problems.push(`imports ${name}, not a dependency`);
}

for (const p of problems) console.error(`  ${pkg.name}: ${p}`);
if (problems.length) process.exit(1);
console.log(`  ok: ${pkg.name}@${pkg.version}, role ${pkg.backstage.role}, imports ${imported.size} declared packages`);
EOF
done

[ "$failures" -eq 0 ] || {
  echo "check-packages: $failures package(s) failed" >&2
  exit 1
}
