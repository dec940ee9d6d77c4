import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { GatewayApiEntityProvider } from './provider/GatewayApiEntityProvider';
import { CatalogClustersEntityProvider } from './provider/CatalogClustersEntityProvider';
import { GatewayApiPartOfProcessor } from './provider/partOfProcessor';
import { gatewayApiClustersServiceRef } from './clusters/clustersService';
import { hasRefreshedLocator, isRefreshedLocator } from './clusters/clusters';

/**
 * Catalog module: one entity provider per configured cluster, and one for the clusters of
 * `catalog` and `gke` locators (they come and go), fed by the shared cache.
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
            // Clusters of catalog and gke locators come and go: the provider below holds them.
            clusters: clusters.clusters
              .map(cluster => cluster.name)
              .filter(name => !isRefreshedLocator(clusters.locatorOf(name))),
            cache: clusters.cache,
          }),
        );
        if (hasRefreshedLocator(config)) {
          catalog.addEntityProvider(
            new CatalogClustersEntityProvider({
              config,
              logger,
              scheduler,
              clusters,
            }),
          );
        }
      },
    });
  },
});
