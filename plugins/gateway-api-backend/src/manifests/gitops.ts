import { stringify } from 'yaml';
import { KubernetesObject } from './types';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists that server-side apply merges by a key (`x-kubernetes-list-type: map`); others are atomic. */
const LIST_MAP_KEYS: Record<string, string> = { 'spec.listeners': 'name' };

function merge(base: Json, patch: Json, path: string): Json {
  if (isPlainObject(base) && isPlainObject(patch)) {
    const merged: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      const child = path ? `${path}.${key}` : key;
      merged[key] = key in base ? merge(base[key], value, child) : value;
    }
    return merged;
  }
  const mapKey = LIST_MAP_KEYS[path];
  if (mapKey && Array.isArray(base) && Array.isArray(patch)) {
    const merged = [...base];
    for (const item of patch) {
      const at = merged.findIndex(
        existing =>
          isPlainObject(existing) &&
          isPlainObject(item) &&
          existing[mapKey] === item[mapKey],
      );
      if (at === -1) merged.push(item);
      else merged[at] = merge(merged[at], item, '');
    }
    return merged;
  }
  return patch;
}

function identity(object: KubernetesObject): string {
  return [
    object.apiVersion.split('/')[0],
    object.kind,
    object.metadata.namespace ?? '',
    object.metadata.name,
  ].join('/');
}

/**
 * Folds objects with the same identity into one, the way server-side apply combines several
 * appliers' fields (maps merged, listeners merged by name, other lists replaced). This is what a
 * GitOps tree needs: one file per object, the patches of shared objects folded in.
 */
export function mergeAppliedObjects(
  objects: KubernetesObject[],
): KubernetesObject[] {
  const byIdentity = new Map<string, KubernetesObject>();
  for (const object of objects) {
    const key = identity(object);
    const existing = byIdentity.get(key);
    byIdentity.set(
      key,
      existing ? (merge(existing, object, '') as KubernetesObject) : object,
    );
  }
  return [...byIdentity.values()];
}

/** A multi-document YAML stream of the objects. */
export function toYaml(objects: KubernetesObject[]): string {
  return objects.map(object => `---\n${stringify(object)}`).join('');
}

function fileName(object: KubernetesObject): string {
  return `${[object.kind, object.metadata.namespace, object.metadata.name]
    .filter(Boolean)
    .join('-')
    .toLowerCase()}.yaml`;
}

/**
 * The GitOps output: one file per object (`<kind>-<namespace>-<name>.yaml`, lower case) plus a
 * `kustomization.yaml` listing them, keyed by file name.
 */
export function toKustomization(
  objects: KubernetesObject[],
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const object of mergeAppliedObjects(objects)) {
    files[fileName(object)] = stringify(object);
  }
  files['kustomization.yaml'] = stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: Object.keys(files).sort(),
  });
  return files;
}
