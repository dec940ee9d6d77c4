import { mockServices } from '@backstage/backend-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { entitiesFromSnapshot } from '../provider/entities';
import { GatewayApiCache } from './GatewayApiCache';

/**
 * Ingestion under the dev cluster's fault injection: failing and throttled lists and watches,
 * dropped streams, forced 410 Gone and latency. Nothing known may be lost while it lasts, and
 * the cache converges soon after it ends.
 */
describe('cache reliability under faults', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  let cache: GatewayApiCache;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
    cache = new GatewayApiCache(
      [
        new ClusterClient(
          {
            name: 'dev-cluster',
            url: cluster.url,
            serviceAccountToken: cluster.adminToken,
            skipTLSVerify: true,
          },
          {
            retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
            timeoutMs: 2_000,
          },
        ),
      ],
      {
        logger: mockServices.logger.mock(),
        resyncMs: 1_000,
        backoff: { initialMs: 20, maxMs: 300 },
      },
    );
    cache.start();
    await cache.waitForSync();
  }, 120_000);

  afterAll(async () => {
    cache.stop();
    await cluster.close();
  });

  const entityCount = () =>
    entitiesFromSnapshot(cache.snapshot('dev-cluster'), {
      defaultOwner: 'group:default/platform',
      location: 'test',
    }).length;
  const routeNames = () =>
    (cache.snapshot('dev-cluster').byKind.get('HTTPRoute') ?? []).map(
      r => r.metadata?.name,
    );

  it('loses nothing while the API fails, and converges within a resync after', async () => {
    const before = entityCount();
    expect(before).toBeGreaterThan(10);

    cluster.setFaults({
      latencyMs: 20,
      errors: {
        list: { rate: 0.5, code: 500 },
        watch: { rate: 0.5, code: 429, retryAfterSeconds: 0 },
      },
      dropWatchesAfterMs: 150,
      goneOnNextWatch: true,
    });
    const lowest: number[] = [];
    const created: string[] = [];
    for (let i = 0; i < 15; i++) {
      const name = `faulty-${i}`;
      await client.apply({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name, namespace: 'checkout' },
        spec: {
          parentRefs: [{ name: 'checkout', namespace: 'tenant-team-a' }],
          hostnames: [`${name}.team-a.example.org`],
        },
      });
      created.push(name);
      lowest.push(entityCount());
      await new Promise(r => setTimeout(r, 100));
    }
    cluster.setFaults({});

    // Never fewer entities than before the faults: a failed list keeps the last known objects.
    expect(Math.min(...lowest)).toBeGreaterThanOrEqual(before);

    const deadline = Date.now() + 5_000;
    while (
      !created.every(n => routeNames().includes(n)) &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 50));
    }
    expect(routeNames()).toEqual(expect.arrayContaining(created));
    expect(entityCount()).toBe(before + created.length);
  }, 60_000);
});
