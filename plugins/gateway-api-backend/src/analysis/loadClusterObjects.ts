import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject } from '../manifests';

const KINDS = [
  ['v1', 'Namespace'],
  ['v1', 'Service'],
  ['gateway.networking.k8s.io/v1', 'Gateway'],
  ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
  ['gateway.networking.k8s.io/v1', 'GRPCRoute'],
  ['gateway.networking.k8s.io/v1alpha2', 'TLSRoute'],
  ['gateway.networking.k8s.io/v1beta1', 'ReferenceGrant'],
  ['cert-manager.io/v1', 'Certificate'],
] as const;

/** What the attachment analysis reads, live from one cluster (an unserved kind is empty). */
export async function loadClusterObjects(
  client: ClusterClient,
): Promise<KubernetesObject[]> {
  const lists = await Promise.all(
    KINDS.map(([apiVersion, kind]) =>
      client
        .list(apiVersion, kind)
        .then(items => items.map(item => ({ ...item, apiVersion, kind })))
        .catch((error: { code?: number }) => {
          if (error?.code === 404) return [];
          throw error;
        }),
    ),
  );
  return lists.flat() as KubernetesObject[];
}
