import { TenantDomains } from '@gatehouse/backstage-plugin-gateway-api-common';
import { TenantRecord } from './tenantFromNamespace';

/** Tenants as the domain core's guards take them. */
export function tenantDomains(tenants: TenantRecord[]): TenantDomains[] {
  return tenants.map(t => ({
    name: t.name,
    domains: t.domains,
    parent: t.parentTenant,
    namespace: t.namespace,
    // Only a provisioned tenant may; a namespace labelled by hand gets exact names.
    allowWildcards: t.spec?.allowWildcards === true,
  }));
}
