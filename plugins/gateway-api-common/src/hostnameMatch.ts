/**
 * Hostname matching in the Gateway API's sense: a `*.` wildcard is a suffix match that covers
 * any number of labels but never the domain itself. Inputs are normalised hostnames.
 */

/**
 * Whether a hostname lies inside a domain with a dot boundary: `app.team-a.example.org` is inside
 * `team-a.example.org`, `evil-team-a.example.org` is not. The apex counts unless `includeApex`
 * is false.
 *
 * @public
 */
export function isSubdomainOf(
  hostname: string,
  domain: string,
  options: { includeApex?: boolean } = {},
): boolean {
  if (hostname === domain) return options.includeApex ?? true;
  return hostname.endsWith(`.${domain}`);
}

/**
 * Whether a wildcard pattern (`*.example.com`) or an exact hostname matches a precise hostname,
 * as a listener or route hostname matches a request: `*.example.com` matches `foo.example.com`
 * and `foo.bar.example.com` but not `example.com`.
 *
 * @public
 */
export function hostnameMatches(pattern: string, hostname: string): boolean {
  if (pattern.startsWith('*.')) {
    return isSubdomainOf(hostname, pattern.slice(2), { includeApex: false });
  }
  return pattern === hostname;
}

/**
 * The intersection of two hostnames, either of which may be a wildcard: the more specific one
 * when they overlap (`*.example.com` and `foo.example.com` give `foo.example.com`), otherwise
 * undefined.
 *
 * @public
 */
export function intersectHostnames(a: string, b: string): string | undefined {
  const aWild = a.startsWith('*.');
  const bWild = b.startsWith('*.');
  if (!aWild && !bWild) return a === b ? a : undefined;
  if (aWild && !bWild) return hostnameMatches(a, b) ? b : undefined;
  if (!aWild && bWild) return hostnameMatches(b, a) ? a : undefined;
  const aSuffix = a.slice(2);
  const bSuffix = b.slice(2);
  if (isSubdomainOf(aSuffix, bSuffix)) return a;
  if (isSubdomainOf(bSuffix, aSuffix)) return b;
  return undefined;
}
