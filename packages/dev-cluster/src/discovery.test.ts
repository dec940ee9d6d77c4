import { ApisApi, VersionApi } from '@kubernetes/client-node';
import { TestCluster, startTestCluster } from './__testUtils__/testCluster';

describe('discovery', () => {
  let t: TestCluster;
  beforeAll(async () => {
    // The experimental channel: these tests read its x-k8s.io group and TLSRoute v1alpha2.
    t = await startTestCluster({
      gatewayApi: { version: 'v1.6.1', channel: 'experimental' },
    });
  });
  afterAll(() => t.cluster.close());

  it('serves /version and the core group', async () => {
    const version = await t.kc.makeApiClient(VersionApi).getCode();
    expect(version.major).toBe('1');
    const api = await t.request('GET', '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const core = await t.request('GET', '/api/v1');
    const names = core.body.resources.map((r: any) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'namespaces',
        'namespaces/status',
        'services',
        'secrets',
        'configmaps',
      ]),
    );
    const ns = core.body.resources.find((r: any) => r.name === 'namespaces');
    expect(ns).toMatchObject({
      namespaced: false,
      kind: 'Namespace',
      shortNames: ['ns'],
    });
  });

  it('lists every CRD group with the experimental channel versions', async () => {
    const groups = await t.kc.makeApiClient(ApisApi).getAPIVersions();
    const names = groups.groups.map(g => g.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'gateway.networking.k8s.io',
        'gateway.networking.x-k8s.io',
        'cert-manager.io',
        'acme.cert-manager.io',
        'gateway.envoyproxy.io',
        'admissionregistration.k8s.io',
      ]),
    );
    const gw = groups.groups.find(g => g.name === 'gateway.networking.k8s.io')!;
    expect(gw.preferredVersion?.version).toBe('v1');
    expect(gw.versions.map(v => v.version)).toEqual(
      expect.arrayContaining(['v1', 'v1beta1', 'v1alpha2']),
    );
  });

  it('describes resources with kind, scope, verbs, shortNames and status subresources', async () => {
    const res = await t.request('GET', '/apis/gateway.networking.k8s.io/v1');
    const gateways = res.body.resources.find((r: any) => r.name === 'gateways');
    expect(gateways).toMatchObject({
      kind: 'Gateway',
      namespaced: true,
      shortNames: ['gtw'],
      verbs: expect.arrayContaining([
        'get',
        'list',
        'watch',
        'create',
        'update',
        'patch',
        'delete',
      ]),
    });
    expect(
      res.body.resources.find((r: any) => r.name === 'gateways/status'),
    ).toBeDefined();
    expect(
      res.body.resources.find((r: any) => r.name === 'gatewayclasses')
        .namespaced,
    ).toBe(false);
    const tls = await t.request(
      'GET',
      '/apis/gateway.networking.k8s.io/v1alpha2',
    );
    expect(tls.body.resources.map((r: any) => r.name)).toContain('tlsroutes');
    expect((await t.request('GET', '/apis/no.such.group/v1')).status).toBe(404);
  });

  it('publishes OpenAPI v3 documents with kubectl field validation support', async () => {
    const root = await t.request('GET', '/openapi/v3');
    const entry = root.body.paths['apis/gateway.networking.k8s.io/v1'];
    expect(entry.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/gateway.networking.k8s.io\/v1\?hash=/,
    );
    const doc = await t.request('GET', entry.serverRelativeURL);
    const schema =
      doc.body.components.schemas['io.k8s.networking.gateway.v1.Gateway'];
    expect(schema['x-kubernetes-group-version-kind']).toEqual([
      { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway' },
    ]);
    const patch =
      doc.body.paths[
        '/apis/gateway.networking.k8s.io/v1/namespaces/{namespace}/gateways/{name}'
      ].patch;
    expect(patch.parameters.map((p: any) => p.name)).toContain(
      'fieldValidation',
    );
  });

  it('requires authentication for discovery', async () => {
    expect(
      (await t.request('GET', '/apis', undefined, { token: null })).status,
    ).toBe(401);
  });
});
