import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  TestCluster,
  gateway,
  gatewayApi,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

describe('JSON patch and merge patch', () => {
  let t: TestCluster;
  const path = `${gatewaysPath('p')}/g`;
  beforeAll(async () => {
    t = await startTestCluster();
    await t.core.createNamespace({ body: { metadata: { name: 'p' } } });
    await t.request(
      'POST',
      gatewaysPath('p'),
      gateway('g', 'p', { labels: { keep: 'yes', drop: 'me' } }),
    );
  });
  afterAll(() => t.cluster.close());

  it('applies a merge patch: null deletes, lists are replaced', async () => {
    const res = await t.request(
      'PATCH',
      path,
      {
        metadata: { labels: { drop: null, added: 'x' } },
        spec: { listeners: [{ name: 'web', port: 8080, protocol: 'HTTP' }] },
      },
      { contentType: 'application/merge-patch+json' },
    );
    expect(res.status).toBe(200);
    expect(res.body.metadata.labels).toEqual({ keep: 'yes', added: 'x' });
    expect(res.body.spec.listeners.map((l: any) => l.name)).toEqual(['web']);
    expect(res.body.metadata.generation).toBe(2);
  });

  it('applies an RFC 6902 JSON patch through client-node', async () => {
    const patched: any = await t.custom.patchNamespacedCustomObject(
      {
        ...gatewayApi,
        namespace: 'p',
        plural: 'gateways',
        name: 'g',
        body: [
          { op: 'test', path: '/spec/gatewayClassName', value: 'eg' },
          {
            op: 'add',
            path: '/spec/listeners/-',
            value: { name: 'extra', port: 9090, protocol: 'HTTP' },
          },
          { op: 'replace', path: '/spec/gatewayClassName', value: 'other' },
          { op: 'remove', path: '/metadata/labels/added' },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(patched.spec.gatewayClassName).toBe('other');
    expect(patched.spec.listeners.map((l: any) => l.name)).toEqual([
      'web',
      'extra',
    ]);
    expect(patched.metadata.labels).toEqual({ keep: 'yes' });
  });

  it('rejects a failing test operation and writes nothing', async () => {
    const writes = t.cluster.writes.length;
    const res = await t.request(
      'PATCH',
      path,
      [{ op: 'test', path: '/spec/gatewayClassName', value: 'nope' }],
      { contentType: 'application/json-patch+json' },
    );
    expect(res.status).toBe(422);
    expect(res.body.kind).toBe('Status');
    expect(t.cluster.writes.length).toBe(writes);
  });

  it('merges lists by the key of $setElementOrder in a strategic merge patch', async () => {
    await t.core.createNamespacedService({
      namespace: 'p',
      body: {
        metadata: { name: 'svc' },
        spec: {
          ports: [
            { name: 'http', port: 80 },
            { name: 'https', port: 443 },
          ],
        },
      },
    });
    const res = await t.request(
      'PATCH',
      '/api/v1/namespaces/p/services/svc',
      {
        spec: {
          '$setElementOrder/ports': [{ port: 80 }, { port: 443 }],
          ports: [{ port: 443, targetPort: 8443 }],
        },
      },
      { contentType: 'application/strategic-merge-patch+json' },
    );
    expect(res.status).toBe(200);
    expect(res.body.spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
    ]);
    const removed = await t.request(
      'PATCH',
      '/api/v1/namespaces/p/services/svc',
      {
        spec: {
          '$setElementOrder/ports': [{ port: 443 }],
          ports: [{ $patch: 'delete', port: 80 }],
        },
      },
      { contentType: 'application/strategic-merge-patch+json' },
    );
    expect(removed.body.spec.ports.map((p: any) => p.name)).toEqual(['https']);
  });

  it('treats strategic merge patch without directives as merge patch', async () => {
    const res = await t.request(
      'PATCH',
      path,
      { metadata: { annotations: { a: '1' } } },
      { contentType: 'application/strategic-merge-patch+json' },
    );
    expect(res.body.metadata.annotations).toEqual({ a: '1' });
  });

  it('validates the patched object', async () => {
    const res = await t.request(
      'PATCH',
      path,
      { spec: { listeners: [{ name: 'x', port: 0, protocol: 'HTTP' }] } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes[0]).toMatchObject({
      field: 'spec.listeners[0].port',
    });
  });

  it('rejects a patch with an unknown content type', async () => {
    const res = await t.request(
      'PATCH',
      path,
      {},
      { contentType: 'text/plain' },
    );
    expect(res.status).toBe(415);
  });
});
