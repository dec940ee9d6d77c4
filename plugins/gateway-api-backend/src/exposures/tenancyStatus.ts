import {
  findHostnameOwner,
  hintForMistake,
  StatusSummary,
  TenantDomains,
} from '@gatehouse/backstage-plugin-gateway-api-common';

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
  const owner = findHostnameOwner(hostname, tenants);
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
