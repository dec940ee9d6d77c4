import { NetworkingV1Api } from '@kubernetes/client-node';
import { TestCluster, startTestCluster } from './__testUtils__/testCluster';

const NET = '/apis/networking.k8s.io/v1';

const ingress = (name: string, spec: object) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'default' },
  spec,
});

const shopSpec = {
  ingressClassName: 'nginx',
  rules: [
    {
      host: 'shop.example.com',
      http: {
        paths: [
          {
            path: '/',
            pathType: 'Prefix',
            backend: { service: { name: 'shop', port: { number: 80 } } },
          },
        ],
      },
    },
  ],
};

describe('Ingress and IngressClass (networking.k8s.io/v1)', () => {
  let t: TestCluster;
  let net: NetworkingV1Api;
  beforeAll(async () => {
    t = await startTestCluster();
    net = t.kc.makeApiClient(NetworkingV1Api);
  });
  afterAll(() => t.cluster.close());

  it('are discoverable, with the status subresource on Ingress', async () => {
    const { body } = await t.request('GET', NET);
    const names = body.resources.map((r: any) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'ingresses',
        'ingresses/status',
        'ingressclasses',
      ]),
    );
    expect(
      body.resources.find((r: any) => r.name === 'ingresses'),
    ).toMatchObject({ kind: 'Ingress', namespaced: true, shortNames: ['ing'] });
    expect(
      body.resources.find((r: any) => r.name === 'ingressclasses'),
    ).toMatchObject({ kind: 'IngressClass', namespaced: false });
  });

  it('creates and reads an Ingress through the client library, with generation and an empty load balancer status', async () => {
    await net.createNamespacedIngress({
      namespace: 'default',
      body: ingress('shop', shopSpec),
    });
    const got = await net.readNamespacedIngress({
      name: 'shop',
      namespace: 'default',
    });
    expect(got.spec?.rules?.[0].host).toBe('shop.example.com');
    expect(got.metadata?.generation).toBe(1);
    expect(got.status).toEqual({ loadBalancer: {} });
  });

  it('refuses an invalid Ingress with the API server message and writes nothing', async () => {
    const bad = ingress('bad', {
      rules: [
        {
          host: '192.0.2.1',
          http: {
            paths: [
              {
                path: 'relative',
                pathType: 'Prefix',
                backend: { service: { name: 'shop' } },
              },
            ],
          },
        },
      ],
    });
    const res = await t.request(
      'POST',
      `${NET}/namespaces/default/ingresses`,
      bad,
    );
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('Invalid');
    expect(res.body.message).toContain(
      'Ingress.networking.k8s.io "bad" is invalid',
    );
    expect(res.body.details.causes.map((c: any) => c.field)).toEqual([
      'spec.rules[0].host',
      'spec.rules[0].http.paths[0].path',
      'spec.rules[0].http.paths[0].backend',
    ]);
    const get = await t.request(
      'GET',
      `${NET}/namespaces/default/ingresses/bad`,
    );
    expect(get.status).toBe(404);
  });

  it('writes status only through /status, without bumping generation', async () => {
    const path = `${NET}/namespaces/default/ingresses/shop`;
    const patched = await t.request(
      'PATCH',
      `${path}/status`,
      { status: { loadBalancer: { ingress: [{ ip: '192.0.2.80' }] } } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.generation).toBe(1);
    const ignored = await t.request(
      'PATCH',
      path,
      { status: { loadBalancer: { ingress: [{ ip: '192.0.2.99' }] } } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(ignored.body.status.loadBalancer.ingress).toEqual([
      { ip: '192.0.2.80' },
    ]);
    const badStatus = await t.request(
      'PATCH',
      `${path}/status`,
      { status: { loadBalancer: { ingress: [{ ip: 'not-an-ip' }] } } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(badStatus.status).toBe(422);
  });

  it('requires an IngressClass controller, keeps it immutable and defaults the parameters scope', async () => {
    const path = `${NET}/ingressclasses`;
    const missing = await t.request('POST', path, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'empty' },
      spec: {},
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('spec.controller: Required value');

    const created = await t.request('POST', path, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: {
        controller: 'k8s.io/ingress-nginx',
        parameters: { kind: 'IngressNginxParameters', name: 'default' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.parameters.scope).toBe('Cluster');

    const changed = await t.request(
      'PATCH',
      `${path}/nginx`,
      { spec: { controller: 'example.com/other' } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(changed.status).toBe(422);
    expect(changed.body.message).toContain(
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    );
  });
});
