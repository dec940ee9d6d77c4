/**
 * The Gatehouse Gateway API backend: install everything with one
 * `backend.add(import('@gatehouse/backstage-plugin-gateway-api-backend'))`, or pick pieces by name.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleGatewayApiEntityProvider } from './catalogModule';
import { gatewayApiPlugin } from './plugin';
import { scaffolderModuleGatewayApiActions } from './scaffolderModule';

export {
  catalogModuleGatewayApiEntityProvider,
  gatewayApiPlugin,
  scaffolderModuleGatewayApiActions,
};
export * from './permissions/tenantRules';
export { gatewayApiClustersServiceRef } from './clusters/clustersService';
export type { GatewayApiClusters } from './clusters/clustersService';
export {
  gatewayApiAuthStrategyExtensionPoint,
  type GatewayApiAuthStrategyExtensionPoint,
} from './clusters/authStrategyExtensionPoint';

/**
 * Installs the Gateway API backend plugin and the modules it brings.
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield gatewayApiPlugin;
    yield catalogModuleGatewayApiEntityProvider;
    yield scaffolderModuleGatewayApiActions;
  },
});
