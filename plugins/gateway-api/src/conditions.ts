import { Entity } from '@backstage/catalog-model';
import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';

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
