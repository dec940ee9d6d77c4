import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Provisioning (or changing) a tenant's gateways, issuers and policies.
 *
 * @public
 */
export const gatewayApiTenantProvisionPermission = createPermission({
  name: 'gateway-api.tenant.provision',
  attributes: { action: 'create' },
});

/**
 * Exposing (or unexposing) a service on a hostname of a tenant.
 *
 * @public
 */
export const gatewayApiRouteExposePermission = createPermission({
  name: 'gateway-api.route.expose',
  attributes: { action: 'create' },
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
