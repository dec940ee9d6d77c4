import { useApi } from '@backstage/core-plugin-api';
import { ExposureFilter, gatewayApiApiRef } from '../api';
import { usePolling } from './usePolling';

/** The exposures matching `filter`, read again every `refreshIntervalMs`. */
export function useExposures(
  filter: ExposureFilter,
  refreshIntervalMs?: number,
) {
  const api = useApi(gatewayApiApiRef);
  const { entityRef, cluster, tenant } = filter;
  return usePolling(
    () => api.listExposures({ entityRef, cluster, tenant }),
    [api, entityRef, cluster, tenant],
    refreshIntervalMs,
  );
}
