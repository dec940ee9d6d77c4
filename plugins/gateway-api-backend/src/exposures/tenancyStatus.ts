import {
  findHostnameOwner,
  hintForMistake,
  normaliseHostname,
  StatusSummary,
  TenantDomains,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** Each tenant's position, by each of its normalised domains. */
type DomainIndex = Map<string, number[]>;
const domainIndexes = new WeakMap<TenantDomains[], DomainIndex>();

function domainIndex(tenants: TenantDomains[]): DomainIndex {
  let index = domainIndexes.get(tenants);
  if (!index) {
    index = new Map();
    for (const [i, tenant] of tenants.entries()) {
      for (const domain of tenant.domains ?? []) {
        const normalised = normaliseHostname(domain);
        if (!normalised.ok) continue;
        const at = index.get(normalised.hostname) ?? [];
        if (!at.includes(i)) at.push(i);
        index.set(normalised.hostname, at);
      }
    }
    domainIndexes.set(tenants, index);
  }
  return index;
}

/**
 * The tenants that can decide who owns a hostname: for an exact hostname only those with a
 * domain containing it (its suffixes, looked up), in their order; a wildcard is checked
 * against every domain, so it gets them all. A cluster's exposures ask this for every
 * hostname, and a scan of every tenant's domains each time grows with tenants x hostnames.
 */
function candidateTenants(
  hostname: string,
  tenants: TenantDomains[],
): TenantDomains[] {
  const normalised = normaliseHostname(hostname, { allowWildcard: true });
  if (!normalised.ok || normalised.hostname.startsWith('*.')) return tenants;
  const index = domainIndex(tenants);
  const labels = normalised.hostname.split('.');
  const positions = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    for (const at of index.get(labels.slice(i).join('.')) ?? []) {
      positions.add(at);
    }
  }
  return [...positions].sort((a, b) => a - b).map(i => tenants[i]);
}

/**
 * A route of one tenant serving a hostname outside that tenant's domains (another tenant's, or
 * no tenant's): made past the guards, it takes traffic meant for someone else. Undefined when
 * the hostname is the route's tenant's own, or when the route belongs to no tenant (the
 * platform's redirect routes serve every tenant's hostnames by design).
 */
export function tenancyStatus(
  hostname: string,
  routeTenant: string | undefined,
  tenants: TenantDomains[],
): StatusSummary | undefined {
  if (!routeTenant) return undefined;
  const owner = findHostnameOwner(
    hostname,
    candidateTenants(hostname, tenants),
  );
  if (owner.ok && owner.tenant === routeTenant) return undefined;
  return {
    status: 'error',
    reason: 'HostnameOfAnotherTenant',
    summary: owner.ok
      ? `"${hostname}" lies in domain ${owner.domain} of tenant "${owner.tenant}", but this route belongs to tenant "${routeTenant}".`
      : `"${hostname}" is not inside a domain of tenant "${routeTenant}", which this route belongs to.`,
    hint: hintForMistake('hostnameOfAnotherTenant'),
  };
}
