/**
 * Which Gateway API features an HTTPRoute's RequestRedirect needs, by the names a GatewayClass
 * lists in `status.supportedFeatures` (GEP-2162; the features of pkg/features/httproute.go).
 * Core support is a redirect of the hostname with status 301 or 302; the scheme, port and path
 * and the status codes 303, 307 and 308 are extended features an implementation may lack, and
 * a controller that lacks one refuses the route (Accepted False, UnsupportedValue).
 */
import { KubernetesObject } from './types';

interface RequestRedirect {
  scheme?: string;
  hostname?: string;
  port?: number;
  path?: unknown;
  statusCode?: number;
}

const STATUS_CODE_FEATURES: Record<number, string> = {
  303: 'HTTPRoute303RedirectStatusCode',
  307: 'HTTPRoute307RedirectStatusCode',
  308: 'HTTPRoute308RedirectStatusCode',
};

/** The extended features one RequestRedirect needs (none for a core one). */
export function requestRedirectFeatures(redirect: RequestRedirect): string[] {
  return [
    ...(redirect.scheme !== undefined ? ['HTTPRouteSchemeRedirect'] : []),
    ...(redirect.port !== undefined ? ['HTTPRoutePortRedirect'] : []),
    ...(redirect.path !== undefined ? ['HTTPRoutePathRedirect'] : []),
    ...(redirect.statusCode !== undefined &&
    STATUS_CODE_FEATURES[redirect.statusCode]
      ? [STATUS_CODE_FEATURES[redirect.statusCode]]
      : []),
  ];
}

/** A route whose redirect the GatewayClass cannot serve, and the features it lacks. */
export interface UnsupportedRedirect {
  route: KubernetesObject;
  missing: string[];
}

/**
 * The HTTPRoutes among `objects` whose RequestRedirect filters need a feature the GatewayClass
 * does not list. A class that lists no features yet (its controller has not reported, or writes
 * none) is given the benefit of the doubt.
 */
export function unsupportedRedirects(
  objects: KubernetesObject[],
  supportedFeatures: ReadonlySet<string>,
): UnsupportedRedirect[] {
  if (supportedFeatures.size === 0) return [];
  return objects.flatMap(route => {
    if (route.kind !== 'HTTPRoute') return [];
    const rules = ((route.spec as any)?.rules ?? []) as Array<{
      filters?: Array<{ type?: string; requestRedirect?: RequestRedirect }>;
    }>;
    const needed = new Set(
      rules.flatMap(rule =>
        (rule.filters ?? []).flatMap(f =>
          f.type === 'RequestRedirect' && f.requestRedirect
            ? requestRedirectFeatures(f.requestRedirect)
            : [],
        ),
      ),
    );
    const missing = [...needed].filter(f => !supportedFeatures.has(f)).sort();
    return missing.length > 0 ? [{ route, missing }] : [];
  });
}

/** Why a redirect route is not written, in a user's words. */
export function unsupportedRedirectMessage(
  { route, missing }: UnsupportedRedirect,
  gatewayClassName: string,
): string {
  return `HTTPRoute ${route.metadata.namespace}/${
    route.metadata.name
  } (its redirect to https) is not written: GatewayClass ${gatewayClassName} does not list ${missing.join(
    ', ',
  )} among its supportedFeatures, so its controller would refuse the route; plain HTTP on the tenant's hostnames is not redirected (redirect at the load balancer in front instead, or use a GatewayClass that supports it)`;
}
