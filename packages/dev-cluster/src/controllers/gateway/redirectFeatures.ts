/**
 * Which HTTPRoute RequestRedirects a simulated controller refuses: one that needs an extended
 * feature its implementation does not list in its GatewayClass's `status.supportedFeatures`
 * (the names of Gateway API's pkg/features/httproute.go, GEP-2162).
 *
 * The spec (v1.6 apis/v1/httproute_types.go, HTTPRequestRedirectFilter) makes a redirect of the
 * hostname with 301 or 302 core; `scheme`, `port` and `path` are "Support: Extended", as are the
 * codes 303, 307 and 308 (features HTTPRoute<code>RedirectStatusCode). For `statusCode` and
 * `scheme` it says that a value the implementation does not know "must result in the
 * implementation setting the Accepted Condition for the Route to `status: False`, with a Reason
 * of `UnsupportedValue`" (RouteReasonUnsupportedValue, shared_types.go). The dev cluster holds
 * every extended redirect field to that rule: a controller refuses, per parent, what its
 * implementation does not list. Envoy Gateway did so for 303/307/308 until it served them ("status
 * code N is invalid, only 302 and 301 are supported", Accepted False/UnsupportedValue). Real
 * Cilium 1.19 is more lenient: its Envoy translation serves 303/307/308 though its class does
 * not list them (listed from a later release); the dev cluster holds it to its list.
 */
import { KubeObject } from '../kube/types';
import { Problem } from './listeners';

/** The feature each extended redirect status code needs; 301 and 302 are core. */
export const REDIRECT_STATUS_CODE_FEATURES: Readonly<Record<number, string>> = {
  303: 'HTTPRoute303RedirectStatusCode',
  307: 'HTTPRoute307RedirectStatusCode',
  308: 'HTTPRoute308RedirectStatusCode',
};

const CORE_STATUS_CODES = [301, 302];

/** One extended (or unknown) value of a RequestRedirect, where it is and what it needs. */
export interface RedirectNeed {
  /** Its field path, e.g. `spec.rules[0].filters[1].requestRedirect.statusCode`. */
  field: string;
  /** Its value as written. */
  value: string;
  /** The feature it needs; undefined for a status code no feature covers. */
  feature?: string;
}

/** The extended values of one RequestRedirect (none for a core redirect). */
function needsOf(redirect: any, at: string): RedirectNeed[] {
  if (!redirect || typeof redirect !== 'object') return [];
  const needs: RedirectNeed[] = [];
  if (redirect.scheme !== undefined) {
    needs.push({
      field: `${at}.scheme`,
      value: String(redirect.scheme),
      feature: 'HTTPRouteSchemeRedirect',
    });
  }
  if (redirect.port !== undefined) {
    needs.push({
      field: `${at}.port`,
      value: String(redirect.port),
      feature: 'HTTPRoutePortRedirect',
    });
  }
  if (redirect.path !== undefined) {
    needs.push({
      field: `${at}.path`,
      value: JSON.stringify(redirect.path),
      feature: 'HTTPRoutePathRedirect',
    });
  }
  const code = redirect.statusCode;
  if (code !== undefined && !CORE_STATUS_CODES.includes(code)) {
    needs.push({
      field: `${at}.statusCode`,
      value: String(code),
      feature: REDIRECT_STATUS_CODE_FEATURES[code],
    });
  }
  return needs;
}

/** Every extended value of the RequestRedirects of an HTTPRoute, its rules' and backendRefs' filters. */
export function redirectNeeds(route: KubeObject): RedirectNeed[] {
  const ofFilters = (filters: unknown, at: string): RedirectNeed[] =>
    (Array.isArray(filters) ? filters : []).flatMap((filter: any, j) =>
      filter?.type === 'RequestRedirect'
        ? needsOf(filter.requestRedirect, `${at}.filters[${j}].requestRedirect`)
        : [],
    );
  const rules: any[] = route.spec?.rules ?? [];
  return rules.flatMap((rule, i) => [
    ...ofFilters(rule?.filters, `spec.rules[${i}]`),
    ...(Array.isArray(rule?.backendRefs) ? rule.backendRefs : []).flatMap(
      (ref: any, k: number) =>
        ofFilters(ref?.filters, `spec.rules[${i}].backendRefs[${k}]`),
    ),
  ]);
}

/**
 * Why a controller refuses an HTTPRoute's RequestRedirects, judged with the features its
 * implementation lists for the parent's GatewayClass: Accepted False, UnsupportedValue, naming
 * each field, its value and the feature it lacks. An implementation that lists no features
 * makes no claim and is not judged (Envoy Gateway where the cluster reports none).
 */
export function unsupportedRedirect(
  route: KubeObject,
  gatewayClassName: string,
  supportedFeatures: readonly string[] | undefined,
): Problem | undefined {
  if (!supportedFeatures || supportedFeatures.length === 0) return undefined;
  const supported = new Set(supportedFeatures);
  const refused = redirectNeeds(route).filter(
    need => !need.feature || !supported.has(need.feature),
  );
  if (refused.length === 0) return undefined;
  return {
    reason: 'UnsupportedValue',
    message: refused
      .map(({ field, value, feature }) =>
        feature
          ? `${field}: ${value} needs ${feature}, which GatewayClass ${gatewayClassName} does not list in its supportedFeatures.`
          : `${field}: ${value} is not a redirect status code this implementation supports.`,
      )
      .join(' '),
  };
}
