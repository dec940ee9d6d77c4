import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createGatewayApiTenantConditionalDecision,
  gatewayApiTenantConditions,
} from '@gatehouse/backstage-plugin-gateway-api-backend';
import {
  gatewayApiRouteExposePermission,
  gatewayApiTenantProvisionPermission,
} from '@gatehouse/backstage-plugin-gateway-api-common';

const PLATFORM_GROUP = 'group:default/platform';

/**
 * The demo portal's policy: only the platform team provisions tenants; only members of a
 * tenant's owner group expose services under it; everything else is allowed.
 */
export class GatehouseDemoPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (isPermission(request.permission, gatewayApiTenantProvisionPermission)) {
      return {
        result: claims.includes(PLATFORM_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (isPermission(request.permission, gatewayApiRouteExposePermission)) {
      return createGatewayApiTenantConditionalDecision(
        request.permission,
        gatewayApiTenantConditions.isTenantOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const gatehouseDemoPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'gatehouse-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new GatehouseDemoPolicy());
      },
    });
  },
});
