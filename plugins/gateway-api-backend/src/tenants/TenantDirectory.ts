import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  TENANT_NAMESPACE_SELECTOR,
  tenantFromNamespace,
} from './tenantFromNamespace';

/** A tenant as permission rules see it. */
export interface TenantOwnership {
  cluster: string;
  name: string;
  ownerGroup: string;
}

/**
 * Finds tenants in the clusters, live, for permission checks: an owner group changed a moment
 * ago must count. A batch of refs costs one list of tenant namespaces per cluster, not one call
 * per tenant.
 */
export class TenantDirectory {
  constructor(private readonly clients: ClusterClient[]) {}

  /** For each `<cluster>/<tenant>` ref, the tenant, or undefined when there is none. */
  async getMany(refs: string[]): Promise<Array<TenantOwnership | undefined>> {
    const parsed = refs.map(ref => {
      const slash = ref.indexOf('/');
      return { cluster: ref.slice(0, slash), name: ref.slice(slash + 1) };
    });
    const clusters = [...new Set(parsed.map(p => p.cluster))];
    const found = new Map<string, TenantOwnership>();
    await Promise.all(
      clusters.map(async cluster => {
        const client = this.clients.find(c => c.name === cluster);
        if (!client) return;
        const namespaces = await client.list('v1', 'Namespace', {
          labelSelector: TENANT_NAMESPACE_SELECTOR,
        });
        for (const ns of namespaces) {
          const tenant = tenantFromNamespace(cluster, ns);
          if (tenant) {
            found.set(`${cluster}/${tenant.name}`, {
              cluster,
              name: tenant.name,
              ownerGroup: tenant.ownerGroup,
            });
          }
        }
      }),
    );
    return parsed.map(p => found.get(`${p.cluster}/${p.name}`));
  }
}
