import { KubeObject } from './types';

function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const orderPrefix = '$setElementOrder/';
const deletePrefix = '$deleteFromPrimitiveList/';

function mergeList(
  live: unknown,
  items: unknown[],
  order: KubeObject[],
): unknown[] {
  const mergeKey = Object.keys(order[0])[0];
  const result: unknown[] = Array.isArray(live) ? [...live] : [];
  const indexOf = (item: KubeObject) =>
    result.findIndex(r => isObject(r) && r[mergeKey] === item[mergeKey]);
  for (const item of items) {
    if (!isObject(item)) continue;
    const i = indexOf(item);
    if (item.$patch === 'delete') {
      if (i >= 0) result.splice(i, 1);
    } else if (i >= 0) {
      result[i] = strategicMergePatch(result[i], item);
    } else {
      result.push(strategicMergePatch(undefined, item));
    }
  }
  const rank = new Map(order.map((o, i) => [o[mergeKey], i]));
  const position = (v: unknown) =>
    isObject(v) ? rank.get(v[mergeKey]) ?? order.length : order.length;
  return result.sort((a, b) => position(a) - position(b));
}

/**
 * Strategic merge patch as kubectl sends it for built-in kinds: lists named in a
 * `$setElementOrder/<field>` directive merge by the key that directive uses, items marked
 * `$patch: delete` are removed, `$deleteFromPrimitiveList/<field>` removes values; every other
 * list is replaced and every other directive is dropped. Without directives it is a merge patch.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: KubeObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const order = patch[`${orderPrefix}${key}`];
    if (value === null) delete out[key];
    else if (
      Array.isArray(value) &&
      Array.isArray(order) &&
      isObject(order[0])
    ) {
      out[key] = mergeList(out[key], value, order);
    } else out[key] = strategicMergePatch(out[key], value);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (!key.startsWith(deletePrefix) || !Array.isArray(value)) continue;
    const field = key.slice(deletePrefix.length);
    if (Array.isArray(out[field])) {
      out[field] = out[field].filter((v: unknown) => !value.includes(v));
    }
  }
  return out;
}
