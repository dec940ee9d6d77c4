import { Entity } from '@backstage/catalog-model';
import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';
import { GATEWAY_TENANT_ENTITY } from './catalogEntities';

/**
 * Whether the entity can have exposures: it carries the `backstage.io/kubernetes-id`
 * annotation its routes are labelled with. For `EntitySwitch.Case if={...}`.
 *
 * @public
 */
export function isGatewayExposureAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[GATEWAY_API_ANNOTATIONS.kubernetesId],
  );
}

/**
 * Whether the entity is a Gateway tenant: a Resource of type `gateway-tenant`, as the
 * backend's entity provider emits one per tenant. For `EntitySwitch.Case if={...}`.
 *
 * @public
 */
export function isGatewayTenantAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === GATEWAY_TENANT_ENTITY.type
  );
}
