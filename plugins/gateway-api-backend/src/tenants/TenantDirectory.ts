import { ClusterClient } from '../kubernetes/ClusterClient';
import { TENANT_METADATA } from '../manifests/metadata';
import { TenantRecord, tenantFromNamespace } from './tenantFromNamespace';

/** Finds tenants in the clusters, live: permission checks and guards must not read stale state. */
export class TenantDirectory {
  constructor(private readonly clients: ClusterClient[]) {}

  async get(
    cluster: string,
    tenant: string,
  ): Promise<TenantRecord | undefined> {
    const client = this.clients.find(c => c.name === cluster);
    if (!client) return undefined;
    const namespaces = await client.list('v1', 'Namespace', {
      labelSelector: `${TENANT_METADATA.tenant}=${tenant}`,
    });
    return namespaces
      .map(ns => tenantFromNamespace(cluster, ns))
      .find(t => t?.name === tenant);
  }
}
