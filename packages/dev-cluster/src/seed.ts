import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeObject } from './api/types';

export interface SeedObject {
  file: string;
  object: KubeObject;
}

function files(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .flatMap(e => {
      const full = path.join(entry, e.name);
      if (e.isDirectory()) return files(full);
      return /\.ya?ml$/.test(e.name) ? [full] : [];
    })
    .sort();
}

/** Namespaces first, then admission policies and bindings (so they apply to the rest), then the rest. */
function rank(object: KubeObject): number {
  if (object.kind === 'Namespace') return 0;
  if (object.kind === 'ValidatingAdmissionPolicy') return 1;
  if (object.kind === 'ValidatingAdmissionPolicyBinding') return 2;
  return 3;
}

/** Reads multi-document YAML manifests from files and directories; missing paths are skipped. */
export function readSeed(entries: string[]): SeedObject[] {
  const objects: SeedObject[] = [];
  for (const file of entries.flatMap(files)) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (doc.errors.length) {
        throw new Error(`seed file ${file}: ${doc.errors[0].message}`);
      }
      const object = doc.toJS() as KubeObject | null;
      if (object) objects.push({ file, object });
    }
  }
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o.object) - rank(b.o.object) || a.i - b.i)
    .map(({ o }) => o);
}
