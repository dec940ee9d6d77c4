import { JSONSchema, KubeObject } from '../api/types';
import { FieldError } from '../api/status';
import { child, index } from './fieldPath';

/**
 * The apiserver's list-type invariants (apiextensions-apiserver's listtype validation):
 * `x-kubernetes-list-type: set` items are unique, `map` items have unique key tuples. Each
 * value seen again is reported once, at its first repeat, as `Duplicate value`.
 */
export function listTypeErrors(
  schema: JSONSchema | undefined,
  object: KubeObject,
): FieldError[] {
  const errors: FieldError[] = [];
  walkObject(schema, object, '', errors);
  return errors;
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walkObject(
  schema: JSONSchema | undefined,
  object: KubeObject,
  path: string,
  errors: FieldError[],
): void {
  if (!schema) return;
  const additional = isObject(schema.additionalProperties)
    ? (schema.additionalProperties as JSONSchema)
    : undefined;
  for (const [key, value] of Object.entries(object)) {
    if (additional) walk(additional, value, `${path}[${key}]`, errors);
    const sub = schema.properties?.[key];
    if (sub) walk(sub, value, child(path, key), errors);
  }
}

function walk(
  schema: JSONSchema,
  value: unknown,
  path: string,
  errors: FieldError[],
): void {
  if (isObject(value)) {
    walkObject(schema, value, path, errors);
    return;
  }
  if (!Array.isArray(value)) return;
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') {
    for (const i of repeats(value)) errors.push(duplicate(path, i, value[i]));
  } else if (
    listType === 'map' &&
    value.every(v => v === null || isObject(v))
  ) {
    const keys: string[] = schema['x-kubernetes-list-map-keys'] ?? [];
    const tuples = value.map(item => {
      const tuple: KubeObject = {};
      for (const k of keys) {
        if (item && item[k] !== undefined) tuple[k] = item[k];
      }
      return tuple;
    });
    for (const i of repeats(tuples)) errors.push(duplicate(path, i, tuples[i]));
  }
  if (schema.items) {
    value.forEach((item, i) =>
      walk(schema.items, item, index(path, i), errors),
    );
  }
}

/** Indexes where a value is seen the second time (later repeats are not reported again). */
function repeats(values: unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const key = canonical(v);
    const times = seen.get(key) ?? 0;
    if (times === 1) out.push(i);
    seen.set(key, times + 1);
  });
  return out;
}

/** Equal JSON values give equal strings, whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function duplicate(path: string, i: number, value: unknown): FieldError {
  return {
    reason: 'FieldValueDuplicate',
    field: index(path, i),
    detail: `Duplicate value: ${goValue(value, true)}`,
  };
}

/** Prints a value as apimachinery's field errors do (%q for strings, Go's %#v for maps and lists). */
function goValue(value: unknown, top = false): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined)
    return top ? 'null' : 'interface {}(nil)';
  if (Array.isArray(value))
    return `[]interface {}{${value.map(v => goValue(v)).join(', ')}}`;
  if (isObject(value)) {
    return `map[string]interface {}{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${goValue(value[k])}`)
      .join(', ')}}`;
  }
  return String(value);
}
