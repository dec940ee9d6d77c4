import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { GatewayApiClient, gatewayApiApiRef } from './api';
import { entityExposureRouteRef } from './routes';

/**
 * The Gateway API frontend plugin (legacy frontend system).
 *
 * @public
 */
export const gatewayApiPlugin = createPlugin({
  id: 'gateway-api',
  apis: [
    createApiFactory({
      api: gatewayApiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new GatewayApiClient(deps),
    }),
  ],
  routes: {
    entityContent: entityExposureRouteRef,
  },
});

/**
 * The "Exposure" tab content for a component's entity page: every hostname it is exposed on.
 *
 * @public
 */
export const EntityGatewayApiExposureContent = gatewayApiPlugin.provide(
  createRoutableExtension({
    name: 'EntityGatewayApiExposureContent',
    component: () =>
      import('./components/EntityExposureContent').then(
        m => m.EntityExposureContent,
      ),
    mountPoint: entityExposureRouteRef,
  }),
);
