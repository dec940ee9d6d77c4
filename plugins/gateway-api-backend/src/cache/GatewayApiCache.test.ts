import { eventually } from '../__testUtils__/eventually';
import { mockServices } from '@backstage/backend-test-utils';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GatewayApiCache } from './GatewayApiCache';

const gateway = (name: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: {
    name,
    namespace: 'apps',
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: {
    gatewayClassName: 'eg',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
  },
});

describe('GatewayApiCache against the dev cluster', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  let cache: GatewayApiCache;
  const events: string[] = [];

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: false });
    client = new ClusterClient({
      name: 'dev',
      url: cluster.url,
      serviceAccountToken: cluster.adminToken,
      skipTLSVerify: true,
    });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'apps' },
    });
    await client.apply(gateway('before-start'));
    cache = new GatewayApiCache([client], {
      logger: mockServices.logger.mock(),
      backoff: { initialMs: 50, maxMs: 200 },
    });
    cache.subscribe((name, event) =>
      events.push(
        `${name}:${event.type}:${
          event.object?.metadata?.name ?? event.kind.kind
        }`,
      ),
    );
    cache.start();
    await cache.waitForSync();
  }, 120_000);

  afterAll(async () => {
    cache.stop();
    await cluster.close();
  });

  const gatewayNames = () =>
    (cache.snapshot('dev').byKind.get('Gateway') ?? [])
      .map(g => g.metadata?.name)
      .sort();

  it('lists every watched kind first, trimmed of managedFields and last-applied', () => {
    expect(cache.hasSynced('dev')).toBe(true);
    const [listed] = cache.snapshot('dev').byKind.get('Gateway')!;
    expect(listed.metadata?.name).toBe('before-start');
    expect(listed.metadata?.managedFields).toBeUndefined();
    expect(listed.metadata?.annotations).toEqual({});
    expect(
      cache
        .snapshot('dev')
        .byKind.get('Namespace')!
        .map(n => n.metadata?.name),
    ).toContain('apps');
  });

  it('follows creations and deletions through the watch', async () => {
    await client.apply(gateway('added-later'));
    await eventually(() =>
      expect(gatewayNames()).toEqual(['added-later', 'before-start']),
    );
    expect(events).toContain('dev:ADDED:added-later');

    await client.delete({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'apps',
      name: 'added-later',
    });
    await eventually(() => expect(gatewayNames()).toEqual(['before-start']));
    expect(events).toContain('dev:DELETED:added-later');
  });

  it('relists after 410 Gone and resumes after a dropped watch', async () => {
    cluster.setFaults({ goneOnNextWatch: true, dropWatchesAfterMs: 300 });
    await new Promise(r => setTimeout(r, 800));
    cluster.setFaults({});
    await client.apply(gateway('after-faults'));
    await eventually(() =>
      expect(gatewayNames()).toEqual(['after-faults', 'before-start']),
    );
  });
});

describe('GatewayApiCache with a token that may not read every kind', () => {
  it('syncs without the forbidden kinds instead of waiting for them', async () => {
    const cluster = await startDevCluster({
      seed: [],
      controllers: false,
      tokens: [
        {
          token: 'partial',
          username: 'partial',
          rules: [
            {
              verbs: ['list', 'watch'],
              apiGroups: ['', 'gateway.networking.k8s.io'],
              resources: ['*'],
            },
          ],
        },
      ],
    });
    const logger = mockServices.logger.mock();
    const cache = new GatewayApiCache(
      [
        new ClusterClient({
          name: 'dev',
          url: cluster.url,
          serviceAccountToken: 'partial',
          skipTLSVerify: true,
        }),
      ],
      { logger, backoff: { initialMs: 50, maxMs: 200 } },
    );
    try {
      cache.start();
      await cache.waitForSync();
      expect(cache.hasSynced('dev')).toBe(true);
      expect(cache.snapshot('dev').byKind.get('Certificate')).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Not allowed to list Certificate in cluster dev',
        ),
      );
    } finally {
      cache.stop();
      await cluster.close();
    }
  }, 120_000);
});
