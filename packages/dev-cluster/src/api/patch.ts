import { KubeObject } from './types';
import { StatusError } from './status';

function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: KubeObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function patchError(message: string): StatusError {
  // The apiserver answers malformed or failing JSON patches with 422 Invalid.
  return new StatusError(422, 'Invalid', message);
}

function step(node: unknown, seg: string): unknown {
  if (Array.isArray(node)) return node[Number(seg)];
  return isObject(node) ? node[seg] : undefined;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw patchError(`invalid JSON pointer: "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveParent(
  doc: unknown,
  path: string[],
): { parent: unknown; key: string } {
  let node = doc;
  for (const seg of path.slice(0, -1)) {
    node = step(node, seg);
    if (node === undefined)
      throw patchError(`doc is missing path: "/${path.join('/')}"`);
  }
  return { parent: node, key: path[path.length - 1] };
}

function getAt(doc: unknown, path: string[]): unknown {
  let node = doc;
  for (const seg of path) {
    node = step(node, seg);
    if (node === undefined)
      throw patchError(`doc is missing path: "/${path.join('/')}"`);
  }
  return node;
}

function arrayIndex(list: unknown[], key: string, forAdd: boolean): number {
  if (forAdd && key === '-') return list.length;
  const i = Number(key);
  const max = forAdd ? list.length : list.length - 1;
  if (!/^\d+$/.test(key) || i > max)
    throw patchError(`index out of range: ${key}`);
  return i;
}

function add(doc: unknown, path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const { parent, key } = resolveParent(doc, path);
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, key, true), 0, value);
  else if (isObject(parent)) parent[key] = value;
  else throw patchError(`doc is missing path: "/${path.join('/')}"`);
  return doc;
}

function remove(doc: unknown, path: string[]): unknown {
  const { parent, key } = resolveParent(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw patchError(`doc is missing path: "/${path.join('/')}"`);
  return doc;
}

/** RFC 6902 JSON patch; returns a new document and leaves the input untouched. */
export function jsonPatch(target: KubeObject, operations: unknown): KubeObject {
  if (!Array.isArray(operations)) {
    throw new StatusError(
      400,
      'BadRequest',
      'json patch must be a JSON array of operations',
    );
  }
  let doc: unknown = structuredClone(target);
  for (const op of operations as KubeObject[]) {
    const path = parsePointer(String(op.path ?? ''));
    switch (op.op) {
      case 'add':
        doc = add(doc, path, structuredClone(op.value));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        getAt(doc, path);
        doc = add(remove(doc, path), path, structuredClone(op.value));
        break;
      case 'move': {
        const from = parsePointer(String(op.from));
        const value = getAt(doc, from);
        doc = add(remove(doc, from), path, value);
        break;
      }
      case 'copy':
        doc = add(
          doc,
          path,
          structuredClone(getAt(doc, parsePointer(String(op.from)))),
        );
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value)) {
          throw patchError(`testing value /${path.join('/')} failed`);
        }
        break;
      default:
        throw patchError(`Unexpected kind: ${op.op}`);
    }
  }
  if (!isObject(doc)) throw patchError('patched document is not an object');
  return doc;
}
