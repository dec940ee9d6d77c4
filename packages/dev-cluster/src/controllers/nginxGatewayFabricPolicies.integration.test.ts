import { DevCluster, startDevCluster } from '../index';

/** The simulated NGINX Gateway Fabric writes its policies' status through the API, as a client. */

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await startDevCluster({
    seed: [],
    controllers: {
      debounceMs: 5,
      retryDelayMs: 50,
      gatewayApi: { addressDelayMs: 10 },
    },
  });
}, 60_000);

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

const GW = '/apis/gateway.networking.k8s.io/v1';
const NGF = '/apis/gateway.nginx.org/v1alpha1';

const verdicts = (policy: any) =>
  (policy.status?.ancestors ?? []).map(
    (a: any) =>
      `${a.ancestorRef.kind} ${a.ancestorRef.namespace}/${a.ancestorRef.name} ${
        a.controllerName
      } ${a.conditions
        .map((c: any) => `${c.type}=${c.status}/${c.reason}`)
        .join(',')}`,
  );

describe("NGINX Gateway Fabric's policies over HTTP", () => {
  it('accepts the older ClientSettingsPolicy on a route and conflicts the newer that sets the same field', async () => {
    for (const name of ['nginx-gateway', 'app']) {
      await api('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
    await api('POST', `${GW}/gatewayclasses`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'nginx' },
      spec: { controllerName: 'gateway.nginx.org/nginx-gateway-controller' },
    });
    await api('POST', `${GW}/namespaces/nginx-gateway/gateways`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge' },
      spec: {
        gatewayClassName: 'nginx',
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    });
    await api('POST', `${GW}/namespaces/app/httproutes`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web' },
      spec: {
        parentRefs: [{ name: 'edge', namespace: 'nginx-gateway' }],
        rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }],
      },
    });
    const policy = (name: string, maxSize: string) => ({
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'ClientSettingsPolicy',
      metadata: { name },
      spec: {
        targetRef: {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          name: 'web',
        },
        body: { maxSize },
      },
    });
    const path = `${NGF}/namespaces/app/clientsettingspolicies`;
    await api('POST', path, policy('uploads', '50m'));
    await eventually(`${path}/uploads`, p =>
      expect(verdicts(p)).toEqual([
        'HTTPRoute app/web gateway.nginx.org/nginx-gateway-controller Accepted=True/Accepted',
      ]),
    );
    // creationTimestamp has one-second resolution: make the second one newer.
    await new Promise(resolve => setTimeout(resolve, 1100));
    await api('POST', path, policy('small-bodies', '1m'));
    await eventually(`${path}/small-bodies`, p =>
      expect(verdicts(p)).toEqual([
        'HTTPRoute app/web gateway.nginx.org/nginx-gateway-controller Accepted=False/Conflicted',
      ]),
    );
    const older = await api('GET', `${path}/uploads`);
    expect(verdicts(older)).toEqual([
      'HTTPRoute app/web gateway.nginx.org/nginx-gateway-controller Accepted=True/Accepted',
    ]);
  });

  it('marks the Gateway and the route its policies target with <Kind>Affected, and takes the mark back when the policy goes', async () => {
    for (const name of ['edge-infra', 'shop']) {
      await api('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
    // The class `nginx` may exist from another test: create it only if absent.
    await api('POST', `${GW}/gatewayclasses`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'nginx' },
      spec: { controllerName: 'gateway.nginx.org/nginx-gateway-controller' },
    }).catch(error => {
      if (!/409/.test(String(error))) throw error;
    });
    await api('POST', `${GW}/namespaces/edge-infra/gateways`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'shop-edge' },
      spec: {
        gatewayClassName: 'nginx',
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            hostname: 'shop.example.org',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    });
    await api('POST', `${GW}/namespaces/shop/httproutes`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop' },
      spec: {
        parentRefs: [{ name: 'shop-edge', namespace: 'edge-infra' }],
        rules: [{ backendRefs: [{ name: 'shop', port: 8080 }] }],
      },
    });
    const types = (conditions: any[] = []) => conditions.map(c => c.type);
    const gatewayPath = `${GW}/namespaces/edge-infra/gateways/shop-edge`;
    const routePath = `${GW}/namespaces/shop/httproutes/shop`;
    await eventually(routePath, r =>
      expect(types(r.status?.parents?.[0]?.conditions)).toEqual([
        'Accepted',
        'ResolvedRefs',
      ]),
    );

    const wafPath = `${NGF}/namespaces/edge-infra/wafpolicies`;
    await api('POST', wafPath, {
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'WAFPolicy',
      metadata: { name: 'baseline' },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'shop-edge',
          },
        ],
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.org/baseline.tgz' },
        },
      },
    });
    const rlpPath = `${NGF}/namespaces/shop/ratelimitpolicies`;
    await api('POST', rlpPath, {
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'RateLimitPolicy',
      metadata: { name: 'shop' },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            name: 'shop',
          },
        ],
        rateLimit: {
          local: { rules: [{ rate: '10r/s', key: '$binary_remote_addr' }] },
        },
      },
    });
    const gateway = await eventually(gatewayPath, g =>
      expect(types(g.status?.conditions)).toContain(
        'gateway.nginx.org/WAFPolicyAffected',
      ),
    );
    expect(
      gateway.status.conditions.find(
        (c: any) => c.type === 'gateway.nginx.org/WAFPolicyAffected',
      ),
    ).toMatchObject({
      status: 'True',
      reason: 'PolicyAffected',
      message: 'WAFPolicy is applied to the resource',
      observedGeneration: gateway.metadata.generation,
    });
    // Without WAF enabled in an NginxProxy the policy is not accepted: the Gateway is marked all the same.
    await eventually(`${wafPath}/baseline`, p =>
      expect(verdicts(p)).toEqual([
        'Gateway edge-infra/shop-edge gateway.nginx.org/nginx-gateway-controller ResolvedRefs=True/ResolvedRefs,Programmed=True/Programmed,Accepted=False/NginxProxyConfigNotSet',
      ]),
    );
    await eventually(routePath, r =>
      expect(types(r.status.parents[0].conditions)).toEqual([
        'Accepted',
        'ResolvedRefs',
        'RateLimitPolicyAffected',
      ]),
    );

    await api('DELETE', `${rlpPath}/shop`);
    await eventually(routePath, r =>
      expect(types(r.status.parents[0].conditions)).toEqual([
        'Accepted',
        'ResolvedRefs',
      ]),
    );
    await api('DELETE', `${wafPath}/baseline`);
    await eventually(gatewayPath, g =>
      expect(types(g.status.conditions)).not.toContain(
        'gateway.nginx.org/WAFPolicyAffected',
      ),
    );
  });
});
