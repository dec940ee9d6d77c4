// Writes cel-rules.v1.4.1.json to stdout: every x-kubernetes-validations rule of the Gateway
// API CRDs in <folder>/standard and <folder>/experimental (channel, kind, group/version, schema
// path with [] for array items and {} for map values, rule, message), in the order of the copy
// kept beside the shared CRDs. That file is derived, not released upstream, so a machine that
// downloads the CRDs computes it; crds.lock pins its sha256 like the downloaded files.
// Usage: node cel-rules.js <gateway-api CRD folder>
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

// Children first, then the node's own rules: the order the shared copy was written in.
function collect(schema, at, push) {
  if (!schema || typeof schema !== 'object') return;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    collect(child, `${at}/${name}`, push);
  }
  if (schema.items) collect(schema.items, `${at}[]`, push);
  if (
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    collect(schema.additionalProperties, `${at}{}`, push);
  }
  for (const validation of schema['x-kubernetes-validations'] ?? [])
    push(at, validation);
}

function celRules(folder) {
  const rules = [];
  for (const channel of ['standard', 'experimental']) {
    const dir = path.join(folder, channel);
    const files = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort();
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const doc of YAML.parseAllDocuments(text)) {
        const crd = doc.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions) {
          collect(version.schema?.openAPIV3Schema, '', (at, v) =>
            rules.push({
              channel,
              crd: crd.spec.names.kind,
              version: `${crd.spec.group}/${version.name}`,
              path: at,
              rule: v.rule,
              message: v.message,
            }),
          );
        }
      }
    }
  }
  return rules;
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: node cel-rules.js <gateway-api CRD folder>\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(celRules(process.argv[2]), null, 1));
