import { TenantSummary } from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { TenantRecord, tenantFromNamespace } from './tenantFromNamespace';

/** Every tenant the cache knows, without the provisioned spec (pickers need no more). */
export function tenantsInCache(cache: GatewayApiCache): TenantSummary[] {
  return cache.clusters.flatMap(cluster =>
    (cache.snapshot(cluster).byKind.get('Namespace') ?? [])
      .map(ns => tenantFromNamespace(cluster, ns))
      .filter((t): t is TenantRecord => t !== undefined)
      .map(({ spec: _spec, ...summary }) => summary),
  );
}
