import { KubeObject, ResourceType } from '../api/types';
import { badRequest, gone } from '../api/status';
import { Selector } from '../api/selectors';
import { ObjectStore } from '../store/objectStore';

export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: Selector;
  limit?: number;
  continueToken?: string;
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString());
    if (typeof token.rv === 'number' && typeof token.start === 'string')
      return token;
  } catch {
    // Falls through to the error below.
  }
  throw badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

function lowerBound(keys: string[], start: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The apiserver's behaviour for each verb, over the in-memory store. */

/** A page of objects plus list metadata; pages share the first page's resourceVersion snapshot. */
export function listPage(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions,
): ListPage {
  let rv = store.resourceVersion;
  let start = namespace ? `${namespace}/` : '';
  if (options.continueToken) {
    const token = decodeContinue(options.continueToken);
    if (token.rv < store.oldestResumable) {
      throw gone(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    rv = token.rv;
    start = token.start;
  }
  const snapshot = store.snapshot(type, rv);
  const keys = snapshot.keys;
  const prefix = namespace ? `${namespace}/` : '';
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const items: KubeObject[] = [];
  let i = lowerBound(keys, start);
  for (; i < keys.length && items.length < limit; i++) {
    if (prefix && !keys[i].startsWith(prefix)) break;
    const object = snapshot.get(keys[i])!;
    if (options.labelSelector && !options.labelSelector(object)) continue;
    if (options.fieldSelector && !options.fieldSelector(object)) continue;
    items.push(object);
  }
  // '0' sorts right after '/', so this bounds the keys of one namespace.
  const end = prefix
    ? lowerBound(keys, `${prefix.slice(0, -1)}0`)
    : keys.length;
  if (i >= end) return { items, resourceVersion: String(rv) };
  const filtered = Boolean(options.labelSelector || options.fieldSelector);
  return {
    items,
    resourceVersion: String(rv),
    continueToken: encodeContinue({ rv, start: keys[i] }),
    remaining: filtered ? undefined : end - i,
  };
}
