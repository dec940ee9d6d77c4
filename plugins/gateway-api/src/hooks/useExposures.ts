import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { ExposureFilter, gatewayApiApiRef } from '../api';

/** How often exposures are read again, so a route turning Accepted shows without reload. */
export const EXPOSURE_REFRESH_MS = 10_000;

/**
 * The exposures matching `filter`, read again every `refreshIntervalMs`. The previous answer
 * stays on screen while a refresh runs.
 */
export function useExposures(
  filter: ExposureFilter,
  refreshIntervalMs = EXPOSURE_REFRESH_MS,
) {
  const api = useApi(gatewayApiApiRef);
  const { entityRef, cluster, tenant } = filter;
  const state = useAsyncRetry(
    () => api.listExposures({ entityRef, cluster, tenant }),
    [api, entityRef, cluster, tenant],
  );
  useInterval(state.retry, refreshIntervalMs);
  return state;
}
