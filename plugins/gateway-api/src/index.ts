/**
 * Gatehouse frontend plugin for the Kubernetes Gateway API.
 *
 * @packageDocumentation
 */
export {
  gatewayApiPlugin,
  EntityGatewayExposureContent,
  EntityGatewayExposureCard,
  GatewayHostnamesPage,
} from './plugin';
export {
  GatewayHostnamePickerFieldExtension,
  GatewayTenantPickerFieldExtension,
} from './fields';
export type { HostnamePickerUiOptions, TenantPickerUiOptions } from './fields';
export { isGatewayExposureAvailable } from './conditions';
export * from './api';
