import { InputError } from '@backstage/errors';
import {
  ClusterProblem,
  clusterProblemMessage,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';

/** Why a cluster cannot be used now, if it cannot (the clusters service's `problemOf`). */
export type ClusterProblemLookup = (
  cluster: string,
) => ClusterProblem | undefined;

/**
 * The cluster an action acts on: the one named, or the only one configured. A cluster that is
 * left out, unreachable or refusing Gatehouse's credential is refused with why.
 */
export function resolveClusterClient(
  clients: ClusterClient[],
  cluster: string | undefined,
  problemOf?: ClusterProblemLookup,
): ClusterClient {
  const refuseIfBroken = (name: string) => {
    const problem = problemOf?.(name);
    if (problem) throw new InputError(clusterProblemMessage(problem));
  };
  if (cluster === undefined) {
    if (clients.length === 1) {
      refuseIfBroken(clients[0].name);
      return clients[0];
    }
    throw new InputError(
      `Name the cluster: ${clients.length} clusters are configured (${
        clients.map(c => c.name).join(', ') || 'none'
      }).`,
    );
  }
  refuseIfBroken(cluster);
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
