import { useApi } from '@backstage/core-plugin-api';
import { gatewayApiApiRef } from '../api';
import { usePolling } from './usePolling';

/**
 * The clusters whose objects are missing, with why, read again every `refreshIntervalMs`; an
 * unanswered or failed read says nothing (the page's own read reports its errors).
 */
export function useClusterProblems(refreshIntervalMs?: number) {
  const api = useApi(gatewayApiApiRef);
  return usePolling(() => api.listClusterProblems(), [api], refreshIntervalMs)
    .value;
}
