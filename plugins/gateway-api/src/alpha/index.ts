export { default } from './plugin';
export { gatewayApiApi } from './apis';
export { entityGatewayApiExposureContent } from './entityContent';
export { entityGatewayApiExposureCard } from './entityCard';
export { gatewayApiHostnamesPage } from './page';
export {
  gatewayApiHostnamePickerFormField,
  gatewayApiTenantPickerFormField,
} from './formFields';
