import { ClusterProblemKind } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { statusCodeOf } from '../kubernetes/retry';

/** Why a cluster's API server cannot be read, from the error of a request to it. */
export function problemOfError(error: unknown): {
  kind: Extract<ClusterProblemKind, 'unreachable' | 'unauthenticated'>;
  reason: string;
} {
  const status = statusCodeOf(error);
  const message = String((error as Error)?.message ?? error);
  if (status === 401 || status === 403) {
    return {
      kind: 'unauthenticated',
      reason: `the API server answers ${status} to the Gateway API plugin's credential (${message}); check the cluster's authProvider and the identity it maps to`,
    };
  }
  return {
    kind: 'unreachable',
    reason:
      status === undefined
        ? message
        : `the API server answers ${status}: ${message}`,
  };
}

/**
 * Asks the API server for its API groups (`GET /apis`, which every authenticated identity may
 * read): a cluster that answers is reachable and takes the credential; otherwise, why not.
 */
export async function probeCluster(
  client: Pick<ClusterClient, 'apiGroups'>,
): Promise<ReturnType<typeof problemOfError> | undefined> {
  try {
    await client.apiGroups();
    return undefined;
  } catch (error) {
    return problemOfError(error);
  }
}
