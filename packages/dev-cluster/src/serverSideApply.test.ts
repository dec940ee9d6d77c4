import {
  TestCluster,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

const applyYaml = (
  port: number,
  extra = '',
) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: g
  namespace: ssa
spec:
  gatewayClassName: eg
  listeners:
  - name: http
    port: ${port}
    protocol: HTTP
${extra}`;

describe('server-side apply', () => {
  let t: TestCluster;
  const path = `${gatewaysPath('ssa')}/g`;
  const apply = (manager: string, body: string, query = '') =>
    t.request('PATCH', `${path}?fieldManager=${manager}${query}`, body, {
      contentType: 'application/apply-patch+yaml',
    });
  beforeAll(async () => {
    t = await startTestCluster();
    await t.core.createNamespace({ body: { metadata: { name: 'ssa' } } });
  });
  afterAll(() => t.cluster.close());

  it('requires a fieldManager', async () => {
    const res = await t.request('PATCH', path, applyYaml(80), {
      contentType: 'application/apply-patch+yaml',
    });
    expect(res.status).toBe(400);
  });

  it('creates the object and records the manager in managedFields', async () => {
    const res = await apply('alice', applyYaml(80));
    expect(res.status).toBe(201);
    const entry = res.body.metadata.managedFields.find(
      (m: any) => m.manager === 'alice',
    );
    expect(entry).toMatchObject({
      operation: 'Apply',
      apiVersion: 'gateway.networking.k8s.io/v1',
      fieldsType: 'FieldsV1',
    });
    expect(
      entry.fieldsV1['f:spec']['f:listeners']['k:{"name":"http"}'],
    ).toMatchObject({ '.': {}, 'f:port': {} });
  });

  it('lets a second manager set the same value without conflict', async () => {
    const res = await apply('bob', applyYaml(80));
    expect(res.status).toBe(200);
    expect(
      res.body.metadata.managedFields.map((m: any) => m.manager).sort(),
    ).toEqual(['alice', 'bob']);
  });

  it('answers 409 with causes when another manager owns a field with a different value', async () => {
    const writes = t.cluster.writes.length;
    const res = await apply('carol', applyYaml(8080));
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('Conflict');
    expect(res.body.message).toMatch(/^Apply failed with 2 conflicts/);
    expect(res.body.details.causes).toEqual(
      expect.arrayContaining([
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "alice" using gateway.networking.k8s.io/v1',
          field: '.spec.listeners[name="http"].port',
        },
      ]),
    );
    expect(t.cluster.writes.length).toBe(writes);
  });

  it('takes ownership with force=true', async () => {
    const res = await apply('carol', applyYaml(8080), '&force=true');
    expect(res.status).toBe(200);
    expect(res.body.spec.listeners[0].port).toBe(8080);
    const owners = res.body.metadata.managedFields.filter(
      (m: any) =>
        m.fieldsV1['f:spec']?.['f:listeners']?.['k:{"name":"http"}']?.[
          'f:port'
        ],
    );
    expect(owners.map((m: any) => m.manager)).toEqual(['carol']);
  });

  it('removes fields a manager stops applying when nobody else owns them', async () => {
    await apply(
      'dave',
      applyYaml(
        8080,
        '  addresses:\n  - type: IPAddress\n    value: 10.0.0.1\n',
      ),
      '&force=true',
    );
    expect((await t.request('GET', path)).body.spec.addresses).toHaveLength(1);
    await apply('dave', applyYaml(8080), '&force=true');
    expect((await t.request('GET', path)).body.spec.addresses).toBeUndefined();
  });

  it('conflicts with fields changed by an update from another manager', async () => {
    const res = await t.request(
      'PATCH',
      `${path}?fieldManager=kubectl-edit`,
      { spec: { gatewayClassName: 'edited' } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(res.body.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'kubectl-edit', operation: 'Update' }),
    );
    const conflict = await apply('alice', applyYaml(8080));
    expect(conflict.status).toBe(409);
    expect(conflict.body.details.causes.map((c: any) => c.field)).toContain(
      '.spec.gatewayClassName',
    );
  });
});
