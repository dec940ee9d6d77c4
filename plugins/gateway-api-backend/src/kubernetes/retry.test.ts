import { isRetryable, withRetry } from './retry';

const apiError = (code: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${code}`), { code, headers });
const connectionError = (code: string) =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(code), { code }),
  });

describe('isRetryable', () => {
  it.each([
    [apiError(429), true],
    [apiError(500), true],
    [apiError(503), true],
    [connectionError('ECONNREFUSED'), true],
    [connectionError('ECONNRESET'), true],
    [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), true],
    [apiError(400), false],
    [apiError(403), false],
    [apiError(404), false],
    [apiError(409), false],
    [apiError(422), false],
    [new Error('bug'), false],
  ])('%p -> %p', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('withRetry', () => {
  const sleeps: number[] = [];
  const options = {
    attempts: 4,
    initialDelayMs: 100,
    maxDelayMs: 1000,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  beforeEach(() => sleeps.splice(0));

  it('retries retryable failures until the call succeeds', async () => {
    const call = jest
      .fn()
      .mockRejectedValueOnce(apiError(503))
      .mockRejectedValueOnce(connectionError('ECONNREFUSED'))
      .mockResolvedValue('ok');
    await expect(withRetry(call, options)).resolves.toBe('ok');
    expect(call).toHaveBeenCalledTimes(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('honours Retry-After within the maximum delay', async () => {
    const call = jest
      .fn()
      .mockRejectedValueOnce(apiError(429, { 'retry-after': '0.5' }))
      .mockResolvedValue('ok');
    await withRetry(call, options);
    expect(sleeps).toEqual([500]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const call = jest.fn().mockRejectedValue(apiError(500));
    await expect(withRetry(call, options)).rejects.toThrow('HTTP 500');
    expect(call).toHaveBeenCalledTimes(4);
  });

  it('never retries an answer such as 409 Conflict', async () => {
    const call = jest.fn().mockRejectedValue(apiError(409));
    await expect(withRetry(call, options)).rejects.toThrow('HTTP 409');
    expect(call).toHaveBeenCalledTimes(1);
  });
});
