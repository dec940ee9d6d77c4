import {
  TestCluster,
  gateway,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

describe('fault injection', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({
      tokens: [
        {
          token: 'user',
          username: 'user',
          rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        },
      ],
    });
  });
  afterEach(() => t.cluster.setFaults({}));
  afterAll(() => t.cluster.close());

  it('fails a verb with 429 and Retry-After, leaving other verbs alone', async () => {
    t.cluster.setFaults({
      errors: { create: { rate: 1, code: 429, retryAfterSeconds: 3 } },
    });
    const res = await t.request('POST', gatewaysPath(), gateway('g'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body).toMatchObject({
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
    });
    expect((await t.request('GET', gatewaysPath())).status).toBe(200);
  });

  it('fails with 500 InternalError', async () => {
    t.cluster.setFaults({ errors: { list: { rate: 1, code: 500 } } });
    const res = await t.request('GET', gatewaysPath());
    expect(res.status).toBe(500);
    expect(res.body.reason).toBe('InternalError');
  });

  it('adds latency', async () => {
    t.cluster.setFaults({ latencyMs: 300 });
    const started = Date.now();
    await t.request('GET', gatewaysPath());
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('forces 410 Gone on the next watch only', async () => {
    t.cluster.setFaults({ goneOnNextWatch: true });
    const gone = await t.request(
      'GET',
      `${gatewaysPath()}?watch=true&timeoutSeconds=1`,
    );
    expect(gone.body).toMatchObject({
      type: 'ERROR',
      object: { code: 410, reason: 'Expired' },
    });
    const next = await t.request(
      'GET',
      `${gatewaysPath()}?watch=true&timeoutSeconds=1`,
    );
    expect(next.status).toBe(200);
    expect(
      String(
        typeof next.body === 'string' ? next.body : JSON.stringify(next.body),
      ),
    ).not.toContain('ERROR');
  });

  it('drops watch streams', async () => {
    t.cluster.setFaults({ dropWatchesAfterMs: 200 });
    const started = Date.now();
    await expect(
      t.request('GET', `${gatewaysPath()}?watch=true&timeoutSeconds=30`),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is configurable through the admin endpoint, for the admin only', async () => {
    const denied = await t.request(
      'POST',
      '/dev-cluster/faults',
      { latencyMs: 1 },
      { token: 'user' },
    );
    expect(denied.status).toBe(403);
    const bad = await t.request('POST', '/dev-cluster/faults', '{oops');
    expect(bad.status).toBe(400);
    const set = await t.request('POST', '/dev-cluster/faults', {
      errors: { get: { rate: 1, code: 500 } },
    });
    expect(set.status).toBe(200);
    expect((await t.request('GET', `${gatewaysPath()}/x`)).status).toBe(500);
  });
});
