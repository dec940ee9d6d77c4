import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAnalyzeAction } from './scaffolder/analyze';
import { createExposeRouteAction } from './scaffolder/exposeRoute';
import { readGuardPolicySettings } from './scaffolder/guardPolicySettings';
import { createInstallGuardPoliciesAction } from './scaffolder/installGuardPolicies';
import { createMigrateIngressAction } from './scaffolder/migrateIngress';
import { createIngressCutoverAction } from './scaffolder/migrateIngressCutover';
import { createIngressRollbackAction } from './scaffolder/migrateIngressRollback';
import { createProvisionTenantAction } from './scaffolder/provisionTenant';
import { createRefreshTenantsAction } from './scaffolder/refreshTenants';
import { createUnexposeRouteAction } from './scaffolder/unexposeRoute';
import { gatewayApiClustersServiceRef } from './clusters/clustersService';

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
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, permissions, clusters, catalog, config }) {
        const deps = {
          clients: clusters.clients,
          clusterProblem: (name: string) => clusters.problemOf(name),
          permissions,
          catalog,
          guardPolicies: readGuardPolicySettings(config),
        };
        scaffolder.addActions(
          createProvisionTenantAction(deps),
          createExposeRouteAction(deps),
          createUnexposeRouteAction(deps),
          createAnalyzeAction(deps),
          createMigrateIngressAction(deps),
          createIngressCutoverAction(deps),
          createIngressRollbackAction(deps),
          createInstallGuardPoliciesAction(deps),
          createRefreshTenantsAction(deps),
        );
      },
    });
  },
});
