import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  exposeServiceTemplateRouteRef,
  migrateIngressTemplateRouteRef,
  rootRouteRef,
} from '../routes';
import { gatewayApiApi } from './apis';
import {
  entityGatewayExposureCard,
  entityGatewayTenantCard,
} from './entityCard';
import { entityGatewayExposureContent } from './entityContent';
import {
  gatewayApiHostnamePickerFormField,
  gatewayApiRouteKindPickerFormField,
  gatewayApiTenantPickerFormField,
} from './formFields';
import { gatewayHostnamesPage } from './page';

/**
 * The Gateway API frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'gateway-api',
  title: 'Gateway API',
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  externalRoutes: convertLegacyRouteRefs({
    exposeServiceTemplate: exposeServiceTemplateRouteRef,
    migrateIngressTemplate: migrateIngressTemplateRouteRef,
  }),
  extensions: [
    gatewayApiApi,
    entityGatewayExposureContent,
    entityGatewayExposureCard,
    entityGatewayTenantCard,
    gatewayHostnamesPage,
    gatewayApiTenantPickerFormField,
    gatewayApiHostnamePickerFormField,
    gatewayApiRouteKindPickerFormField,
  ],
});
