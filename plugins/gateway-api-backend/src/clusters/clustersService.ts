import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { readGatewayApiClusters } from './clusters';
import {
  authProblems,
  defaultAuthStrategies,
  withCredentials,
} from './authStrategies';

/**
 * The configured clusters with one client each, and the one watch-fed cache over them. Root
 * scoped, so the REST API, the entity provider and the scaffolder actions (three plugins of
 * the backend system) share a single cache and a single watch per kind and cluster.
 */
export interface GatewayApiClusters {
  clusters: GatewayApiCluster[];
  clients: ClusterClient[];
  client(name: string): ClusterClient | undefined;
  /** Started by the first consumer that needs it; stopped when the backend shuts down. */
  cache: GatewayApiCache;
  /**
   * Adds (or replaces) the strategy for an authProvider; clusters ask for it on their next
   * request. Called by the plugin with the strategies its extension point collected.
   */
  addAuthStrategy(authProvider: string, strategy: AuthenticationStrategy): void;
}

export const gatewayApiClustersServiceRef =
  createServiceRef<GatewayApiClusters>({
    id: 'gateway-api.clusters',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
          lifecycle: coreServices.rootLifecycle,
        },
        async factory({ config, logger, lifecycle }) {
          const log = logger.child({ plugin: 'gateway-api' });
          const configured = await readGatewayApiClusters(config, {
            onSkippedLocator: (type, reason) =>
              log.warn(
                `Skipping kubernetes cluster locator of type "${type}": ${reason}`,
              ),
            onSkippedCluster: (name, reason) =>
              log.error(
                `The Gateway API plugin cannot read cluster "${name}": ${reason}`,
              ),
          });
          const strategies = defaultAuthStrategies(config, log);
          const usable = configured.filter(cluster => {
            const problems = authProblems(cluster, strategies);
            if (problems.length) {
              log.error(
                `The Gateway API plugin cannot read cluster "${
                  cluster.name
                }": ${problems.join(', ')}`,
              );
            }
            return problems.length === 0;
          });
          const clusters = withCredentials(usable, strategies);
          const clients = clusters.map(cluster => new ClusterClient(cluster));
          const cache = new GatewayApiCache(clients, { logger: log });
          lifecycle.addShutdownHook(() => cache.stop());
          return {
            clusters,
            clients,
            client: name => clients.find(c => c.name === name),
            cache,
            addAuthStrategy: (authProvider, strategy) =>
              strategies.set(authProvider, strategy),
          };
        },
      }),
  });
