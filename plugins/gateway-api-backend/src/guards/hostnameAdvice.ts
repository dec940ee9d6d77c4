import { HostnameCheck } from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { worldFromCache } from '../world/loadWorld';
import { checkHostname } from './exposureGuards';

/**
 * The hostname guards on the cache, for `GET /hostnames/check`: advice while the user types,
 * without a cluster call per keystroke. The expose action runs the same guards on the clusters
 * themselves before it writes.
 */
export function hostnameAdviceFromCache(cache: GatewayApiCache) {
  return async (request: {
    cluster: string;
    tenant: string;
    hostname: string;
  }): Promise<HostnameCheck> => {
    const verdict = checkHostname(request, worldFromCache(cache));
    return verdict.ok ? { ok: true, hostname: verdict.hostname } : verdict;
  };
}
