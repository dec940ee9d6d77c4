/**
 * Whether a route hostname and a listener hostname intersect, per the
 * Gateway API: `*.example.com` matches `a.example.com` and `a.b.example.com`
 * but not `example.com`, and two wildcards intersect when one's suffix
 * contains the other's.
 */
export function hostnamesIntersect(
  routeHost: string,
  listenerHost: string,
): boolean {
  const routeSuffix = wildcardSuffix(routeHost);
  const listenerSuffix = wildcardSuffix(listenerHost);
  if (routeSuffix === undefined && listenerSuffix === undefined) {
    return routeHost === listenerHost;
  }
  if (routeSuffix !== undefined && listenerSuffix !== undefined) {
    return (
      routeSuffix === listenerSuffix ||
      routeSuffix.endsWith(`.${listenerSuffix}`) ||
      listenerSuffix.endsWith(`.${routeSuffix}`)
    );
  }
  if (listenerSuffix !== undefined) {
    return routeHost.endsWith(`.${listenerSuffix}`);
  }
  return listenerHost.endsWith(`.${routeSuffix}`);
}

/**
 * Whether a route with `routeHostnames` can attach to a listener: a listener
 * without hostname, or a route without hostnames, matches anything.
 */
export function routeMatchesListenerHostname(
  routeHostnames: string[] | undefined,
  listenerHostname: string | undefined,
): boolean {
  if (!listenerHostname || !routeHostnames || routeHostnames.length === 0) {
    return true;
  }
  return routeHostnames.some(host =>
    hostnamesIntersect(host, listenerHostname),
  );
}

function wildcardSuffix(host: string): string | undefined {
  return host.startsWith('*.') ? host.slice(2) : undefined;
}
