import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';

/** How often the Gateway API is read again, so a route turning Accepted shows without reload. */
export const POLL_INTERVAL_MS = 10_000;

/** A read that repeats every `intervalMs`, and when it was last answered. */
export interface PolledState<T> {
  value?: T;
  error?: Error;
  loading: boolean;
  /** When the value on screen was read; undefined until the first answer. */
  updatedAt?: Date;
  /** Reads again now. */
  retry: () => void;
}

/**
 * Reads with `read` now and every `intervalMs`. The previous answer stays on screen while a
 * new read runs, so a refresh does not flash a spinner.
 */
export function usePolling<T>(
  read: () => Promise<T>,
  deps: DependencyList,
  intervalMs = POLL_INTERVAL_MS,
): PolledState<T> {
  const state = useAsyncRetry(
    async () => ({ value: await read(), readAt: new Date() }),
    deps,
  );
  useInterval(state.retry, intervalMs);
  return {
    value: state.value?.value,
    error: state.error,
    loading: state.loading,
    updatedAt: state.value?.readAt,
    retry: state.retry,
  };
}
