import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';
import { readGatewayApiClusters } from './clusters';

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
        factory({ config, logger, lifecycle }) {
          const log = logger.child({ plugin: 'gateway-api' });
          const clusters = readGatewayApiClusters(config, type =>
            log.warn(
              `Skipping kubernetes cluster locator of type "${type}": the Gateway API plugin reads clusters of type "config" only`,
            ),
          );
          const clients = clusters.map(cluster => new ClusterClient(cluster));
          const cache = new GatewayApiCache(clients, { logger: log });
          lifecycle.addShutdownHook(() => cache.stop());
          return {
            clusters,
            clients,
            client: name => clients.find(c => c.name === name),
            cache,
          };
        },
      }),
  });
