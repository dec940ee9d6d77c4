/**
 * Gatehouse frontend plugin for the Kubernetes Gateway API.
 *
 * @packageDocumentation
 */
export {
  gatewayApiPlugin,
  EntityGatewayApiExposureContent,
  EntityGatewayApiExposureCard,
  GatewayApiHostnamesPage,
} from './plugin';
export {
  GatewayApiHostnamePickerFieldExtension,
  GatewayApiTenantPickerFieldExtension,
} from './fields';
export type { HostnamePickerUiOptions, TenantPickerUiOptions } from './fields';
export { isGatewayApiExposureAvailable } from './conditions';
export * from './api';
