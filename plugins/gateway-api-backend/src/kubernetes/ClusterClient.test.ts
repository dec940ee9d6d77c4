import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterClient } from './ClusterClient';

describe('ClusterClient against the dev cluster', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: false });
    client = new ClusterClient(
      {
        name: 'dev',
        url: cluster.url,
        serviceAccountToken: cluster.adminToken,
        skipTLSVerify: true,
      },
      { retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 } },
    );
  }, 120_000);
  afterAll(() => cluster.close());

  // Three objects a page, so a handful of objects spans several pages.
  const pagedClient = () =>
    new ClusterClient(
      {
        name: 'dev',
        url: cluster.url,
        serviceAccountToken: cluster.adminToken,
        skipTLSVerify: true,
      },
      { pageSize: 3 },
    );

  const namespace = (name: string): KubernetesObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { team: 'a' } },
  });

  it('applies with the gatehouse field manager, idempotently', async () => {
    const first = await client.apply(namespace('apply-me'));
    const second = await client.apply(namespace('apply-me'));
    expect(second.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
    expect(second.metadata?.managedFields?.map(f => f.manager)).toContain(
      'gatehouse',
    );
  });

  it('dry-runs without storing anything', async () => {
    await client.apply(namespace('dry-only'), { dryRun: true });
    expect(
      await client.get({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: 'dry-only',
      }),
    ).toBeUndefined();
  });

  it('lists across pages with the snapshot resourceVersion', async () => {
    for (let i = 0; i < 7; i++) await client.apply(namespace(`page-${i}`));
    const paged = pagedClient();
    const { items, resourceVersion } = await paged.listWithVersion(
      'v1',
      'Namespace',
      {
        labelSelector: 'team=a',
      },
    );
    const names = items.map(i => i.metadata?.name);
    expect(names).toEqual(
      expect.arrayContaining(['apply-me', 'page-0', 'page-6']),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(resourceVersion).toMatch(/^\d+$/);
  });

  // client-node names the continue token differently for kinds it has no model of.
  it('lists a custom resource across pages too', async () => {
    await client.apply(namespace('paged-routes'));
    for (let i = 0; i < 7; i++) {
      await client.apply({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `route-${i}`, namespace: 'paged-routes' },
        spec: { hostnames: [`r${i}.example.org`] },
      } as KubernetesObject);
    }
    const paged = pagedClient();
    const { items } = await paged.listWithVersion(
      'gateway.networking.k8s.io/v1',
      'HTTPRoute',
    );
    expect(items.map(i => i.metadata?.name).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map(i => `route-${i}`),
    );
  });

  it('deletes, and says false for what is already gone', async () => {
    await client.apply(namespace('short-lived'));
    const ref = { apiVersion: 'v1', kind: 'Namespace', name: 'short-lived' };
    expect(await client.delete(ref)).toBe(true);
    expect(await client.delete(ref)).toBe(false);
  });

  it('gives up on a server that keeps failing, with its status', async () => {
    cluster.setFaults({ errors: { get: { rate: 1, code: 500 } } });
    try {
      await expect(
        client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'apply-me' }),
      ).rejects.toMatchObject({ code: 500 });
    } finally {
      cluster.setFaults({});
    }
    const got = await client.get({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'apply-me',
    });
    expect(got?.metadata?.name).toBe('apply-me');
  });

  it('reports a refusal in the API server’s words', async () => {
    await expect(
      client.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'orphan', namespace: 'no-such-namespace' },
      }),
    ).rejects.toMatchObject({
      name: 'KubernetesApiError',
      code: 404,
      reason: 'NotFound',
      message:
        'Applying ConfigMap no-such-namespace/orphan in cluster dev: namespaces "no-such-namespace" not found (NotFound)',
    });
  });
});
