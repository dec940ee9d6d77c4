/**
 * The tenancy guards: which tenant owns which hostname, so that no tenant can take
 * another tenant's traffic. Each check returns a refusal reason a person can act on.
 */
import { isSubdomainOf, intersectHostnames } from './hostnameMatch';
import { isWildcardHostname, normaliseHostname } from './hostname';

/**
 * What the guards need to know about a tenant.
 *
 * @public
 */
export interface TenantDomains {
  /** The tenant's name. */
  name: string;
  /** The DNS domains the tenant owns, like `team-a.example.org`. */
  domains: string[];
  /** The parent tenant's name, for a child tenant. */
  parent?: string;
  /** Whether the tenant may expose wildcard hostnames (`*.team-a.example.org`). */
  allowWildcards?: boolean;
  /** The tenant's namespace; `tenant-<name>` when not given. */
  namespace?: string;
}

/**
 * The outcome of a guard: what was accepted, or why it was refused.
 *
 * @public
 */
export type GuardResult<T> = ({ ok: true } & T) | { ok: false; reason: string };

/**
 * The namespace of a tenant: its own if set, `tenant-<name>` otherwise.
 *
 * @public
 */
export function tenantNamespace(
  tenant: Pick<TenantDomains, 'name' | 'namespace'>,
): string {
  return tenant.namespace ?? `tenant-${tenant.name}`;
}

/**
 * Whether two domains overlap, that is one contains the other (or they are the same).
 * Inputs are normalised domains.
 *
 * @public
 */
export function domainsOverlap(a: string, b: string): boolean {
  return isSubdomainOf(a, b) || isSubdomainOf(b, a);
}

function normalisedDomains(tenant: TenantDomains): string[] {
  return (tenant.domains ?? []).flatMap(domain => {
    const result = normaliseHostname(domain);
    return result.ok ? [result.hostname] : [];
  });
}

/**
 * The ancestors of a tenant, nearest first: its `parent`, then each parent's parent as `tenants`
 * record it, until a root tenant, a tenant `tenants` does not hold, or a loop. Provisioning writes
 * them on the tenant namespace (`TENANT_METADATA.ancestors`) for the guard policies.
 *
 * @public
 */
export function tenantAncestors(
  tenant: Pick<TenantDomains, 'name' | 'parent'>,
  tenants: TenantDomains[],
): string[] {
  const byName = new Map(tenants.map(t => [t.name, t]));
  const ancestors: string[] = [];
  for (
    let current = tenant.parent;
    current !== undefined &&
    current !== tenant.name &&
    !ancestors.includes(current);
    current = byName.get(current)?.parent
  ) {
    ancestors.push(current);
  }
  return ancestors;
}

function isAncestor(
  ancestor: string,
  tenant: string,
  tenants: TenantDomains[],
): boolean {
  // The last record of a name wins, as in tenantAncestors' walk.
  const recorded = new Map(tenants.map(t => [t.name, t])).get(tenant);
  return tenantAncestors(
    { name: tenant, parent: recorded?.parent },
    tenants,
  ).includes(ancestor);
}

/**
 * Checks a tenant's domains against every tenant: each domain is a valid DNS name, is claimed
 * by no other tenant, overlaps no other tenant's domain except along the parent chain, and for
 * a child tenant lies strictly inside a domain of its parent. `tenants` may include `tenant`.
 *
 * @public
 */
export function checkTenantDomains(
  tenant: TenantDomains,
  tenants: TenantDomains[],
): GuardResult<{ domains: string[] }> {
  const domains: string[] = [];
  for (const input of tenant.domains ?? []) {
    const result = normaliseHostname(input);
    if (!result.ok) {
      return {
        ok: false,
        reason: `Domain of tenant "${tenant.name}": ${result.reason}`,
      };
    }
    domains.push(result.hostname);
  }
  if (domains.length === 0) {
    return {
      ok: false,
      reason: `Tenant "${tenant.name}" has no domain; give it at least one DNS domain it owns, like team-a.example.org.`,
    };
  }
  const all = [...tenants.filter(t => t.name !== tenant.name), tenant];
  if (tenant.parent !== undefined) {
    const parent = all.find(t => t.name === tenant.parent);
    if (!parent) {
      return {
        ok: false,
        reason: `Tenant "${tenant.name}" names the parent tenant "${tenant.parent}", which does not exist; create the parent first or fix the name.`,
      };
    }
    const parentDomains = normalisedDomains(parent);
    const outside = domains.find(
      d =>
        !parentDomains.some(p => isSubdomainOf(d, p, { includeApex: false })),
    );
    if (outside !== undefined) {
      return {
        ok: false,
        reason: `Domain "${outside}" of tenant "${
          tenant.name
        }" is not inside a domain of its parent tenant "${parent.name}" (${
          parentDomains.join(', ') || 'none'
        }); a child tenant can only own subdomains of its parent's domains.`,
      };
    }
  }
  const pairs = all
    .filter(other => other.name !== tenant.name)
    .flatMap(other =>
      normalisedDomains(other).flatMap(theirs =>
        domains.map(ours => ({ other, theirs, ours })),
      ),
    );
  const taken = pairs.find(pair => pair.ours === pair.theirs);
  if (taken) {
    return {
      ok: false,
      reason: `Domain "${taken.ours}" is already claimed by tenant "${taken.other.name}"; a domain belongs to one tenant only, so pick another domain or make "${tenant.name}" a child tenant with a subdomain.`,
    };
  }
  const overlapping = pairs.find(
    ({ other, theirs, ours }) =>
      domainsOverlap(ours, theirs) &&
      !(
        isSubdomainOf(ours, theirs) && isAncestor(other.name, tenant.name, all)
      ) &&
      !(
        isSubdomainOf(theirs, ours) && isAncestor(tenant.name, other.name, all)
      ),
  );
  if (overlapping) {
    return {
      ok: false,
      reason: `Domain "${overlapping.ours}" of tenant "${tenant.name}" overlaps domain "${overlapping.theirs}" of tenant "${overlapping.other.name}", which is neither its parent nor its child; pick a domain that does not contain or lie inside another tenant's domain.`,
    };
  }
  return { ok: true, domains };
}

/**
 * Finds the tenant that owns a hostname: the one whose domain containing it is the most
 * specific (a child tenant's subdomain beats its parent's domain). Refuses when no domain
 * contains the hostname, when two tenants claim the same most specific domain, and when a
 * wildcard would also cover a domain of another tenant.
 *
 * @public
 */
export function findHostnameOwner(
  hostname: string,
  tenants: TenantDomains[],
): GuardResult<{ hostname: string; tenant: string; domain: string }> {
  const normalised = normaliseHostname(hostname, { allowWildcard: true });
  if (!normalised.ok) return normalised;
  const host = normalised.hostname;
  const wildcard = host.startsWith('*.');
  const base = wildcard ? host.slice(2) : host;
  const claims = tenants.flatMap(tenant =>
    normalisedDomains(tenant).map(domain => ({ tenant: tenant.name, domain })),
  );
  const containing = claims.filter(claim => isSubdomainOf(base, claim.domain));
  if (containing.length === 0) {
    return {
      ok: false,
      reason: `No tenant owns a domain containing "${host}"; use a hostname inside one of your tenant's domains, or ask the platform team to add the domain to the tenant.`,
    };
  }
  const longest = Math.max(...containing.map(claim => claim.domain.length));
  const owners = containing.filter(claim => claim.domain.length === longest);
  const ownerNames = [...new Set(owners.map(claim => claim.tenant))];
  if (ownerNames.length > 1) {
    return {
      ok: false,
      reason: `Domain "${
        owners[0].domain
      }" is claimed by several tenants (${ownerNames.join(
        ', ',
      )}), so "${host}" has no single owner; the platform team must leave the domain to one tenant.`,
    };
  }
  const owner = owners[0];
  if (wildcard) {
    const swallowed = claims.find(
      claim =>
        claim.tenant !== owner.tenant &&
        isSubdomainOf(claim.domain, base, { includeApex: false }),
    );
    if (swallowed) {
      return {
        ok: false,
        reason: `Wildcard "${host}" would also cover "${swallowed.domain}", which belongs to tenant "${swallowed.tenant}"; use exact hostnames, or a wildcard under a subdomain that no other tenant owns.`,
      };
    }
  }
  return {
    ok: true,
    hostname: host,
    tenant: owner.tenant,
    domain: owner.domain,
  };
}

/**
 * Options of {@link checkHostnameForTenant}.
 *
 * @public
 */
export interface CheckHostnameOptions {
  /** Whether the domain itself (the apex) may be exposed; true when not given. */
  includeApex?: boolean;
}

/**
 * The guard for a route or listener hostname: the hostname is valid, is a wildcard only if the
 * tenant allows wildcards, and is owned by `tenantName` (see {@link findHostnameOwner}), so a
 * parent cannot expose hostnames delegated to a child tenant.
 *
 * @public
 */
export function checkHostnameForTenant(
  hostname: string,
  tenantName: string,
  tenants: TenantDomains[],
  options: CheckHostnameOptions = {},
): GuardResult<{ hostname: string; domain: string }> {
  const tenant = tenants.find(t => t.name === tenantName);
  if (!tenant) {
    return {
      ok: false,
      reason: `Tenant "${tenantName}" does not exist; pick one of ${
        tenants.map(t => t.name).join(', ') || 'the configured tenants'
      }.`,
    };
  }
  const normalised = normaliseHostname(hostname, {
    allowWildcard: tenant.allowWildcards,
  });
  if (!normalised.ok) return normalised;
  const host = normalised.hostname;
  const owner = findHostnameOwner(host, tenants);
  if (!owner.ok) return owner;
  if (owner.tenant !== tenantName) {
    const inOwnDomain = normalisedDomains(tenant).some(d =>
      isSubdomainOf(host, d),
    );
    return {
      ok: false,
      reason: inOwnDomain
        ? `"${host}" lies in domain "${owner.domain}", delegated to child tenant "${owner.tenant}"; expose it from that tenant instead.`
        : `"${host}" is not inside a domain of tenant "${tenantName}" (${normalisedDomains(
            tenant,
          ).join(', ')}); use a hostname ending in one of those domains.`,
    };
  }
  if (options.includeApex === false && host === owner.domain) {
    return {
      ok: false,
      reason: `"${host}" is the tenant's domain itself, which cannot be exposed here; use a hostname under it, like app.${host}.`,
    };
  }
  return { ok: true, hostname: host, domain: owner.domain };
}

/**
 * A hostname already served, and the tenant it is served for.
 *
 * @public
 */
export interface ServedHostname {
  hostname: string;
  tenant: string;
}

/**
 * Whether a hostname served for `served.tenant` holds `hostname` against tenant `tenantName`:
 * it is served for another tenant and overlaps it (the same name, or a wildcard covering it
 * either way), unless it is a wildcard of an ancestor of `tenantName` and `hostname` lies in a
 * domain of `tenantName` that the ancestor delegated (strictly inside one of its own): a parent's
 * `*.team-a.example.org` (a dedicated parent's `http-redirect` listener) leaves
 * `shop.kids.team-a.example.org` to its child `kids`. An exact name an ancestor serves still
 * holds. The parent chain and the domains come from `tenants`, the platform's record; a name
 * that appears twice there is no ancestor of anything. An invalid `hostname` is held.
 *
 * @public
 */
export function servedHostnameHolds(
  hostname: string,
  tenantName: string,
  served: ServedHostname,
  tenants: TenantDomains[],
): boolean {
  if (served.tenant === tenantName) return false;
  const asked = normaliseHostname(hostname, { allowWildcard: true });
  if (!asked.ok) return true;
  const held = normaliseHostname(served.hostname, { allowWildcard: true });
  if (!held.ok) return false;
  if (intersectHostnames(asked.hostname, held.hostname) === undefined) {
    return false;
  }
  return !delegatedByAncestor(
    asked.hostname,
    tenantName,
    held.hostname,
    served.tenant,
    tenants,
  );
}

function delegatedByAncestor(
  asked: string,
  tenantName: string,
  held: string,
  holder: string,
  tenants: TenantDomains[],
): boolean {
  if (!isWildcardHostname(held)) return false;
  const named = (name: string) => tenants.filter(t => t.name === name);
  const [tenant, ...sameName] = named(tenantName);
  const [ancestor, ...alsoAncestor] = named(holder);
  if (!tenant || !ancestor || sameName.length || alsoAncestor.length) {
    return false;
  }
  if (!isAncestor(holder, tenantName, tenants)) return false;
  const base = asked.startsWith('*.') ? asked.slice(2) : asked;
  const ancestorDomains = normalisedDomains(ancestor);
  // The child's domain must lie inside the ancestor's own: the parent label alone grants nothing.
  return normalisedDomains(tenant).some(
    domain =>
      isSubdomainOf(base, domain) &&
      ancestorDomains.some(theirs =>
        isSubdomainOf(domain, theirs, { includeApex: false }),
      ),
  );
}

/**
 * Refuses a hostname held by one already served for another tenant (see
 * {@link servedHostnameHolds}): the Gateway API alone would settle such a conflict
 * first-come, first-served. Without `tenants`, every overlapping name served for another tenant
 * holds.
 *
 * @public
 */
export function checkHostnameNotServedElsewhere(
  hostname: string,
  tenantName: string,
  served: ServedHostname[],
  tenants: TenantDomains[] = [],
): GuardResult<{ hostname: string }> {
  const normalised = normaliseHostname(hostname, { allowWildcard: true });
  if (!normalised.ok) return normalised;
  const holder = served.find(entry =>
    servedHostnameHolds(normalised.hostname, tenantName, entry, tenants),
  );
  if (holder) {
    const other = normaliseHostname(holder.hostname, { allowWildcard: true });
    return {
      ok: false,
      reason: `"${normalised.hostname}" overlaps "${
        other.ok ? other.hostname : holder.hostname
      }", already served for tenant "${
        holder.tenant
      }"; pick another hostname, or ask the platform team to move it.`,
    };
  }
  return { ok: true, hostname: normalised.hostname };
}

/**
 * Checks the namespaces a tenant lets attach routes to its gateways: never another tenant's
 * namespace, nor any `tenant-` namespace but its own (that prefix is reserved for tenants).
 *
 * @public
 */
export function checkAttachedNamespaces(
  tenantName: string,
  namespaces: string[],
  tenants: TenantDomains[],
): GuardResult<{ namespaces: string[] }> {
  const own = tenants.find(t => t.name === tenantName);
  const ownNamespace = tenantNamespace(own ?? { name: tenantName });
  for (const namespace of namespaces) {
    const other = tenants.find(
      t => t.name !== tenantName && tenantNamespace(t) === namespace,
    );
    if (other) {
      return {
        ok: false,
        reason: `Namespace "${namespace}" belongs to tenant "${other.name}"; a tenant can only attach its own application namespaces, so remove it from the list.`,
      };
    }
    if (namespace.startsWith('tenant-') && namespace !== ownNamespace) {
      return {
        ok: false,
        reason: `Namespace "${namespace}" starts with "tenant-", a prefix reserved for tenant namespaces; attach only application namespaces.`,
      };
    }
  }
  return { ok: true, namespaces: [...new Set(namespaces)] };
}
