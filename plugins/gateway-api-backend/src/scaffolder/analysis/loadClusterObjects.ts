import { ClusterClient } from '../../kubernetes/ClusterClient';
import { ANALYSIS_KINDS } from '../../kubernetes/kinds';
import { statusCodeOf } from '../../kubernetes/retry';
import { KubernetesObject } from '../../manifests';

/**
 * What the attachment analysis reads, live from one cluster, each kind at the version the
 * cluster serves. A kind the cluster does not serve has no objects there; one it serves but
 * cannot be read fails the analysis (its prediction would be wrong).
 */
export async function loadClusterObjects(
  client: ClusterClient,
): Promise<KubernetesObject[]> {
  const served = await client.servedApis.current();
  const lists = await Promise.all(
    ANALYSIS_KINDS.map(async kind => {
      const at = served.kinds.get(kind);
      if (!at) return [];
      try {
        const items = await client.list(at.apiVersion, kind);
        return items.map(item => ({
          ...item,
          apiVersion: at.apiVersion,
          kind,
        }));
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
        client.servedApis.invalidate();
        return [];
      }
    }),
  );
  return lists.flat() as KubernetesObject[];
}
