import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gatewayApiTenantProvisionPermission } from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * Checks `gateway-api.tenant.provision`, the platform team's permission, with the task
 * initiator's credentials; `refusal` says what the caller may not do.
 */
export async function authorizeProvision(
  permissions: Pick<PermissionsService, 'authorize'>,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  refusal: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: gatewayApiTenantProvisionPermission }],
    { credentials: await ctx.getInitiatorCredentials() },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(refusal);
  }
}
