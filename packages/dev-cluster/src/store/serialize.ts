import { KubeObject } from '../api/types';

/** Stored objects are never mutated, so their JSON is computed once and reused by list and watch. */
const cache = new WeakMap<KubeObject, string>();

export function serialize(object: KubeObject, apiVersion: string): string {
  if (object.apiVersion !== apiVersion) {
    return JSON.stringify({ ...object, apiVersion });
  }
  let json = cache.get(object);
  if (json === undefined) {
    json = JSON.stringify(object);
    cache.set(object, json);
  }
  return json;
}
