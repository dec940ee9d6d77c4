/**
 * Which Gateway API implementation runs a GatewayClass, from its controllerName.
 */
import { MigrationImplementation } from './types';

/**
 * The controllerName of Envoy Gateway's GatewayClasses.
 *
 * @public
 */
export const ENVOY_GATEWAY_CONTROLLER_NAME =
  'gateway.envoyproxy.io/gatewayclass-controller';

/**
 * The implementation the migration writes for: Envoy Gateway (its policies carry what the
 * Gateway API core lacks) or any other Gateway API implementation (core fields only).
 *
 * @public
 */
export function implementationForControllerName(
  controllerName: string | undefined,
): MigrationImplementation {
  return controllerName === ENVOY_GATEWAY_CONTROLLER_NAME
    ? 'envoy-gateway'
    : 'gateway-api';
}
