import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { GatewayApiClient, gatewayApiApiRef } from './api';
import {
  entityExposureRouteRef,
  exposeServiceTemplateRouteRef,
  migrateIngressTemplateRouteRef,
  rootRouteRef,
} from './routes';

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
    root: rootRouteRef,
    entityContent: entityExposureRouteRef,
  },
  externalRoutes: {
    exposeServiceTemplate: exposeServiceTemplateRouteRef,
    migrateIngressTemplate: migrateIngressTemplateRouteRef,
  },
});

/**
 * The "Exposure" tab content for a component's entity page: every hostname it is exposed on,
 * with route, gateway and TLS status, and a hint for each problem.
 *
 * @public
 */
export const EntityGatewayExposureContent = gatewayApiPlugin.provide(
  createRoutableExtension({
    name: 'EntityGatewayExposureContent',
    component: () =>
      import('./components/EntityExposureContent').then(
        m => m.EntityExposureContent,
      ),
    mountPoint: entityExposureRouteRef,
  }),
);

/**
 * A card for a component's Overview: its hostnames with their status and TLS expiry.
 *
 * @public
 */
export const EntityGatewayExposureCard = gatewayApiPlugin.provide(
  createComponentExtension({
    name: 'EntityGatewayExposureCard',
    component: {
      lazy: () =>
        import('./components/EntityExposureCard').then(
          m => m.EntityExposureCard,
        ),
    },
  }),
);

/**
 * The Hostnames page for platform teams: every hostname across clusters and tenants,
 * searchable and filterable (filters readable from the URL, e.g. `?tenant=team-a`).
 *
 * @public
 */
export const GatewayHostnamesPage = gatewayApiPlugin.provide(
  createRoutableExtension({
    name: 'GatewayHostnamesPage',
    component: () =>
      import('./components/HostnamesPage').then(m => m.HostnamesPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * A card for a Gateway tenant's Resource entity: its domains, layout and owner group, each
 * Gateway and listener serving it with its status, and its hostnames counted by status.
 * Show it where `isGatewayTenantAvailable(entity)`.
 *
 * @public
 */
export const EntityGatewayTenantCard = gatewayApiPlugin.provide(
  createComponentExtension({
    name: 'EntityGatewayTenantCard',
    component: {
      lazy: () =>
        import('./components/EntityTenantCard').then(m => m.EntityTenantCard),
    },
  }),
);
