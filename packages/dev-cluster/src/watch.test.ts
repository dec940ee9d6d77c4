import { KubernetesObject, Watch, makeInformer } from '@kubernetes/client-node';
import {
  TestCluster,
  gateway,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

/** Reads a watch stream to its end (the server closes it on timeoutSeconds). */
async function readWatch(t: TestCluster, query: string): Promise<any[]> {
  const res = await t.request(
    'GET',
    `${gatewaysPath('w')}?watch=true&${query}`,
  );
  expect(res.status).toBe(200);
  return String(
    typeof res.body === 'string' ? res.body : JSON.stringify(res.body),
  )
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

describe('watch', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ watchWindow: 20 });
    await t.core.createNamespace({ body: { metadata: { name: 'w' } } });
  });
  afterAll(() => t.cluster.close());

  it('streams ADDED, MODIFIED and DELETED to a client-node watch', async () => {
    const events: Array<[string, string]> = [];
    const watch = new Watch(t.kc);
    const seen = new Promise<void>(resolve => {
      const controller = watch.watch(
        gatewaysPath('w'),
        {},
        (type, obj) => {
          events.push([type, obj.metadata.name]);
          if (type === 'DELETED') {
            controller.then(c => c.abort());
            resolve();
          }
        },
        () => undefined,
      );
    });
    await new Promise(r => setTimeout(r, 100));
    await t.request('POST', gatewaysPath('w'), gateway('live', 'w'));
    await t.request(
      'PATCH',
      `${gatewaysPath('w')}/live`,
      { metadata: { labels: { a: 'b' } } },
      { contentType: 'application/merge-patch+json' },
    );
    await t.request('DELETE', `${gatewaysPath('w')}/live`);
    await seen;
    expect(events).toEqual([
      ['ADDED', 'live'],
      ['MODIFIED', 'live'],
      ['DELETED', 'live'],
    ]);
  });

  it('resumes from a resourceVersion and ends after timeoutSeconds with bookmarks', async () => {
    const created = await t.request(
      'POST',
      gatewaysPath('w'),
      gateway('r1', 'w'),
    );
    const rv = created.body.metadata.resourceVersion;
    await t.request('POST', gatewaysPath('w'), gateway('r2', 'w'));
    await t.request('DELETE', `${gatewaysPath('w')}/r1`);
    const started = Date.now();
    const events = await readWatch(
      t,
      `resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=2`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const changes = events
      .filter(e => e.type !== 'BOOKMARK')
      .map(e => [e.type, e.object.metadata.name]);
    expect(changes).toEqual([
      ['ADDED', 'r2'],
      ['DELETED', 'r1'],
    ]);
    const bookmarks = events.filter(e => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(bookmarks[0].object).toMatchObject({
      kind: 'Gateway',
      apiVersion: 'gateway.networking.k8s.io/v1',
    });
    expect(
      Number(bookmarks[0].object.metadata.resourceVersion),
    ).toBeGreaterThan(Number(rv));
  });

  it('sends the current state as ADDED when no resourceVersion is given', async () => {
    const events = await readWatch(t, 'timeoutSeconds=1');
    expect(events.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'r2'],
    ]);
  });

  it('answers an ERROR event with 410 Gone for a resourceVersion outside the window', async () => {
    const old = (await t.request('GET', gatewaysPath('w'))).body.metadata
      .resourceVersion;
    for (let i = 0; i < 30; i++) {
      await t.request(
        'PATCH',
        `${gatewaysPath('w')}/r2`,
        { metadata: { annotations: { n: String(i) } } },
        { contentType: 'application/merge-patch+json' },
      );
    }
    const events = await readWatch(
      t,
      `resourceVersion=${old}&timeoutSeconds=5`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
    });
    expect(events[0].object.message).toMatch(/^too old resource version/);
  });

  it('turns label changes into ADDED and DELETED for selector watches', async () => {
    const rv = (await t.request('GET', gatewaysPath('w'))).body.metadata
      .resourceVersion;
    const patch = (labels: unknown) =>
      t.request(
        'PATCH',
        `${gatewaysPath('w')}/r2`,
        { metadata: { labels } },
        { contentType: 'application/merge-patch+json' },
      );
    await patch({ team: 'a' });
    await patch({ team: 'b' });
    const events = await readWatch(
      t,
      `resourceVersion=${rv}&labelSelector=team%3Da&timeoutSeconds=1`,
    );
    expect(events.map(e => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('feeds a client-node informer (list, then watch)', async () => {
    await t.request('POST', gatewaysPath('w'), gateway('before', 'w'));
    const informer = makeInformer<KubernetesObject>(
      t.kc,
      gatewaysPath('w'),
      () =>
        t.custom.listNamespacedCustomObject({
          group: 'gateway.networking.k8s.io',
          version: 'v1',
          namespace: 'w',
          plural: 'gateways',
        }) as any,
    );
    const added: string[] = [];
    const sawAfter = new Promise<void>(resolve =>
      informer.on('add', obj => {
        added.push(obj.metadata!.name!);
        if (obj.metadata!.name === 'after') resolve();
      }),
    );
    await informer.start();
    await t.request('POST', gatewaysPath('w'), gateway('after', 'w'));
    await sawAfter;
    await informer.stop();
    expect(added).toEqual(expect.arrayContaining(['before', 'after']));
    expect(informer.list('w').map(o => o.metadata!.name)).toEqual(
      expect.arrayContaining(['before', 'after']),
    );
  });
});
