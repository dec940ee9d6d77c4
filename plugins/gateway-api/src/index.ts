/**
 * Gatehouse frontend plugin for the Kubernetes Gateway API.
 *
 * @packageDocumentation
 */
export {
  gatewayApiPlugin,
  EntityGatewayExposureContent,
  EntityGatewayExposureCard,
  EntityGatewayTenantCard,
  GatewayHostnamesPage,
} from './plugin';
export {
  GatewayHostnamePickerFieldExtension,
  GatewayRouteKindPickerFieldExtension,
  GatewayTenantPickerFieldExtension,
} from './fields';
export type {
  HostnamePickerUiOptions,
  RouteKindPickerUiOptions,
  TenantPickerUiOptions,
} from './fields';
export {
  isGatewayExposureAvailable,
  isGatewayTenantAvailable,
} from './conditions';
export { GATEWAY_TENANT_ENTITY } from './catalogEntities';
export * from './api';
