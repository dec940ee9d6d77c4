import { startDevCluster, DevCluster } from './devCluster';

/** NGINX Gateway Fabric's CRDs load beside Envoy Gateway's, schemas and CEL rules included. */
describe("NGINX Gateway Fabric's CRDs", () => {
  let cluster: DevCluster;

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: false });
    await create('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'nginx-gateway' },
    });
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  async function create(path: string, body: unknown) {
    const response = await fetch(`${cluster.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cluster.adminToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const nginxProxies =
    '/apis/gateway.nginx.org/v1alpha2/namespaces/nginx-gateway/nginxproxies';

  it('serves NginxProxy and accepts a valid one', async () => {
    const { status } = await create(nginxProxies, {
      apiVersion: 'gateway.nginx.org/v1alpha2',
      kind: 'NginxProxy',
      metadata: { name: 'valid' },
      spec: {
        rewriteClientIP: {
          mode: 'ProxyProtocol',
          trustedAddresses: [{ type: 'CIDR', value: '10.0.0.0/8' }],
        },
      },
    });
    expect(status).toBe(201);
  });

  it('refuses a rewriteClientIP mode without trusted addresses (a CEL rule of the CRD)', async () => {
    const { status, body } = await create(nginxProxies, {
      apiVersion: 'gateway.nginx.org/v1alpha2',
      kind: 'NginxProxy',
      metadata: { name: 'no-trusted-addresses' },
      spec: { rewriteClientIP: { mode: 'XForwardedFor' } },
    });
    expect(status).toBe(422);
    expect(body.message).toMatch(/trustedAddresses|rewriteClientIP/);
  });

  it('refuses a value outside an enum of the schema', async () => {
    const { status } = await create(nginxProxies, {
      apiVersion: 'gateway.nginx.org/v1alpha2',
      kind: 'NginxProxy',
      metadata: { name: 'bad-service-type' },
      spec: { kubernetes: { service: { type: 'ExternalName' } } },
    });
    expect(status).toBe(422);
  });

  it('serves the policies, ClientSettingsPolicy among them', async () => {
    const { status } = await create(
      '/apis/gateway.nginx.org/v1alpha1/namespaces/nginx-gateway/clientsettingspolicies',
      {
        apiVersion: 'gateway.nginx.org/v1alpha1',
        kind: 'ClientSettingsPolicy',
        metadata: { name: 'body-size' },
        spec: {
          targetRef: {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'flex-gateway',
          },
          body: { maxSize: '10m' },
        },
      },
    );
    expect(status).toBe(201);
  });
});
