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
import { ExposureNotifier } from './notifications/ExposureNotifier';
import { checkHostname } from './guards/exposureGuards';
import { TenantDirectory } from './tenants/TenantDirectory';
import { tenantsInCache } from './tenants/tenantsInCache';
import { tenantDetail } from './tenants/tenantDetail';
import { worldFromCache } from './world/loadWorld';
import { gatewayApiClustersServiceRef } from './service/clustersService';
import { createRouter } from './service/router';
import { ingressBlockersFromCache } from './ingress/migrationBlockers';

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
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusters: gatewayApiClustersServiceRef,
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
      }) {
        logger.info(
          `Gateway API plugin watches ${
            clusters.clusters.length
          } cluster(s): ${clusters.clusters.map(c => c.name).join(', ')}`,
        );
        permissionsRegistry.addPermissions(gatewayApiPermissions);
        const tenants = new TenantDirectory(clusters.clients);
        permissionsRegistry.addResourceType({
          resourceRef: gatewayApiTenantResourceRef,
          permissions: [gatewayApiRouteExposePermission],
          rules: [isTenantOwnerRule],
          getResources: refs => tenants.getMany(refs),
        });
        clusters.cache.start();
        const exposures = new ExposureIndex(clusters.cache);
        const alerts = config.getOptionalConfig('gatewayApi.notifications');
        if (alerts?.getOptionalBoolean('enabled') ?? true) {
          const notifier = new ExposureNotifier({
            exposures,
            notifications,
            logger,
            settings: {
              certificateExpiryDays:
                alerts?.getOptionalNumber('certificateExpiryDays') ?? 14,
              routeNotAcceptedMinutes:
                alerts?.getOptionalNumber('routeNotAcceptedMinutes') ?? 10,
            },
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
            exposures,
            httpAuth,
            permissions,
            catalog,
            tenants: () => tenantsInCache(clusters.cache),
            tenantDetail: (cluster, name) => {
              const tenant = tenantsInCache(clusters.cache).find(
                t => t.cluster === cluster && t.name === name,
              );
              const snapshot = clusters.cache.snapshot(cluster);
              return (
                tenant && {
                  ...tenantDetail(
                    snapshot,
                    tenant,
                    exposures.list({ cluster, tenant: name }).items,
                  ),
                  unservedKinds: [...(snapshot.unserved ?? [])],
                }
              );
            },
            servedKinds: async name => {
              const client = clusters.client(name);
              if (!client) return undefined;
              const served = await client.servedApis.summary();
              // Without discovery every kind is unreadable for the same reason: say it once.
              if (served.unreadable.length > 0) return served;
              const unreadable = clusters.cache.snapshot(name).unreadable ?? [];
              return { ...served, unreadable: [...unreadable] };
            },
            ingressBlockers: ingressBlockersFromCache(clusters.cache),
            checkHostname: async request => {
              // Advice while the user types: the cache, not a cluster call per keystroke.
              // The expose action runs the same guards on the live world.
              const verdict = checkHostname(
                request,
                worldFromCache(clusters.cache),
              );
              return verdict.ok
                ? { ok: true, hostname: verdict.hostname }
                : verdict;
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
