import { eventually } from '../__testUtils__/eventually';
import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GatewayApiEntityProvider } from './GatewayApiEntityProvider';

describe('GatewayApiEntityProvider against the dev cluster', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  let cache: GatewayApiCache;
  let provider: GatewayApiEntityProvider;
  const mutations: any[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
    cache = new GatewayApiCache([client], {
      logger: mockServices.logger.mock(),
      backoff: { initialMs: 50, maxMs: 200 },
    });
    provider = new GatewayApiEntityProvider({
      cluster: 'dev-cluster',
      cache,
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
      defaultOwner: 'group:default/platform',
      deltaDelayMs: 50,
    });
    await provider.connect(connection);
    await cache.waitForSync();
  }, 120_000);

  afterAll(async () => {
    cache.stop();
    await cluster.close();
  });

  const names = (entities: any[]) =>
    entities
      .map(e => `${e.entity.spec.type}:${e.entity.metadata.title}`)
      .sort();

  it('emits the example tenants, gateways and hostnames in a full mutation', async () => {
    await provider.refresh();
    const full = mutations.filter(m => m.type === 'full').pop();
    const emitted = names(full.entities);
    expect(emitted).toEqual(
      expect.arrayContaining([
        'gateway-tenant:team-a',
        'gateway-tenant:team-b',
        'gateway-tenant:team-c',
        'gateway:tenant-team-b/gateway',
        'gateway:gateway/shared',
        'hostname:checkout.team-a.example.org',
        'hostname:payments.team-b.example.org',
        'hostname:catalog.team-c.example.org',
      ]),
    );
    const checkout = full.entities.find(
      (e: any) => e.entity.metadata.title === 'checkout.team-a.example.org',
    ).entity;
    expect(checkout.spec.owner).toBe('group:default/team-a');
    expect(checkout.spec.dependencyOf).toEqual(['component:default/checkout']);
    expect(
      full.entities.every(
        (e: any) => e.locationKey === 'gateway-api:dev-cluster',
      ),
    ).toBe(true);
  });

  it('applies a delta within seconds when a route appears and disappears', async () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: 'late',
        namespace: 'checkout',
        labels: { 'backstage.io/kubernetes-id': 'checkout' },
      },
      spec: {
        parentRefs: [{ name: 'checkout', namespace: 'tenant-team-a' }],
        hostnames: ['late.team-a.example.org'],
      },
    };
    await client.apply(route);
    await eventually(() =>
      expect(
        mutations.some(
          m =>
            m.type === 'delta' &&
            m.added.some(
              (e: any) => e.entity.metadata.title === 'late.team-a.example.org',
            ),
        ),
      ).toBe(true),
    );
    await client.delete({ ...route, namespace: 'checkout', name: 'late' });
    await eventually(() =>
      expect(
        mutations.some(
          m =>
            m.type === 'delta' &&
            m.removed.some(
              (r: any) =>
                r.entityRef === 'resource:dev-cluster/late.team-a.example.org',
            ),
        ),
      ).toBe(true),
    );
  });

  it('emits nothing more once disconnected (its cluster left the configuration)', async () => {
    const after: any[] = [];
    const leaving = new GatewayApiEntityProvider({
      cluster: 'dev-cluster',
      cache,
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
      defaultOwner: 'group:default/platform',
      deltaDelayMs: 50,
    });
    await leaving.connect({
      applyMutation: async mutation => {
        after.push(mutation);
      },
      refresh: async () => {},
    });
    leaving.disconnect();
    const seen = mutations.length;
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'after-leaving', namespace: 'checkout' },
      spec: {
        parentRefs: [{ name: 'checkout', namespace: 'tenant-team-a' }],
        hostnames: ['after-leaving.team-a.example.org'],
      },
    };
    await client.apply(route);
    // The provider still connected hears the change; the disconnected one never does.
    await eventually(() => expect(mutations.length).toBeGreaterThan(seen));
    await client.delete({
      ...route,
      namespace: 'checkout',
      name: 'after-leaving',
    });
    // Longer than a delta's delay, so a provider still listening would have emitted by now.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(after).toEqual([]);
  });

  it('keeps the last known entities while the cluster cannot be listed', async () => {
    const unreachable = new GatewayApiCache(
      [
        new ClusterClient(
          { name: 'gone', url: 'http://127.0.0.1:1', skipTLSVerify: true },
          {
            retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
            timeoutMs: 500,
          },
        ),
      ],
      {
        logger: mockServices.logger.mock(),
        backoff: { initialMs: 10_000, maxMs: 10_000 },
      },
    );
    const silent: any[] = [];
    const offline = new GatewayApiEntityProvider({
      cluster: 'gone',
      cache: unreachable,
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
      defaultOwner: 'group:default/platform',
    });
    await offline.connect({
      applyMutation: async m => void silent.push(m),
      refresh: async () => {},
    });
    await new Promise(r => setTimeout(r, 300));
    await offline.refresh();
    unreachable.stop();
    expect(silent).toEqual([]);
  });
});
