/**
 * Differences that depend on the hosts and on the cluster's other Ingresses: catch-all and
 * wildcard hosts, host-wide regex, the same host and path elsewhere.
 */
import { parseBoolean } from './values';
import { PathEntry, Translation, ingressRef, uniq } from './context';

/** Differences that depend on the other Ingresses of the cluster or on hosts. */
export function hostDifferences(
  t: Translation,
  groups: Map<string, PathEntry[]>,
) {
  const others = t.others();
  for (const [host, entries] of groups) {
    if (host === '') {
      t.differences.add('catch-all-host', {
        security: true,
        message: `${t.ref} has a rule without host, which ingress-nginx served for every host; its route has no hostnames, so it takes every hostname its listener admits, including names of other teams on a shared listener. Attach it to a listener with a hostname, or add a host to the rule.`,
      });
      continue;
    }
    if (host.startsWith('*.')) {
      t.differences.add('wildcard-host-depth', {
        subject: host,
        message: `The wildcard host ${host} matches one label in an Ingress (a.${host.slice(
          2,
        )}), but any depth on a route (also a.b.${host.slice(
          2,
        )}), so the route may take deeper names from other routes.`,
      });
    }
    const regexCauses = [t.ingress, ...others]
      .filter(i => i.metadata?.namespace !== undefined)
      .filter(i =>
        (i.spec?.rules ?? []).some(r => r.host && t.host(r.host) === host),
      )
      .filter(
        i =>
          parseBoolean(t.nginx(i, 'use-regex')) === true ||
          !!t.nginx(i, 'rewrite-target')?.trim(),
      )
      .map(ingressRef);
    if (regexCauses.length) {
      t.differences.add('host-wide-regex', {
        subject: host,
        message: `ingress-nginx matches every path of ${host} as a case-insensitive regular expression prefix, because ${uniq(
          regexCauses,
        ).join(', ')} set${
          regexCauses.length === 1 ? 's' : ''
        } use-regex or rewrite-target; the routes match paths case-sensitively and by segment, so /Api or /apiv2 may stop reaching a path /api.`,
      });
    }
    // A canary shares its main Ingress's paths by design.
    for (const entry of t.features.canary ? [] : entries) {
      const path = entry.mapping.path;
      if (path === undefined) continue;
      const duplicates = others
        .filter(o => parseBoolean(t.nginx(o, 'canary')) !== true)
        .filter(o =>
          (o.spec?.rules ?? []).some(
            r =>
              r.host &&
              t.host(r.host) === host &&
              (r.http?.paths ?? []).some(p => (p.path || '/') === path),
          ),
        )
        .map(ingressRef);
      if (duplicates.length) {
        entry.mapping.differences.push(
          t.differences.add('duplicate-host-path', {
            subject: `${host}${path}`,
            message: `${duplicates.join(', ')} also serve${
              duplicates.length === 1 ? 's' : ''
            } ${host}${path}. ingress-nginx picked one of them; on the Gateway the oldest route wins, so migrate them together or remove the duplicate first.`,
          }),
        );
      }
    }
  }
}
