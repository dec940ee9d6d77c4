import { JSONSchema, KubeObject } from '../api/types';
import { StatusCause, StatusError } from '../api/status';
import {
  FieldSet,
  childSchema,
  describePath,
  fieldSetOf,
  fromFieldsV1,
  isEqual,
  mapKeySegment,
  segments,
  toFieldsV1,
  valueAt,
  withMetadata,
} from './fieldSet';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: KubeObject;
  subresource?: string;
}

export interface FieldOwner {
  manager: string;
  apiVersion: string;
  /** `status` for writes to the status subresource. */
  subresource?: string;
  /** Top-level fields this write cannot touch (status on the main resource, or all but status). */
  exclude: string[];
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function entries(object: KubeObject | undefined): ManagedFieldsEntry[] {
  return (object?.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
}

function sameOwner(
  e: ManagedFieldsEntry,
  owner: FieldOwner,
  operation: string,
): boolean {
  return (
    e.manager === owner.manager &&
    e.operation === operation &&
    (e.subresource ?? '') === (owner.subresource ?? '')
  );
}

function entry(
  owner: FieldOwner,
  operation: 'Apply' | 'Update',
  set: FieldSet,
): ManagedFieldsEntry {
  return {
    manager: owner.manager,
    operation,
    apiVersion: owner.apiVersion,
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(set),
    ...(owner.subresource ? { subresource: owner.subresource } : {}),
  };
}

function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges an applied configuration into the live object the way structured-merge-diff does. */
function merge(
  live: unknown,
  applied: unknown,
  schema: JSONSchema | undefined,
): unknown {
  if (Array.isArray(applied) && Array.isArray(live)) {
    const listType = schema?.['x-kubernetes-list-type'];
    if (listType === 'map') {
      const keys: string[] = schema!['x-kubernetes-list-map-keys'] ?? [];
      const result = [...live];
      for (const item of applied) {
        const seg = mapKeySegment(item, keys);
        const i = result.findIndex(r => mapKeySegment(r, keys) === seg);
        if (i >= 0) result[i] = merge(result[i], item, schema!.items);
        else result.push(item);
      }
      return result;
    }
    if (listType === 'set') {
      return [...live, ...applied.filter(a => !live.some(l => isEqual(l, a)))];
    }
    return applied;
  }
  if (
    isObject(applied) &&
    isObject(live) &&
    schema?.['x-kubernetes-map-type'] !== 'atomic'
  ) {
    const result: KubeObject = { ...live };
    for (const [key, value] of Object.entries(applied)) {
      result[key] = merge(live[key], value, childSchema(schema, key));
    }
    return result;
  }
  return structuredClone(applied);
}

function removePath(object: KubeObject, path: string): void {
  const segs = segments(path).filter(s => s !== '.');
  let node: unknown = object;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg.startsWith('f:')) {
      if (!isObject(node)) return;
      if (last) delete node[seg.slice(2)];
      else node = node[seg.slice(2)];
    } else if (Array.isArray(node)) {
      const target = valueAt({ list: node }, `f:list\n${seg}`);
      const idx = node.indexOf(target);
      if (idx < 0) return;
      if (last) node.splice(idx, 1);
      else node = node[idx];
    } else {
      return;
    }
  }
}

function conflictError(
  conflicts: Array<{ manager: string; apiVersion: string; path: string }>,
): StatusError {
  const causes: StatusCause[] = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${c.manager}" using ${c.apiVersion}`,
    field: describePath(c.path),
  }));
  const message =
    conflicts.length === 1
      ? `Apply failed with 1 conflict: ${causes[0].message}: ${causes[0].field}`
      : `Apply failed with ${conflicts.length} conflicts: ${causes
          .map(c => `${c.message}: ${c.field}`)
          .join('\n')}`;
  return new StatusError(409, 'Conflict', message, { causes });
}

/**
 * Server-side apply: merges `applied` into `live`, removes fields this manager stopped applying,
 * and records ownership. Throws 409 Conflict when another manager owns a field with a different
 * value, unless `force` moves ownership to this manager.
 */
export function serverSideApply(
  live: KubeObject,
  applied: KubeObject,
  schema: JSONSchema | undefined,
  owner: FieldOwner,
  force: boolean,
): KubeObject {
  const root = withMetadata(schema);
  const appliedSet = fieldSetOf(applied, schema, owner.exclude);
  const managers = entries(live).map(e => ({
    e,
    set: fromFieldsV1(e.fieldsV1),
  }));
  const conflicts: Array<{
    manager: string;
    apiVersion: string;
    path: string;
  }> = [];
  for (const { e, set } of managers) {
    if (e.manager === owner.manager) continue;
    for (const path of appliedSet) {
      // Owning a list element (`.`) is about its existence; its fields are compared one by one.
      if (path.endsWith('\n.')) continue;
      if (
        set.has(path) &&
        !isEqual(valueAt(live, path), valueAt(applied, path))
      ) {
        conflicts.push({ manager: e.manager, apiVersion: e.apiVersion, path });
      }
    }
  }
  if (conflicts.length && !force) throw conflictError(conflicts);

  const scoped: KubeObject = {};
  for (const [k, v] of Object.entries(applied)) {
    if (!owner.exclude.includes(k) && k !== 'apiVersion' && k !== 'kind')
      scoped[k] = v;
  }
  const result = merge(live, scoped, root) as KubeObject;
  const previous =
    managers.find(m => sameOwner(m.e, owner, 'Apply'))?.set ??
    new Set<string>();
  for (const path of previous) {
    if (appliedSet.has(path)) continue;
    const ownedElsewhere = managers.some(
      m => !sameOwner(m.e, owner, 'Apply') && m.set.has(path),
    );
    if (!ownedElsewhere) removePath(result, path);
  }

  // Forcing moves the conflicting fields to this manager; agreeing managers share ownership.
  const taken = new Set(conflicts.map(c => `${c.manager}\n${c.path}`));
  const updated: ManagedFieldsEntry[] = [];
  for (const { e, set } of managers) {
    if (sameOwner(e, owner, 'Apply')) continue;
    for (const path of set)
      if (taken.has(`${e.manager}\n${path}`)) set.delete(path);
    if (set.size) updated.push({ ...e, fieldsV1: toFieldsV1(set) });
  }
  if (appliedSet.size) updated.push(entry(owner, 'Apply', appliedSet));
  result.metadata = { ...result.metadata, managedFields: updated };
  return result;
}

/**
 * Ownership after a non-apply write: the writer takes the fields it changed, other managers
 * lose them, and fields that no longer exist leave every manager.
 */
export function recordUpdate(
  old: KubeObject | undefined,
  next: KubeObject,
  schema: JSONSchema | undefined,
  owner: FieldOwner,
): ManagedFieldsEntry[] {
  const nextSet = fieldSetOf(next, schema, owner.exclude);
  const changed = new Set<string>();
  for (const path of nextSet) {
    if (!old || !isEqual(valueAt(old, path), valueAt(next, path)))
      changed.add(path);
  }
  const present = old ? fieldSetOf(next, schema) : nextSet;
  const updated: ManagedFieldsEntry[] = [];
  let mine: FieldSet = new Set();
  for (const e of entries(old)) {
    const set = fromFieldsV1(e.fieldsV1);
    for (const path of set)
      if (!present.has(path) || changed.has(path)) set.delete(path);
    if (sameOwner(e, owner, 'Update')) mine = set;
    else if (set.size) updated.push({ ...e, fieldsV1: toFieldsV1(set) });
  }
  for (const path of changed) mine.add(path);
  if (mine.size) updated.push(entry(owner, 'Update', mine));
  return updated;
}
