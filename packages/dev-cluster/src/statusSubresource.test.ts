import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  TestCluster,
  gateway,
  gatewayApi,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

const condition = {
  type: 'Programmed',
  status: 'True',
  reason: 'Programmed',
  message: 'ok',
  lastTransitionTime: '2026-01-01T00:00:00Z',
};

describe('status subresource and generation', () => {
  let t: TestCluster;
  const path = `${gatewaysPath('st')}/g`;
  beforeAll(async () => {
    t = await startTestCluster();
    await t.core.createNamespace({ body: { metadata: { name: 'st' } } });
    await t.request('POST', gatewaysPath('st'), {
      ...gateway('g', 'st'),
      status: { conditions: [condition] },
    });
  });
  afterAll(() => t.cluster.close());

  it('ignores status on create and applies the schema default status', async () => {
    const got = (await t.request('GET', path)).body;
    expect(got.status.conditions.map((c: any) => c.reason)).toEqual([
      'Pending',
      'Pending',
    ]);
  });

  it('changes only status through /status and keeps generation', async () => {
    const current = (await t.request('GET', path)).body;
    const res = await t.request('PUT', `${path}/status`, {
      ...current,
      spec: { ...current.spec, gatewayClassName: 'ignored' },
      status: { conditions: [condition] },
    });
    expect(res.status).toBe(200);
    expect(res.body.status.conditions[0].reason).toBe('Programmed');
    expect(res.body.spec.gatewayClassName).toBe('eg');
    expect(res.body.metadata.generation).toBe(1);
    expect(t.cluster.writes.at(-1)).toMatchObject({
      verb: 'update',
      subresource: 'status',
    });
  });

  it('patches status with client-node', async () => {
    const res: any = await t.custom.patchNamespacedCustomObjectStatus(
      {
        ...gatewayApi,
        namespace: 'st',
        plural: 'gateways',
        name: 'g',
        body: {
          status: { conditions: [{ ...condition, message: 'patched' }] },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(res.status.conditions[0].message).toBe('patched');
  });

  it('ignores status on writes to the main resource and bumps generation on spec change only', async () => {
    const current = (await t.request('GET', path)).body;
    const labelsOnly = await t.request('PUT', path, {
      ...current,
      metadata: { ...current.metadata, labels: { a: 'b' } },
      status: { conditions: [] },
    });
    expect(labelsOnly.body.metadata.generation).toBe(1);
    expect(labelsOnly.body.status.conditions[0].message).toBe('patched');
    const spec = await t.request('PUT', path, {
      ...labelsOnly.body,
      spec: { ...labelsOnly.body.spec, gatewayClassName: 'other' },
    });
    expect(spec.body.metadata.generation).toBe(2);
  });

  it('validates status against the schema', async () => {
    const res = await t.request(
      'PATCH',
      `${path}/status`,
      { status: { conditions: [{ type: 'Programmed' }] } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes.map((c: any) => c.field)).toContain(
      'status.conditions[0].status',
    );
  });

  it('does not store a write that changes nothing', async () => {
    const current = (await t.request('GET', path)).body;
    const res = await t.request('PUT', path, current);
    expect(res.body.metadata.resourceVersion).toBe(
      current.metadata.resourceVersion,
    );
  });

  it('answers 404 for subresources the kind does not have', async () => {
    expect(
      (await t.request('GET', '/api/v1/namespaces/st/configmaps/x/status'))
        .status,
    ).toBe(404);
  });
});
