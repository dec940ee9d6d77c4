import { InputError } from '@backstage/errors';
import { ClusterClient } from '../kubernetes/ClusterClient';

/** The cluster an action acts on: the one named, or the only one configured. */
export function resolveClusterClient(
  clients: ClusterClient[],
  cluster: string | undefined,
): ClusterClient {
  if (cluster === undefined) {
    if (clients.length === 1) return clients[0];
    throw new InputError(
      `Name the cluster: ${clients.length} clusters are configured (${
        clients.map(c => c.name).join(', ') || 'none'
      }).`,
    );
  }
  const client = clients.find(c => c.name === cluster);
  if (!client) {
    throw new InputError(
      `Cluster "${cluster}" is not configured; configured clusters: ${
        clients.map(c => c.name).join(', ') || 'none'
      } (kubernetes.clusterLocatorMethods).`,
    );
  }
  return client;
}
