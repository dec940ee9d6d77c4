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

/** What a set of CRD folders installs: the CRDs' types and any other manifests shipped beside them. */
export interface CrdInstall {
  types: ResourceType[];
  /** Non-CRD objects in the folders (e.g. a release's ValidatingAdmissionPolicy), created at start. */
  objects: KubeObject[];
}

/**
 * Reads every CustomResourceDefinition under `dirs`, each as its folder has it (the served and
 * storage flags of its versions included). A CRD name in two folders is an error: one cluster
 * has one definition of each resource.
 */
export function loadCrds(dirs: string[]): CrdInstall {
  const crds = new Map<string, string>();
  const types: ResourceType[] = [];
  const objects: KubeObject[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) {
      throw new Error(`CRD directory ${dir} does not exist`);
    }
    for (const file of yamlFiles(dir)) {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const object = doc.toJS() as KubeObject | null;
        if (!object?.kind) continue;
        if (object.kind !== 'CustomResourceDefinition') {
          objects.push(object);
          continue;
        }
        const previous = crds.get(object.metadata.name);
        if (previous) {
          throw new Error(
            `CRD ${object.metadata.name} is defined twice: in ${previous} and ${file}`,
          );
        }
        crds.set(object.metadata.name, file);
        types.push(toResourceType(object));
      }
    }
  }
  return { types, objects };
}
