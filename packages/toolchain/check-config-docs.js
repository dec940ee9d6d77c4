// Checks that every key a plugin's config.d.ts declares has a doc comment and a @visibility
// (frontend, backend or secret), so the config reference stays complete as keys are added.
// Keys whose type is imported (a Backstage type) are checked at the key, not inside the type.
// Parent keys another plugin owns (e.g. `catalog`, `catalog.providers`) are named with
// --shared and need only a doc comment: their visibility is that plugin's.
// Usage: node check-config-docs.js [--shared catalog,catalog.providers] <config.d.ts>...
'use strict';

const fs = require('node:fs');
const ts = require('typescript');

const VISIBILITIES = ['frontend', 'backend', 'secret'];

function problemsIn(file, shared) {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const problems = [];
  const visit = (members, at) => {
    for (const member of members) {
      if (!ts.isPropertySignature(member)) continue;
      const key = [...at, member.name.getText(source)].join('.');
      const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
      const text = docs
        .map(d => ts.getTextOfJSDocComment(d.comment) ?? '')
        .join(' ')
        .trim();
      const visibility = docs
        .flatMap(d => d.tags ?? [])
        .filter(t => t.tagName.text === 'visibility')
        .map(t => String(ts.getTextOfJSDocComment(t.comment) ?? '').trim());
      if (!text) problems.push(`${key}: no doc comment`);
      if (!shared.has(key)) {
        if (visibility.length !== 1) {
          problems.push(
            `${key}: needs one @visibility (${VISIBILITIES.join(', ')})`,
          );
        } else if (!VISIBILITIES.includes(visibility[0])) {
          problems.push(`${key}: unknown @visibility ${visibility[0]}`);
        }
      }
      let type = member.type;
      while (type && ts.isArrayTypeNode(type)) type = type.elementType;
      if (type && ts.isTypeLiteralNode(type))
        visit(type.members, [...at, key.split('.').pop()]);
    }
  };
  let found = false;
  ts.forEachChild(source, node => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Config') {
      found = true;
      visit(node.members, []);
    }
  });
  if (!found) problems.push('no `interface Config`');
  return problems.map(p => `${file}: ${p}`);
}

const args = process.argv.slice(2);
let shared = new Set();
if (args[0] === '--shared') {
  shared = new Set(args[1].split(','));
  args.splice(0, 2);
}
if (args.length === 0) {
  process.stderr.write(
    'usage: node check-config-docs.js [--shared a,b.c] <config.d.ts>...\n',
  );
  process.exit(2);
}
const problems = args.flatMap(file => problemsIn(file, shared));
for (const problem of problems) process.stderr.write(`${problem}\n`);
if (problems.length > 0) process.exit(1);
process.stdout.write(
  `${args.join(', ')}: every key documented with its visibility\n`,
);
