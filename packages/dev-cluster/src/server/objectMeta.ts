import { randomUUID } from 'node:crypto';
import { KubeObject, ResourceType } from '../api/types';
import { isEqual } from '../ssa/fieldSet';

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The apiserver appends 5 random characters from a vowel-free alphabet to generateName. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++)
    suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `${prefix.slice(0, 63 - 5)}${suffix}`;
}

export function newMetadata(object: KubeObject): KubeObject {
  return {
    ...object.metadata,
    uid: randomUUID(),
    creationTimestamp: timestamp(),
  };
}

/** Fields whose change bumps metadata.generation: all but metadata (and status when it is a subresource). */
export function specChanged(
  type: ResourceType,
  statusSubresource: boolean,
  a: KubeObject,
  b: KubeObject,
): boolean {
  if (!type.hasGeneration) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'apiVersion' || key === 'kind') continue;
    if (key === 'status' && statusSubresource) continue;
    if (!isEqual(a[key], b[key])) return true;
  }
  return false;
}

/** True when a write would change nothing but bookkeeping; such writes are not stored. */
export function isNoop(old: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { managedFields, resourceVersion: _r, ...meta } = o.metadata ?? {};
    const owners = (managedFields ?? []).map(
      ({ time: _t, ...entry }: KubeObject) => entry,
    );
    return { ...o, apiVersion: undefined, metadata: { ...meta, owners } };
  };
  return isEqual(strip(old), strip(next));
}
