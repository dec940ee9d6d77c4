import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of a tenant. Resource refs read `<cluster>/<tenant>`.
 *
 * @public
 */
export const GATEWAY_API_TENANT_RESOURCE_TYPE = 'gateway-api-tenant';

/**
 * The resource ref of a tenant for permission checks.
 *
 * @public
 */
export function tenantResourceRef(cluster: string, tenant: string): string {
  return `${cluster}/${tenant}`;
}

/**
 * Provisioning (or changing) a tenant's gateways, issuers and policies: a platform action.
 *
 * @public
 */
export const gatewayApiTenantProvisionPermission = createPermission({
  name: 'gateway-api.tenant.provision',
  attributes: { action: 'create' },
});

/**
 * Exposing (or unexposing) a service on a hostname of a tenant. A resource permission on the
 * tenant, so a policy can allow it to the members of the tenant's owner group only.
 *
 * @public
 */
export const gatewayApiRouteExposePermission = createPermission({
  name: 'gateway-api.route.expose',
  attributes: { action: 'create' },
  resourceType: GATEWAY_API_TENANT_RESOURCE_TYPE,
});

/**
 * Every permission the Gateway API plugin defines, for registration.
 *
 * @public
 */
export const gatewayApiPermissions = [
  gatewayApiTenantProvisionPermission,
  gatewayApiRouteExposePermission,
];
