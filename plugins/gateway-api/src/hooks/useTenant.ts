import { useApi } from '@backstage/core-plugin-api';
import { gatewayApiApiRef } from '../api';
import { usePolling } from './usePolling';

/** One tenant with its Gateways, read again every `refreshIntervalMs`. */
export function useTenant(
  cluster: string,
  name: string,
  refreshIntervalMs?: number,
) {
  const api = useApi(gatewayApiApiRef);
  return usePolling(
    () => api.getTenant(cluster, name),
    [api, cluster, name],
    refreshIntervalMs,
  );
}
