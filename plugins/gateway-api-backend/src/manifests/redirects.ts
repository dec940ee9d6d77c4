/**
 * The HTTPRoutes a GatewayClass cannot serve for their RequestRedirects, by the rule common
 * holds (`requestRedirectFeatures`: the extended features a redirect needs), so provisioning
 * and the Ingress migration judge a redirect the same way.
 */
import {
  missingRedirectFeatures,
  RequestRedirectFields,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject } from './types';

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
  return objects.flatMap(route => {
    if (route.kind !== 'HTTPRoute') return [];
    const rules = ((route.spec as any)?.rules ?? []) as Array<{
      filters?: Array<{
        type?: string;
        requestRedirect?: RequestRedirectFields;
      }>;
    }>;
    const missing = missingRedirectFeatures(
      rules.flatMap(rule =>
        (rule.filters ?? []).flatMap(f =>
          f.type === 'RequestRedirect' && f.requestRedirect
            ? [f.requestRedirect]
            : [],
        ),
      ),
      supportedFeatures,
    );
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
