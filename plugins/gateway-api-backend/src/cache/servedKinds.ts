import { ClusterServedKinds } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GatewayApiCache } from './GatewayApiCache';

/**
 * What a cluster serves, for `GET /clusters`: discovery's answer (cached by the client), with
 * the kinds the cache could not read; undefined for a cluster that is not configured.
 */
export function servedKindsOf(
  client: (cluster: string) => ClusterClient | undefined,
  cache: GatewayApiCache,
) {
  return async (cluster: string): Promise<ClusterServedKinds | undefined> => {
    const found = client(cluster);
    if (!found) return undefined;
    const served = await found.servedApis.summary();
    // Without discovery every kind is unreadable for the same reason: say it once.
    if (served.unreadable.length > 0) return served;
    const unreadable = cache.snapshot(cluster).unreadable ?? [];
    return { ...served, unreadable: [...unreadable] };
  };
}
