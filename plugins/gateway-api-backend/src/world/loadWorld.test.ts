import { mockServices } from '@backstage/backend-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { loadWorld, NO_TENANT, worldFromCache } from './loadWorld';

describe('the world the guards see', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  let cache: GatewayApiCache;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
    cache = new GatewayApiCache([client], {
      logger: mockServices.logger.mock(),
    });
    cache.start();
    await cache.waitForSync();
  }, 120_000);
  afterAll(async () => {
    cache.stop();
    await cluster.close();
  });

  const sorted = <T>(items: T[]) =>
    [...items].sort((a, b) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
    );

  it('reads the example tenants and who serves which hostname', async () => {
    const world = await loadWorld([client]);
    expect(world.tenants.map(t => t.name).sort()).toEqual([
      'team-a',
      'team-b',
      'team-c',
    ]);
    expect(world.served).toEqual(
      expect.arrayContaining([
        {
          cluster: 'dev-cluster',
          hostname: 'checkout.team-a.example.org',
          tenant: 'team-a',
          object: 'HTTPRoute/checkout/checkout',
        },
        {
          cluster: 'dev-cluster',
          hostname: 'ledger.team-b.example.org',
          tenant: 'team-b',
          object: 'TLSRoute/payments/ledger',
        },
      ]),
    );
    expect(world.served.filter(s => s.tenant === NO_TENANT)).toEqual([]);
  });

  it('is the same from the cache as from the cluster', async () => {
    const live = await loadWorld([client]);
    const cached = worldFromCache(cache);
    expect(sorted(cached.served)).toEqual(sorted(live.served));
    expect(sorted(cached.tenants)).toEqual(sorted(live.tenants));
  });
});
