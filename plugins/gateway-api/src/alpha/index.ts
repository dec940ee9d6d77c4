export { default } from './plugin';
export { gatewayApiApi } from './apis';
export { entityGatewayExposureContent } from './entityContent';
export {
  entityGatewayExposureCard,
  entityGatewayTenantCard,
} from './entityCard';
export { gatewayHostnamesPage } from './page';
export {
  gatewayApiHostnamePickerFormField,
  gatewayApiRouteKindPickerFormField,
  gatewayApiTenantPickerFormField,
} from './formFields';
