import {
  TestCluster,
  gateway,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

describe('dryRun=All', () => {
  let t: TestCluster;
  const path = `${gatewaysPath('dry')}/g`;
  beforeAll(async () => {
    t = await startTestCluster();
    await t.core.createNamespace({ body: { metadata: { name: 'dry' } } });
    await t.request('POST', gatewaysPath('dry'), gateway('g', 'dry'));
  });
  afterAll(() => t.cluster.close());

  const unchanged = async (
    write: () => Promise<{ status: number; body: any }>,
    status: number,
  ) => {
    const before = (await t.request('GET', `${gatewaysPath('dry')}`)).body;
    const writes = t.cluster.writes.length;
    const res = await write();
    expect(res.status).toBe(status);
    const after = (await t.request('GET', `${gatewaysPath('dry')}`)).body;
    expect(after).toEqual(before);
    expect(t.cluster.writes.length).toBe(writes);
    return res.body;
  };

  it('answers a create with the object and stores nothing', async () => {
    const body = await unchanged(
      () =>
        t.request(
          'POST',
          `${gatewaysPath('dry')}?dryRun=All`,
          gateway('new', 'dry'),
        ),
      201,
    );
    expect(body.metadata.name).toBe('new');
    expect(body.spec.listeners[0].allowedRoutes).toEqual({
      namespaces: { from: 'Same' },
    });
  });

  it('still validates', async () => {
    const bad = gateway('bad', 'dry');
    bad.spec.gatewayClassName = '';
    const status = await unchanged(
      () => t.request('POST', `${gatewaysPath('dry')}?dryRun=All`, bad),
      422,
    );
    expect(status.details.causes[0].field).toBe('spec.gatewayClassName');
  });

  it('covers update, patch, apply and delete', async () => {
    const current = (await t.request('GET', path)).body;
    await unchanged(
      () =>
        t.request('PUT', `${path}?dryRun=All`, {
          ...current,
          spec: { ...current.spec, gatewayClassName: 'x' },
        }),
      200,
    );
    const patched = await unchanged(
      () =>
        t.request(
          'PATCH',
          `${path}?dryRun=All`,
          { spec: { gatewayClassName: 'y' } },
          { contentType: 'application/merge-patch+json' },
        ),
      200,
    );
    expect(patched.spec.gatewayClassName).toBe('y');
    await unchanged(
      () =>
        t.request(
          'PATCH',
          `${path}?dryRun=All&fieldManager=m`,
          JSON.stringify(gateway('g', 'dry')),
          { contentType: 'application/apply-patch+yaml' },
        ),
      200,
    );
    await unchanged(() => t.request('DELETE', `${path}?dryRun=All`), 200);
    expect((await t.request('GET', path)).status).toBe(200);
  });

  it('rejects unknown dryRun values', async () => {
    const status = await unchanged(
      () =>
        t.request(
          'POST',
          `${gatewaysPath('dry')}?dryRun=Some`,
          gateway('n', 'dry'),
        ),
      400,
    );
    expect(status.reason).toBe('BadRequest');
  });
});
