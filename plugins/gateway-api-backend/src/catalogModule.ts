import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { GatewayApiEntityProvider } from './provider/GatewayApiEntityProvider';
import { GatewayApiPartOfProcessor } from './provider/partOfProcessor';
import { gatewayApiClustersServiceRef } from './clusters/clustersService';

/**
 * Catalog module: one entity provider per configured cluster, fed by the shared cache.
 *
 * @public
 */
export const catalogModuleGatewayApiEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'gateway-api-entity-provider',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        clusters: gatewayApiClustersServiceRef,
      },
      async init({ catalog, config, logger, scheduler, clusters }) {
        catalog.addProcessor(new GatewayApiPartOfProcessor());
        catalog.addEntityProvider(
          GatewayApiEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            clusters: clusters.clusters.map(cluster => cluster.name),
            cache: clusters.cache,
          }),
        );
      },
    });
  },
});
