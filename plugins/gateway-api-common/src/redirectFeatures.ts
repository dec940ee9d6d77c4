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

/**
 * The core status code each extended one is written as where it cannot be kept: 308 → 301
 * (permanent), 307 and 303 → 302 (temporary).
 *
 * @public
 */
export const CORE_REDIRECT_STATUS_CODES: Readonly<Record<number, 301 | 302>> = {
  303: 302,
  307: 302,
  308: 301,
};

/**
 * The status code a RequestRedirect is written with, and why it is not the one asked for.
 *
 * @public
 */
export interface RedirectStatusCodeChoice {
  /** The code asked for (ingress-nginx's). */
  requested: number;
  /** The code to write: the one asked for, or its core equivalent. */
  statusCode: number;
  /**
   * Why the code asked for is not kept: the cluster's HTTPRoute does not take it (`install`,
   * Gateway API before v1.5), the class lists no supportedFeatures yet (`class-lists-no-features`),
   * or it does not list the code's feature (`class-lacks-feature`). Absent when kept.
   */
  reason?: 'install' | 'class-lists-no-features' | 'class-lacks-feature';
  /** The code's feature, `HTTPRoute<code>RedirectStatusCode`, when it is extended. */
  feature?: string;
}

/**
 * Which status code to write for a redirect ingress-nginx answered with `requested`. A core code
 * (301, 302) is always kept. An extended one (303, 307, 308) is kept only where the cluster's
 * HTTPRoute takes it (`installAccepts`: its schema's enum) and the GatewayClass lists its
 * feature; otherwise its core equivalent is written. Unlike the other redirect features, a class
 * that lists no features yet gets no benefit of the doubt here: a code its controller cannot
 * serve would make it refuse the route, and the hostname stop answering, while the core code
 * always serves.
 *
 * @public
 */
export function redirectStatusCodeFor(
  requested: number,
  target: {
    installAccepts: boolean;
    supportedFeatures: Iterable<string> | undefined;
  },
): RedirectStatusCodeChoice {
  const feature = REDIRECT_STATUS_CODE_FEATURES[requested];
  const core = CORE_REDIRECT_STATUS_CODES[requested];
  if (!feature || !core) return { requested, statusCode: requested };
  const supported = new Set(target.supportedFeatures ?? []);
  let reason: RedirectStatusCodeChoice['reason'];
  if (!target.installAccepts) reason = 'install';
  else if (supported.size === 0) reason = 'class-lists-no-features';
  else if (!supported.has(feature)) reason = 'class-lacks-feature';
  return reason
    ? { requested, statusCode: core, reason, feature }
    : { requested, statusCode: requested, feature };
}
