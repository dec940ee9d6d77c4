/**
 * Retries with exponential backoff for calls that are safe to repeat (reads, server-side apply,
 * deletes): a throttled (429), failing (5xx) or unreachable API server is often a moment away
 * from answering. Anything else (4xx) is an answer and is never retried.
 */

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled each time, with jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  initialDelayMs: 200,
  maxDelayMs: 3_000,
};

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The HTTP status of a failed client-node call, if the server answered at all. */
export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: any = error; e && codes.length < 5; e = e.cause) {
    if (typeof e.code === 'string') codes.push(e.code);
  }
  return codes;
}

/** Whether repeating the same idempotent call may succeed. */
export function isRetryable(error: unknown): boolean {
  const status = statusCodeOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  if ((error as Error)?.name === 'TimeoutError') return true;
  return errorCodes(error).some(code => CONNECTION_ERRORS.has(code));
}

/** Seconds from a Retry-After header, when the server sent one. */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: Record<string, string> })?.headers;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

export async function withRetry<T>(
  call: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  let delay = options.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.attempts || !isRetryable(error)) throw error;
      const jittered = delay / 2 + Math.random() * (delay / 2);
      await sleep(
        Math.min(retryAfterMs(error) ?? jittered, options.maxDelayMs),
      );
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}
