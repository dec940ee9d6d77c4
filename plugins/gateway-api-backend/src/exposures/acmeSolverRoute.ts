/** The label cert-manager puts on the HTTPRoute it creates to answer an HTTP-01 challenge. */
const ACME_HTTP01_SOLVER_LABEL = 'acme.cert-manager.io/http01-solver';

/**
 * Whether a route is cert-manager's HTTP-01 solver: it serves the hostname only while a
 * challenge is pending, so it is no exposure of its own (its progress shows in the TLS
 * status) and no part of the hostname's catalog entity, which would otherwise gain and lose
 * the solver's Gateways with every renewal.
 */
export function isAcmeSolverRoute(route: {
  metadata?: { labels?: Record<string, string> };
}): boolean {
  return route.metadata?.labels?.[ACME_HTTP01_SOLVER_LABEL] === 'true';
}
