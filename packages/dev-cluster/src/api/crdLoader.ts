import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { compareVersionPriority } from './versionPriority';
import { KubeObject, ResourceType } from './types';

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

function isExperimental(file: string, crd: KubeObject): boolean {
  return (
    crd.metadata?.annotations?.['gateway.networking.k8s.io/channel'] ===
      'experimental' || file.split(path.sep).includes('experimental')
  );
}

function toResourceType(crd: KubeObject): ResourceType {
  const spec = crd.spec;
  const versions = (spec.versions as KubeObject[])
    .filter(v => v.served)
    .map(v => ({
      name: v.name as string,
      storage: Boolean(v.storage),
      schema: v.schema?.openAPIV3Schema,
      statusSubresource: Boolean(v.subresources?.status),
      printerColumns: v.additionalPrinterColumns ?? [],
    }))
    .sort((a, b) => compareVersionPriority(a.name, b.name));
  return {
    group: spec.group,
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    versions,
    hasGeneration: true,
  };
}

/**
 * Reads every CustomResourceDefinition under `dir`. When a CRD appears in both the
 * standard and experimental Gateway API channels, the experimental one wins: it is a superset.
 */
export function loadCrds(dir: string): ResourceType[] {
  if (!fs.existsSync(dir)) {
    throw new Error(`CRD directory ${dir} does not exist`);
  }
  const chosen = new Map<string, { crd: KubeObject; experimental: boolean }>();
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as KubeObject | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const experimental = isExperimental(file, crd);
      const previous = chosen.get(crd.metadata.name);
      if (!previous || (experimental && !previous.experimental)) {
        chosen.set(crd.metadata.name, { crd, experimental });
      }
    }
  }
  return [...chosen.values()].map(({ crd }) => toResourceType(crd));
}
