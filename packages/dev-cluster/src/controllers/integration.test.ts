import { DevCluster, startDevCluster } from '../index';

const fast = {
  debounceMs: 5,
  retryDelayMs: 50,
  gatewayApi: { addressDelayMs: 10 },
  certManager: { stepDelayMs: 10, failHttp01Suffixes: ['.fail.example.net'] },
};

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await startDevCluster({ seed: [], controllers: fast });
});

afterAll(async () => {
  await cluster?.close();
});

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${cluster.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${cluster.adminToken}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** Polls `path` until `check` passes; returns the object. */
async function eventually(
  path: string,
  check: (obj: any) => void,
  timeoutMs = 8000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let obj: any;
    try {
      obj = await api('GET', path);
      check(obj);
      return obj;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `${path} never passed: ${(error as Error).message}\n${JSON.stringify(
            obj?.status,
            null,
            2,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  }
}

/** A condition of an object, or of a listener or route parent status. */
function condition(obj: any, type: string) {
  const conditions = obj?.status?.conditions ?? obj?.conditions ?? [];
  const c = conditions.find((x: any) => x.type === type);
  return c && { status: c.status, reason: c.reason };
}

const GW = '/apis/gateway.networking.k8s.io/v1';
const CM = '/apis/cert-manager.io/v1';

describe('controllers over HTTP', () => {
  it('accepts a GatewayClass, programs a Gateway and accepts its route', async () => {
    await api('POST', `${GW}/gatewayclasses`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'eg' },
      spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    });
    await api('POST', '/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace: 'default' },
      spec: { ports: [{ port: 8080 }] },
    });
    await api('POST', `${GW}/namespaces/default/gateways`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        gatewayClassName: 'eg',
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      },
    });
    await api('POST', `${GW}/namespaces/default/httproutes`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'echo', namespace: 'default' },
      spec: {
        parentRefs: [{ name: 'web' }],
        hostnames: ['echo.example.com'],
        rules: [
          {
            backendRefs: [
              { name: 'echo', port: 8080 },
              { name: 'missing', port: 80 },
            ],
          },
        ],
      },
    });

    await api('POST', `${GW}/gatewayclasses`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'other' },
      spec: { controllerName: 'example.com/other-controller' },
    });
    await eventually(`${GW}/gatewayclasses/eg`, gc => {
      expect(condition(gc, 'Accepted')).toEqual({
        status: 'True',
        reason: 'Accepted',
      });
    });
    const other = await api('GET', `${GW}/gatewayclasses/other`);
    expect(condition(other, 'Accepted')).toEqual({
      status: 'Unknown',
      reason: 'Pending',
    });
    const gw = await eventually(`${GW}/namespaces/default/gateways/web`, g => {
      expect(condition(g, 'Programmed')).toEqual({
        status: 'True',
        reason: 'Programmed',
      });
      expect(g.status.listeners[0].attachedRoutes).toBe(1);
    });
    expect(gw.status.addresses).toEqual([
      { type: 'IPAddress', value: '192.0.2.10' },
    ]);
    expect(gw.status.conditions[0].observedGeneration).toBe(
      gw.metadata.generation,
    );
    const route = await eventually(
      `${GW}/namespaces/default/httproutes/echo`,
      r => {
        expect(r.status.parents).toHaveLength(1);
      },
    );
    expect(route.status.parents[0]).toMatchObject({
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      parentRef: { name: 'web' },
    });
    expect(condition(route.status.parents[0], 'Accepted')).toEqual({
      status: 'True',
      reason: 'Accepted',
    });
    expect(condition(route.status.parents[0], 'ResolvedRefs')).toEqual({
      status: 'False',
      reason: 'BackendNotFound',
    });
  });

  it('issues a certificate for an annotated Gateway through ACME', async () => {
    await api('POST', `${CM}/clusterissuers`, {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt' },
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'letsencrypt-account' },
          solvers: [
            { http01: { gatewayHTTPRoute: { parentRefs: [{ name: 'web' }] } } },
          ],
        },
      },
    });
    await api('POST', `${GW}/namespaces/default/gateways`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: 'secure',
        namespace: 'default',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
      },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'shop.example.com',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-tls' }] },
          },
          {
            name: 'broken',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'shop.fail.example.net',
            tls: {
              mode: 'Terminate',
              certificateRefs: [{ name: 'broken-tls' }],
            },
          },
        ],
      },
    });

    const cert = await eventually(
      `${CM}/namespaces/default/certificates/shop-tls`,
      c => {
        expect(condition(c, 'Ready')).toEqual({
          status: 'True',
          reason: 'Ready',
        });
      },
    );
    expect(cert.status.revision).toBe(1);
    expect(cert.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Gateway',
      name: 'secure',
    });
    const secret = await api(
      'GET',
      '/api/v1/namespaces/default/secrets/shop-tls',
    );
    expect(secret.type).toBe('kubernetes.io/tls');
    await eventually(`${GW}/namespaces/default/gateways/secure`, g => {
      expect(condition(g.status.listeners[0], 'ResolvedRefs')).toEqual({
        status: 'True',
        reason: 'ResolvedRefs',
      });
    });

    const broken = await eventually(
      `${CM}/namespaces/default/certificates/broken-tls`,
      c => {
        expect(condition(c, 'Ready')).toEqual({
          status: 'False',
          reason: 'Failed',
        });
      },
    );
    expect(broken.status.failedIssuanceAttempts).toBe(1);
    const challenges = await api(
      'GET',
      '/apis/acme.cert-manager.io/v1/namespaces/default/challenges',
    );
    expect(
      challenges.items.map((c: any) => [c.spec.dnsName, c.status.state]).sort(),
    ).toEqual([
      ['shop.example.com', 'valid'],
      ['shop.fail.example.net', 'invalid'],
    ]);
  });

  it('stops writing once everything is reconciled', async () => {
    await eventually(`${CM}/namespaces/default/certificates/broken-tls`, c => {
      expect(c.status.failedIssuanceAttempts).toBe(1);
    });
    await new Promise(resolve => setTimeout(resolve, 200));
    const settled = cluster.writes.length;
    expect(cluster.writes.some(w => w.subresource === 'status')).toBe(true);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(cluster.writes.length).toBe(settled);
  });

  it('reissues when a Gateway hostname changes, and cleans up after the Gateway', async () => {
    const path = `${GW}/namespaces/default/gateways/secure`;
    const gw = await api('GET', path);
    gw.spec.listeners[0].hostname = 'store.example.com';
    await api('PUT', path, gw);

    const cert = await eventually(
      `${CM}/namespaces/default/certificates/shop-tls`,
      c => {
        expect(c.status.revision).toBe(2);
        expect(condition(c, 'Ready')).toEqual({
          status: 'True',
          reason: 'Ready',
        });
      },
    );
    expect(cert.spec.dnsNames).toEqual(['store.example.com']);
    const secret = await api(
      'GET',
      '/api/v1/namespaces/default/secrets/shop-tls',
    );
    expect(secret.metadata.annotations['cert-manager.io/alt-names']).toBe(
      'store.example.com',
    );

    await api('DELETE', path);
    await eventually(
      '/apis/cert-manager.io/v1/namespaces/default/certificates',
      list => {
        expect(list.items).toEqual([]);
      },
    );
    await eventually(
      '/apis/acme.cert-manager.io/v1/namespaces/default/challenges',
      list => {
        expect(list.items).toEqual([]);
      },
    );
  });

  it('publishes the ingress-nginx address on Ingresses of its class, and removes it when one leaves', async () => {
    const NET = '/apis/networking.k8s.io/v1';
    await api('POST', `${NET}/ingressclasses`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    const ingress = (name: string, className?: string) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: 'default' },
      spec: {
        ...(className ? { ingressClassName: className } : {}),
        rules: [
          {
            host: `${name}.example.com`,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    const path = (name: string) =>
      `${NET}/namespaces/default/ingresses/${name}`;
    await api(
      'POST',
      `${NET}/namespaces/default/ingresses`,
      ingress('legacy', 'nginx'),
    );
    await api(
      'POST',
      `${NET}/namespaces/default/ingresses`,
      ingress('classless'),
    );
    for (const name of ['legacy', 'classless']) {
      await eventually(path(name), i => {
        expect(i.status.loadBalancer.ingress).toEqual([{ ip: '192.0.2.80' }]);
      });
    }
    const legacy = await api('GET', path('legacy'));
    legacy.spec.ingressClassName = 'traefik';
    await api('PUT', path('legacy'), legacy);
    const moved = await eventually(path('legacy'), i => {
      expect(i.status.loadBalancer).toEqual({});
    });
    expect(moved.metadata.generation).toBe(2);
  });
});
