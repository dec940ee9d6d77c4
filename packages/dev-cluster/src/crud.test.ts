import {
  TestCluster,
  gateway,
  gatewayApi,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

describe('create, get, update and delete', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
    await t.core.createNamespace({ body: { metadata: { name: 'crud' } } });
  });
  afterAll(() => t.cluster.close());

  it('creates with server-set metadata and reads it back with client-node', async () => {
    const created: any = await t.custom.createNamespacedCustomObject({
      ...gatewayApi,
      namespace: 'crud',
      plural: 'gateways',
      body: gateway('a', 'crud'),
    });
    expect(created.metadata).toMatchObject({
      name: 'a',
      namespace: 'crud',
      generation: 1,
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata.creationTimestamp).toMatch(/Z$/);
    const got: any = await t.custom.getNamespacedCustomObject({
      ...gatewayApi,
      namespace: 'crud',
      plural: 'gateways',
      name: 'a',
    });
    expect(got.metadata.uid).toBe(created.metadata.uid);
    expect(t.cluster.writes).toContainEqual(
      expect.objectContaining({
        verb: 'create',
        kind: 'Gateway',
        namespace: 'crud',
        name: 'a',
        user: 'admin',
      }),
    );
  });

  it('labels namespaces with their name', async () => {
    const ns = await t.core.readNamespace({ name: 'crud' });
    expect(ns.metadata?.labels?.['kubernetes.io/metadata.name']).toBe('crud');
    expect(ns.status?.phase).toBe('Active');
  });

  it('answers NotFound, AlreadyExists and missing namespace like the apiserver', async () => {
    const missing = await t.request('GET', `${gatewaysPath('crud')}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'gateways.gateway.networking.k8s.io "nope" not found',
      details: {
        name: 'nope',
        group: 'gateway.networking.k8s.io',
        kind: 'gateways',
      },
    });
    const dup = await t.request(
      'POST',
      gatewaysPath('crud'),
      gateway('a', 'crud'),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.reason).toBe('AlreadyExists');
    const noNs = await t.request(
      'POST',
      gatewaysPath('ghost'),
      gateway('x', 'ghost'),
    );
    expect(noNs.status).toBe(404);
    expect(noNs.body.message).toBe('namespaces "ghost" not found');
  });

  it('rejects bad requests with BadRequest, MethodNotAllowed and UnsupportedMediaType', async () => {
    expect(
      (await t.request('POST', gatewaysPath('crud'), '{not json')).body.reason,
    ).toBe('BadRequest');
    const wrongNs = await t.request(
      'POST',
      gatewaysPath('crud'),
      gateway('b', 'other'),
    );
    expect(wrongNs.status).toBe(400);
    expect(
      (
        await t.request(
          'POST',
          `${gatewaysPath('crud')}/a`,
          gateway('a', 'crud'),
        )
      ).status,
    ).toBe(405);
    const proto = await t.request('POST', gatewaysPath('crud'), 'x', {
      contentType: 'application/vnd.kubernetes.protobuf',
    });
    expect(proto.body.message).toContain('application/vnd.kubernetes.protobuf');
    expect(proto.status).toBe(415);
    expect(proto.body.reason).toBe('UnsupportedMediaType');
  });

  it('supports generateName', async () => {
    const res = await t.request('POST', gatewaysPath('crud'), {
      ...gateway('', 'crud'),
      metadata: { generateName: 'gen-', namespace: 'crud' },
    });
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('updates with optimistic concurrency', async () => {
    const current = (await t.request('GET', `${gatewaysPath('crud')}/a`)).body;
    const next = {
      ...current,
      metadata: { ...current.metadata, labels: { tier: 'edge' } },
    };
    const ok = await t.request('PUT', `${gatewaysPath('crud')}/a`, next);
    expect(ok.status).toBe(200);
    expect(Number(ok.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(current.metadata.resourceVersion),
    );
    expect(ok.body.metadata.generation).toBe(1);
    const stale = await t.request('PUT', `${gatewaysPath('crud')}/a`, next);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on gateways.gateway.networking.k8s.io "a": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('holds objects with finalizers until the finalizers are removed', async () => {
    const created = await t.request(
      'POST',
      gatewaysPath('crud'),
      gateway('fin', 'crud', { finalizers: ['example.com/hold'] }),
    );
    expect(created.status).toBe(201);
    const del = await t.request('DELETE', `${gatewaysPath('crud')}/fin`);
    expect(del.status).toBe(200);
    const held = await t.request('GET', `${gatewaysPath('crud')}/fin`);
    expect(held.body.metadata.deletionTimestamp).toBeDefined();
    const released = await t.request(
      'PATCH',
      `${gatewaysPath('crud')}/fin`,
      { metadata: { finalizers: null } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(released.status).toBe(200);
    expect((await t.request('GET', `${gatewaysPath('crud')}/fin`)).status).toBe(
      404,
    );
  });

  it('deletes a namespace with its objects', async () => {
    await t.core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    await t.core.createNamespacedConfigMap({
      namespace: 'doomed',
      body: { metadata: { name: 'cm' }, data: { a: 'b' } },
    });
    await t.request('POST', gatewaysPath('doomed'), gateway('g', 'doomed'));
    await t.core.deleteNamespace({ name: 'doomed' });
    expect((await t.request('GET', '/api/v1/namespaces/doomed')).status).toBe(
      404,
    );
    expect(
      (await t.request('GET', '/api/v1/namespaces/doomed/configmaps/cm'))
        .status,
    ).toBe(404);
    expect((await t.request('GET', `${gatewaysPath('doomed')}/g`)).status).toBe(
      404,
    );
  });

  it('deletes a collection by label selector', async () => {
    await t.core.createNamespace({ body: { metadata: { name: 'bulk' } } });
    for (const [name, app] of [
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]) {
      await t.core.createNamespacedConfigMap({
        namespace: 'bulk',
        body: { metadata: { name, labels: { app } } },
      });
    }
    await t.core.deleteCollectionNamespacedConfigMap({
      namespace: 'bulk',
      labelSelector: 'app=x',
    });
    const left = await t.core.listNamespacedConfigMap({ namespace: 'bulk' });
    expect(left.items.map(i => i.metadata?.name)).toEqual(['c']);
  });

  it('serves core kinds with their defaults', async () => {
    const secret = await t.core.createNamespacedSecret({
      namespace: 'crud',
      body: { metadata: { name: 's' }, stringData: { key: 'value' } },
    });
    expect(secret.data).toEqual({
      key: Buffer.from('value').toString('base64'),
    });
    expect(secret.type).toBe('Opaque');
    const svc = await t.core.createNamespacedService({
      namespace: 'crud',
      body: { metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } },
    });
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);
    const tls = await t.request('POST', '/api/v1/namespaces/crud/secrets', {
      metadata: { name: 'tls' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': '' },
    });
    expect(tls.status).toBe(422);
    expect(tls.body.details.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        field: 'data[tls.key]',
        message: 'Required value',
      },
    ]);
    const ports = await t.request('POST', '/api/v1/namespaces/crud/services', {
      metadata: { name: 'two' },
      spec: { ports: [{ port: 80 }, { port: 443 }] },
    });
    expect(ports.body.details.causes.map((c: any) => c.field)).toEqual([
      'spec.ports[0].name',
      'spec.ports[1].name',
    ]);
    const bad = await t.request('POST', '/api/v1/namespaces/crud/secrets', {
      metadata: { name: 'bad' },
      data: { k: '%%%' },
    });
    expect(bad.status).toBe(422);
    const status = await t.core.deleteNamespacedSecret({
      namespace: 'crud',
      name: 's',
    });
    expect(status).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 's', kind: 'secrets', uid: secret.metadata?.uid },
    });
    expect(
      (await t.request('GET', '/api/v1/namespaces/crud/secrets/s')).status,
    ).toBe(404);
  });
});
