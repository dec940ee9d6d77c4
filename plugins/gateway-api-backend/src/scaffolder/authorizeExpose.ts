import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  gatewayApiRouteExposePermission,
  tenantResourceRef,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { TenantRecord } from '../tenants/tenantFromNamespace';

/**
 * Checks `gateway-api.route.expose` on the tenant with the task initiator's credentials, for
 * exposing and unexposing alike; a denial names the group that may.
 */
export async function authorizeExpose(
  permissions: Pick<PermissionsService, 'authorize'>,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  tenant: TenantRecord,
  verb: 'expose services under' | 'unexpose hostnames of',
): Promise<void> {
  const [decision] = await permissions.authorize(
    [
      {
        permission: gatewayApiRouteExposePermission,
        resourceRef: tenantResourceRef(tenant.cluster, tenant.name),
      },
    ],
    { credentials: await ctx.getInitiatorCredentials() },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not ${verb} tenant "${tenant.name}": only members of ${tenant.ownerGroup} may.`,
    );
  }
}
