import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  gatewayApiPermissions,
  gatewayApiRouteExposePermission,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import {
  gatewayApiTenantResourceRef,
  isTenantOwnerRule,
} from './permissions/tenantRules';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ExposureIndex } from './exposures/ExposureIndex';
import { readHostnameEntities } from './provider/hostnameEntities';
import { ExposureNotifier } from './notifications/ExposureNotifier';
import { readAlertSettings } from './notifications/exposureAlerts';
import { hostnameAdviceFromCache } from './guards/hostnameAdvice';
import { TenantDirectory } from './tenants/TenantDirectory';
import { tenantsInCache } from './tenants/tenantsInCache';
import { tenantDetailFromCache } from './tenants/tenantDetail';
import { servedKindsOf } from './cache/servedKinds';
import { gatewayApiClustersServiceRef } from './clusters/clustersService';
import { gatewayApiAuthStrategyExtensionPoint } from './clusters/authStrategyExtensionPoint';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { createRouter } from './router/router';
import { ingressBlockersFromCache } from './ingress/migrationBlockers';

/**
 * The Gateway API backend plugin: the REST API the frontend plugin reads.
 *
 * @public
 */
export const gatewayApiPlugin = createBackendPlugin({
  pluginId: 'gateway-api',
  register(env) {
    const authStrategies = new Map<string, AuthenticationStrategy>();
    env.registerExtensionPoint(gatewayApiAuthStrategyExtensionPoint, {
      addAuthStrategy: (authProvider, strategy) =>
        authStrategies.set(authProvider, strategy),
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusters: gatewayApiClustersServiceRef,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        logger,
        httpRouter,
        httpAuth,
        permissions,
        catalog,
        config,
        scheduler,
        notifications,
        permissionsRegistry,
        clusters,
        auth,
        lifecycle,
      }) {
        logger.info(
          `Gateway API plugin watches ${
            clusters.clusters.length
          } cluster(s): ${clusters.clusters.map(c => c.name).join(', ')}`,
        );
        for (const [authProvider, strategy] of authStrategies) {
          clusters.addAuthStrategy(authProvider, strategy);
        }
        permissionsRegistry.addPermissions(gatewayApiPermissions);
        const tenants = new TenantDirectory(clusters.clients);
        permissionsRegistry.addResourceType({
          resourceRef: gatewayApiTenantResourceRef,
          permissions: [gatewayApiRouteExposePermission],
          rules: [isTenantOwnerRule],
          getResources: refs => tenants.getMany(refs),
        });
        clusters.cache.start();
        // Clusters of a catalog locator, read with the plugin's own credentials once every
        // plugin runs (the catalog answers then), and again on an interval.
        lifecycle.addStartupHook(() => {
          clusters
            .readCatalogLocators(catalog, () => auth.getOwnServiceCredentials())
            .catch(error =>
              logger.error(
                `Reading clusters from the catalog failed: ${error}`,
              ),
            );
        });
        // Each hostname links to the catalog entity the entity provider gives it.
        const exposures = new ExposureIndex(
          clusters.cache,
          undefined,
          readHostnameEntities(config),
        );
        const settings = readAlertSettings(config);
        if (settings) {
          const notifier = new ExposureNotifier({
            exposures,
            notifications,
            logger,
            settings,
          });
          await scheduler.scheduleTask({
            id: 'gateway-api-exposure-notifications',
            frequency: { minutes: 1 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 30 },
            fn: () => notifier.run(),
          });
        }
        httpRouter.use(
          await createRouter({
            clusters: clusters.clusters,
            clusterProblems: () => clusters.problems(),
            exposures,
            httpAuth,
            permissions,
            catalog,
            tenants: () => tenantsInCache(clusters.cache),
            tenantDetail: tenantDetailFromCache(clusters.cache, exposures),
            servedKinds: servedKindsOf(
              name => clusters.client(name),
              clusters.cache,
            ),
            ingressBlockers: ingressBlockersFromCache(clusters.cache),
            checkHostname: hostnameAdviceFromCache(clusters.cache),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
