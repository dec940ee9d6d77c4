import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAnalyzeAction } from './scaffolder/analyze';
import { createExposeRouteAction } from './scaffolder/exposeRoute';
import { createProvisionTenantAction } from './scaffolder/provisionTenant';
import { createUnexposeRouteAction } from './scaffolder/unexposeRoute';
import { gatewayApiClustersServiceRef } from './service/clustersService';

/**
 * Scaffolder module: the `gatewayApi:*` actions.
 *
 * @public
 */
export const scaffolderModuleGatewayApiActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gateway-api-actions',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        permissions: coreServices.permissions,
        clusters: gatewayApiClustersServiceRef,
      },
      async init({ scaffolder, permissions, clusters }) {
        const deps = { clients: clusters.clients, permissions };
        scaffolder.addActions(
          createProvisionTenantAction(deps),
          createExposeRouteAction(deps),
          createUnexposeRouteAction(deps),
          createAnalyzeAction(deps),
        );
      },
    });
  },
});
