import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { gatewayApiPermissions } from '@gatehouse/backstage-plugin-gateway-api-common';
import { gatewayApiClustersServiceRef } from './service/clustersService';
import { createRouter } from './service/router';

/**
 * The Gateway API backend plugin: the REST API the frontend plugin reads.
 *
 * @public
 */
export const gatewayApiPlugin = createBackendPlugin({
  pluginId: 'gateway-api',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusters: gatewayApiClustersServiceRef,
      },
      async init({ logger, httpRouter, permissionsRegistry, clusters }) {
        logger.info(
          `Gateway API plugin watches ${
            clusters.clusters.length
          } cluster(s): ${clusters.clusters.map(c => c.name).join(', ')}`,
        );
        permissionsRegistry.addPermissions(gatewayApiPermissions);
        httpRouter.use(await createRouter({ clusters: clusters.clusters }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
