import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { GatewayApiEntityProvider } from './provider/GatewayApiEntityProvider';
import { GatewayApiPartOfProcessor } from './provider/partOfProcessor';
import { gatewayApiClustersServiceRef } from './service/clustersService';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 5 },
};

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
        const providerConfig = config.getOptionalConfig(
          'catalog.providers.gatewayApi',
        );
        const schedule = providerConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              providerConfig.getConfig('schedule'),
            )
          : DEFAULT_SCHEDULE;
        const defaultOwner =
          providerConfig?.getOptionalString('defaultOwner') ??
          'group:default/platform';
        catalog.addProcessor(new GatewayApiPartOfProcessor());
        catalog.addEntityProvider(
          clusters.clusters.map(
            cluster =>
              new GatewayApiEntityProvider({
                cluster: cluster.name,
                cache: clusters.cache,
                logger: logger.child({ cluster: cluster.name }),
                taskRunner: scheduler.createScheduledTaskRunner(schedule),
                defaultOwner,
              }),
          ),
        );
      },
    });
  },
});
