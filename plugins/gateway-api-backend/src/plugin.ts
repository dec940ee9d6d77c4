import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { gatewayApiPermissions } from '@gatehouse/backstage-plugin-gateway-api-common';
import { readGatewayApiClusters } from './service/clusters';
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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ config, logger, httpRouter, permissionsRegistry }) {
        const clusters = readGatewayApiClusters(config, type =>
          logger.warn(
            `Skipping kubernetes cluster locator of type "${type}": the Gateway API plugin reads clusters of type "config" only`,
          ),
        );
        logger.info(
          `Gateway API plugin watches ${clusters.length} cluster(s): ${clusters
            .map(c => c.name)
            .join(', ')}`,
        );
        permissionsRegistry.addPermissions(gatewayApiPermissions);
        httpRouter.use(await createRouter({ clusters }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
