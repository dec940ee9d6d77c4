export {
  GatewayHostnamePickerFieldExtension,
  GatewayRouteKindPickerFieldExtension,
  GatewayTenantPickerFieldExtension,
} from './extensions';
export type {
  HostnamePickerUiOptions,
  RouteKindPickerUiOptions,
  TenantPickerUiOptions,
} from './options';
