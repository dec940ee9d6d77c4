export {
  GatewayApiHostnamePickerFieldExtension,
  GatewayApiTenantPickerFieldExtension,
} from './extensions';
export type { HostnamePickerUiOptions, TenantPickerUiOptions } from './options';
