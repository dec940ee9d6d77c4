import { Registry } from '../api/registry';
import { ResourceType, ServedVersion } from '../api/types';

export type Route =
  | { kind: 'discovery'; path: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | {
      kind: 'resource';
      type: ResourceType;
      version: ServedVersion;
      namespace?: string;
      name?: string;
      subresource?: string;
      legacyWatch: boolean;
    }
  | { kind: 'notFound' };

/** Maps a request path to discovery or to a resource URL, the way the apiserver lays them out. */
export function route(registry: Registry, pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    [group, version, rest] = ['', parts[1], parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else {
    return { kind: 'discovery', path: `/${parts.join('/')}` };
  }
  if (!rest.length) return { kind: 'groupVersion', group, version };
  const legacyWatch = rest[0] === 'watch';
  if (legacyWatch) rest = rest.slice(1);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const nested = registry.resolve(group, version, rest[2]);
    if (nested?.type.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const resolved = registry.resolve(group, version, rest[0]);
  if (!resolved || rest.length > 3) return { kind: 'notFound' };
  // A namespaced object's URL must name its namespace.
  if (resolved.type.namespaced && namespace === undefined && rest.length > 1) {
    return { kind: 'notFound' };
  }
  return {
    kind: 'resource',
    type: resolved.type,
    version: resolved.version,
    namespace,
    name: rest[1],
    subresource: rest[2],
    legacyWatch,
  };
}
