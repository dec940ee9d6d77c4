import {
  certificateExpiresWithin,
  compareStatusLevels,
  Exposure,
  HostnameQuery,
} from '@gatehouse/backstage-plugin-gateway-api-common';

export const MAX_PAGE = 1000;

/** Filters, sorts and pages hostnames for `GET /hostnames`. */
export function queryHostnames(
  items: Exposure[],
  query: HostnameQuery,
  now: Date,
): { items: Exposure[]; totalItems: number } {
  const search = query.search?.toLocaleLowerCase('en-US');
  const matching = items.filter(
    e =>
      (!query.tenant || e.tenant === query.tenant) &&
      (!query.owner || e.owner === query.owner) &&
      (!query.cluster || e.cluster === query.cluster) &&
      (!query.status || e.status.status === query.status) &&
      (!query.source || (e.source ?? 'Route') === query.source) &&
      (!query.migration || e.migration === query.migration) &&
      (query.expiringWithinDays === undefined ||
        certificateExpiresWithin(e.tls, query.expiringWithinDays, now)) &&
      (!search ||
        [
          e.hostname,
          e.tenant,
          e.owner,
          e.entityRef,
          `${e.route.namespace}/${e.route.name}`,
        ]
          .filter(Boolean)
          .some(text => text!.toLocaleLowerCase('en-US').includes(search))),
  );
  const direction = query.order === 'desc' ? -1 : 1;
  const expiry = (e: Exposure) =>
    e.tls?.notAfter ? Date.parse(e.tls.notAfter) : Number.POSITIVE_INFINITY;
  const compare: Record<
    NonNullable<HostnameQuery['sort']>,
    (a: Exposure, b: Exposure) => number
  > = {
    hostname: (a, b) => a.hostname.localeCompare(b.hostname),
    tenant: (a, b) => (a.tenant ?? '').localeCompare(b.tenant ?? ''),
    status: (a, b) => compareStatusLevels(a.status.status, b.status.status),
    expiry: (a, b) => expiry(a) - expiry(b),
  };
  const by = compare[query.sort ?? 'hostname'];
  const sorted = [...matching].sort(
    (a, b) => direction * by(a, b) || a.hostname.localeCompare(b.hostname),
  );
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? 100, MAX_PAGE);
  return {
    items: sorted.slice(offset, offset + limit),
    totalItems: matching.length,
  };
}
