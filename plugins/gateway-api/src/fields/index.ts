export {
  GatewayHostnamePickerFieldExtension,
  GatewayTenantPickerFieldExtension,
} from './extensions';
export type { HostnamePickerUiOptions, TenantPickerUiOptions } from './options';
