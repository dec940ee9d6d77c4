/**
 * Which Gateway API features an HTTPRoute's RequestRedirect needs, by the names a GatewayClass
 * lists in `status.supportedFeatures` (GEP-2162; the features of pkg/features/httproute.go).
 * Core support is a redirect of the hostname with status 301 or 302; the scheme, port and path
 * and the status codes 303, 307 and 308 are extended features an implementation may lack, and
 * a controller that lacks one refuses the route (Accepted False, UnsupportedValue).
 */

/**
 * The fields of a RequestRedirect filter that decide the features it needs.
 *
 * @public
 */
export interface RequestRedirectFields {
  /** Set: HTTPRouteSchemeRedirect. */
  scheme?: string;
  /** Core. */
  hostname?: string;
  /** Set: HTTPRoutePortRedirect. */
  port?: number;
  /** Set: HTTPRoutePathRedirect. */
  path?: unknown;
  /** 303, 307, 308: their HTTPRoute<code>RedirectStatusCode; 301 and 302 are core. */
  statusCode?: number;
}

/**
 * The feature each extended redirect status code needs (301 and 302 are core).
 *
 * @public
 */
export const REDIRECT_STATUS_CODE_FEATURES: Readonly<Record<number, string>> = {
  303: 'HTTPRoute303RedirectStatusCode',
  307: 'HTTPRoute307RedirectStatusCode',
  308: 'HTTPRoute308RedirectStatusCode',
};

/**
 * The extended features one RequestRedirect needs (none for a core one).
 *
 * @public
 */
export function requestRedirectFeatures(
  redirect: RequestRedirectFields,
): string[] {
  const code =
    redirect.statusCode === undefined
      ? undefined
      : REDIRECT_STATUS_CODE_FEATURES[redirect.statusCode];
  return [
    ...(redirect.scheme !== undefined ? ['HTTPRouteSchemeRedirect'] : []),
    ...(redirect.port !== undefined ? ['HTTPRoutePortRedirect'] : []),
    ...(redirect.path !== undefined ? ['HTTPRoutePathRedirect'] : []),
    ...(code ? [code] : []),
  ];
}

/**
 * The features the given RequestRedirects need that a GatewayClass does not list, sorted, once
 * each. A class that lists no features yet (its controller has not reported, or writes none)
 * is given the benefit of the doubt: nothing is missing.
 *
 * @public
 */
export function missingRedirectFeatures(
  redirects: RequestRedirectFields[],
  supportedFeatures: Iterable<string> | undefined,
): string[] {
  const supported = new Set(supportedFeatures ?? []);
  if (supported.size === 0) return [];
  const needed = new Set(redirects.flatMap(requestRedirectFeatures));
  return [...needed].filter(f => !supported.has(f)).sort();
}
