import {
  TestCluster,
  gateway,
  gatewayApi,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

describe('list: selectors and pagination', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ watchWindow: 50 });
    for (const ns of ['one', 'two'])
      await t.core.createNamespace({ body: { metadata: { name: ns } } });
    const labels: Array<Record<string, string>> = [
      { app: 'web', tier: 'edge' },
      { app: 'api', tier: 'edge' },
      { app: 'db' },
      {},
    ];
    for (const [i, l] of labels.entries()) {
      await t.request(
        'POST',
        gatewaysPath('one'),
        gateway(`g${i}`, 'one', { labels: l }),
      );
    }
    await t.request(
      'POST',
      gatewaysPath('two'),
      gateway('other', 'two', { labels: { app: 'web' } }),
    );
  });
  afterAll(() => t.cluster.close());

  const names = async (query: string, path = gatewaysPath('one')) => {
    const res = await t.request('GET', `${path}?${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((i: any) => i.metadata.name);
  };

  it('filters by equality and set-based label selectors', async () => {
    expect(await names('labelSelector=app%3Dweb')).toEqual(['g0']);
    expect(await names('labelSelector=app!%3Dweb')).toEqual(['g1', 'g2', 'g3']);
    expect(
      await names(`labelSelector=${encodeURIComponent('app in (web,db)')}`),
    ).toEqual(['g0', 'g2']);
    expect(
      await names(`labelSelector=${encodeURIComponent('app notin (web,db)')}`),
    ).toEqual(['g1', 'g3']);
    expect(await names('labelSelector=tier')).toEqual(['g0', 'g1']);
    expect(await names(`labelSelector=${encodeURIComponent('!tier')}`)).toEqual(
      ['g2', 'g3'],
    );
    expect(
      await names(
        `labelSelector=${encodeURIComponent('tier=edge,app in (api)')}`,
      ),
    ).toEqual(['g1']);
  });

  it('filters by field selectors and rejects unsupported fields', async () => {
    expect(await names('fieldSelector=metadata.name%3Dg2')).toEqual(['g2']);
    expect(
      await names(
        'fieldSelector=metadata.namespace%3Dtwo',
        '/apis/gateway.networking.k8s.io/v1/gateways',
      ),
    ).toEqual(['other']);
    const bad = await t.request(
      'GET',
      `${gatewaysPath('one')}?fieldSelector=spec.gatewayClassName%3Deg`,
    );
    expect(bad.status).toBe(400);
  });

  it('lists across all namespaces with client-node', async () => {
    const all: any = await t.custom.listClusterCustomObject({
      ...gatewayApi,
      plural: 'gateways',
      labelSelector: 'app=web',
    });
    expect(
      all.items.map((i: any) => `${i.metadata.namespace}/${i.metadata.name}`),
    ).toEqual(['one/g0', 'two/other']);
  });

  it('paginates with limit and continue on a consistent snapshot', async () => {
    const first = await t.request('GET', `${gatewaysPath('one')}?limit=2`);
    expect(first.body.items.map((i: any) => i.metadata.name)).toEqual([
      'g0',
      'g1',
    ]);
    expect(first.body.metadata.remainingItemCount).toBe(2);
    const token = first.body.metadata.continue;
    // Changes after the first page must not show up in later pages.
    await t.request('DELETE', `${gatewaysPath('one')}/g3`);
    await t.request('POST', gatewaysPath('one'), gateway('g25', 'one'));
    const second = await t.request(
      'GET',
      `${gatewaysPath('one')}?limit=2&continue=${token}`,
    );
    expect(second.body.items.map((i: any) => i.metadata.name)).toEqual([
      'g2',
      'g3',
    ]);
    expect(second.body.metadata.resourceVersion).toBe(
      first.body.metadata.resourceVersion,
    );
    expect(second.body.metadata.continue).toBeUndefined();
  });

  it('answers 410 Gone for a continue token older than the retained window', async () => {
    const first = await t.request('GET', `${gatewaysPath('one')}?limit=1`);
    for (let i = 0; i < 60; i++) {
      await t.request(
        'PATCH',
        `${gatewaysPath('two')}/other`,
        { metadata: { annotations: { n: String(i) } } },
        { contentType: 'application/merge-patch+json' },
      );
    }
    const res = await t.request(
      'GET',
      `${gatewaysPath('one')}?limit=1&continue=${first.body.metadata.continue}`,
    );
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
    });
  });
});
