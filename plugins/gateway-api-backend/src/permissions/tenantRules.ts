import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { GATEWAY_API_TENANT_RESOURCE_TYPE } from '@gatehouse/backstage-plugin-gateway-api-common';
import { z } from 'zod';

/**
 * A tenant as permission rules see it.
 *
 * @public
 */
export interface GatewayApiTenantResource {
  cluster: string;
  name: string;
  /** Backstage group ref of the tenant's owner, from its namespace. */
  ownerGroup: string;
}

/** @public */
export const gatewayApiTenantResourceRef = createPermissionResourceRef<
  GatewayApiTenantResource,
  never
>().with({
  pluginId: 'gateway-api',
  resourceType: GATEWAY_API_TENANT_RESOURCE_TYPE,
});

/**
 * Allows the request when the user's ownership claims include the tenant's owner group.
 *
 * @public
 */
export const isTenantOwnerRule = createPermissionRule({
  name: 'IS_TENANT_OWNER',
  description: "Allow members of the tenant's owner group",
  resourceRef: gatewayApiTenantResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe("The user's ownership entity refs (user and groups)"),
  }),
  apply: (tenant, { claims }) => claims.includes(tenant.ownerGroup),
  toQuery: () => {
    throw new Error(
      'Tenants are checked one at a time; there is no tenant query',
    );
  },
});

/**
 * Conditions for permission policies: `gatewayApiTenantConditions.isTenantOwner({ claims })`.
 *
 * @public
 */
export const {
  conditions: gatewayApiTenantConditions,
  createConditionalDecision: createGatewayApiTenantConditionalDecision,
} = createConditionExports({
  resourceRef: gatewayApiTenantResourceRef,
  rules: { isTenantOwner: isTenantOwnerRule },
});
