import { JSONSchema, KubeObject } from '../api/types';

/**
 * A set of field paths in structured-merge-diff terms. A path is a list of segments:
 * `f:<field>`, `k:<json of map-list keys>`, `v:<json of a set item>` and `.` for "this element".
 * Paths are stored joined with newlines so that sets compare cheaply.
 */
export type FieldSet = Set<string>;

const SEP = '\n';

/** The metadata fields that field managers own; the rest are owned by the server. */
const metadataSchema: JSONSchema = {
  type: 'object',
  properties: {
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: {
      type: 'array',
      'x-kubernetes-list-type': 'set',
      items: { type: 'string' },
    },
    ownerReferences: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['uid'],
      items: { type: 'object' },
    },
  },
};

function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function childSchema(
  schema: JSONSchema | undefined,
  key: string,
): JSONSchema | undefined {
  if (!schema) return undefined;
  return (
    schema.properties?.[key] ??
    (isObject(schema.additionalProperties)
      ? schema.additionalProperties
      : undefined)
  );
}

export function mapKeySegment(item: KubeObject, keys: string[]): string {
  const k: KubeObject = {};
  for (const key of keys) if (item?.[key] !== undefined) k[key] = item[key];
  return `k:${JSON.stringify(k)}`;
}

function collect(
  value: unknown,
  schema: JSONSchema | undefined,
  prefix: string[],
  out: FieldSet,
): void {
  if (Array.isArray(value)) {
    const listType = schema?.['x-kubernetes-list-type'];
    if (listType === 'map') {
      const keys: string[] = schema!['x-kubernetes-list-map-keys'] ?? [];
      for (const item of value) {
        const element = [...prefix, mapKeySegment(item, keys)];
        out.add([...element, '.'].join(SEP));
        collect(item, schema!.items, element, out);
      }
    } else if (listType === 'set') {
      for (const item of value)
        out.add([...prefix, `v:${JSON.stringify(item)}`].join(SEP));
    } else {
      out.add(prefix.join(SEP));
    }
    return;
  }
  const atomic = schema?.['x-kubernetes-map-type'] === 'atomic';
  if (!isObject(value) || atomic || Object.keys(value).length === 0) {
    if (prefix.length) out.add(prefix.join(SEP));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    collect(v, childSchema(schema, key), [...prefix, `f:${key}`], out);
  }
}

/** The fields an object sets, leaving out server-owned ones and the `exclude`d top-level fields. */
export function fieldSetOf(
  object: KubeObject,
  schema: JSONSchema | undefined,
  exclude: string[] = [],
): FieldSet {
  const out: FieldSet = new Set();
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || exclude.includes(key))
      continue;
    if (key === 'metadata') {
      for (const mk of Object.keys(metadataSchema.properties)) {
        if (value?.[mk] !== undefined) {
          collect(
            value[mk],
            metadataSchema.properties[mk],
            ['f:metadata', `f:${mk}`],
            out,
          );
        }
      }
      continue;
    }
    collect(value, childSchema(schema, key), [`f:${key}`], out);
  }
  return out;
}

/** The object schema with metadata described, so merges treat labels, finalizers etc. right. */
export function withMetadata(schema: JSONSchema | undefined): JSONSchema {
  return {
    ...schema,
    properties: { ...schema?.properties, metadata: metadataSchema },
  };
}

export function segments(path: string): string[] {
  return path.split(SEP);
}

/** Converts a set to the FieldsV1 JSON stored in managedFields. */
export function toFieldsV1(set: FieldSet): KubeObject {
  const root: KubeObject = {};
  for (const path of [...set].sort()) {
    let node = root;
    for (const seg of segments(path)) node = node[seg] ??= {};
  }
  return root;
}

export function fromFieldsV1(
  tree: KubeObject | undefined,
  prefix: string[] = [],
  out: FieldSet = new Set(),
): FieldSet {
  for (const [seg, sub] of Object.entries(tree ?? {})) {
    const path = [...prefix, seg];
    if (seg === '.' || !isObject(sub) || Object.keys(sub).length === 0)
      out.add(path.join(SEP));
    else fromFieldsV1(sub, path, out);
  }
  return out;
}

/** Finds the value a path points at, or undefined when it is absent. */
export function valueAt(object: KubeObject, path: string): unknown {
  let node: unknown = object;
  for (const seg of segments(path)) {
    if (node === undefined) return undefined;
    if (seg === '.') continue;
    if (seg.startsWith('f:')) {
      node = isObject(node) ? node[seg.slice(2)] : undefined;
    } else if (seg.startsWith('k:')) {
      const keys = JSON.parse(seg.slice(2)) as KubeObject;
      node = Array.isArray(node)
        ? node.find(item =>
            Object.entries(keys).every(([k, v]) => isEqual(item?.[k], v)),
          )
        : undefined;
    } else if (seg.startsWith('v:')) {
      const wanted = JSON.parse(seg.slice(2));
      node =
        Array.isArray(node) && node.some(item => isEqual(item, wanted))
          ? wanted
          : undefined;
    }
  }
  return node;
}

export function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => isEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every(k => isEqual(a[k], b[k]))
    );
  }
  return false;
}

/** Human form of a path for conflict messages: `.spec.listeners[name="http"].port`. */
export function describePath(path: string): string {
  return segments(path)
    .map(seg => {
      if (seg === '.') return '';
      if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
      if (seg.startsWith('k:')) {
        const keys = JSON.parse(seg.slice(2)) as KubeObject;
        return `[${Object.entries(keys)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return `[=${seg.slice(2)}]`;
    })
    .join('');
}
