import { DevCluster, startDevCluster } from '../index';

const fast = {
  debounceMs: 5,
  retryDelayMs: 50,
  gatewayApi: { addressDelayMs: 10 },
  certManager: { stepDelayMs: 10 },
};

const GW = '/apis/gateway.networking.k8s.io/v1';

function client(cluster: () => DevCluster) {
  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${cluster().url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${cluster().adminToken}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    }
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
            `${path} never passed: ${
              (error as Error).message
            }\n${JSON.stringify(obj?.status, null, 2)}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 25));
      }
    }
  }
  return { api, eventually };
}

/** The Accepted condition each parent Gateway's controller wrote, by Gateway name. */
function acceptedByParent(obj: any): Record<string, any> {
  return Object.fromEntries(
    (obj?.status?.parents ?? []).map((p: any) => {
      const c = p.conditions.find((x: any) => x.type === 'Accepted');
      return [
        p.parentRef.name,
        { status: c?.status, reason: c?.reason, message: c?.message },
      ];
    }),
  );
}

const classes = [
  ['eg', 'gateway.envoyproxy.io/gatewayclass-controller'],
  ['cilium', 'io.cilium/gateway-controller'],
];

describe('RequestRedirect features over HTTP (Gateway API v1.6.1)', () => {
  let cluster: DevCluster;
  const { api, eventually } = client(() => cluster);

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [],
      controllers: fast,
      gatewayApi: { version: 'v1.6.1', channel: 'standard' },
    });
    for (const [name, controllerName] of classes) {
      await api('POST', `${GW}/gatewayclasses`, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name },
        spec: { controllerName },
      });
    }
    for (const ns of ['infra', 'team-a']) {
      await api('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    }
    for (const [name] of classes) {
      await api('POST', `${GW}/namespaces/infra/gateways`, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: `${name}-gw`, namespace: 'infra' },
        spec: {
          gatewayClassName: name,
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
    }
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const redirectRoute = (name: string, requestRedirect: object) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'team-a' },
    spec: {
      parentRefs: classes.map(([c]) => ({
        name: `${c}-gw`,
        namespace: 'infra',
      })),
      hostnames: [`${name}.example.com`],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect }] }],
    },
  });

  it("Cilium's class does not list HTTPRoute308RedirectStatusCode, Envoy Gateway's does", async () => {
    const features = async (name: string) =>
      (
        await eventually(`${GW}/gatewayclasses/${name}`, obj =>
          expect(obj.status?.supportedFeatures?.length).toBeGreaterThan(0),
        )
      ).status.supportedFeatures.map((f: any) => f.name);
    expect(await features('eg')).toContain('HTTPRoute308RedirectStatusCode');
    expect(await features('cilium')).not.toContain(
      'HTTPRoute308RedirectStatusCode',
    );
  });

  it('a 308 redirect is refused by the Cilium Gateway (UnsupportedValue) and accepted by the Envoy Gateway one', async () => {
    await api(
      'POST',
      `${GW}/namespaces/team-a/httproutes`,
      redirectRoute('permanent', { scheme: 'https', statusCode: 308 }),
    );
    const obj = await eventually(
      `${GW}/namespaces/team-a/httproutes/permanent`,
      o =>
        expect(Object.keys(acceptedByParent(o)).sort()).toEqual([
          'cilium-gw',
          'eg-gw',
        ]),
    );
    const accepted = acceptedByParent(obj);
    expect(accepted['eg-gw']).toMatchObject({
      status: 'True',
      reason: 'Accepted',
    });
    expect(accepted['cilium-gw']).toEqual({
      status: 'False',
      reason: 'UnsupportedValue',
      message:
        'spec.rules[0].filters[0].requestRedirect.statusCode: 308 needs HTTPRoute308RedirectStatusCode, which GatewayClass cilium does not list in its supportedFeatures.',
    });
    // attachedRoutes follows allowedRoutes and parentRefs alone ("Listener or Route status does
    // not impact successful attachment"): the refusing Gateway counts the route too.
    for (const gw of ['eg-gw', 'cilium-gw']) {
      await eventually(`${GW}/namespaces/infra/gateways/${gw}`, o =>
        expect(o.status?.listeners?.[0]?.attachedRoutes).toBe(1),
      );
    }
  });

  it('changed to 301, the Cilium Gateway accepts it too', async () => {
    const current = await api(
      'GET',
      `${GW}/namespaces/team-a/httproutes/permanent`,
    );
    current.spec.rules[0].filters[0].requestRedirect.statusCode = 301;
    await api('PUT', `${GW}/namespaces/team-a/httproutes/permanent`, current);
    const obj = await eventually(
      `${GW}/namespaces/team-a/httproutes/permanent`,
      o => expect(acceptedByParent(o)['cilium-gw']?.status).toBe('True'),
    );
    expect(acceptedByParent(obj)['eg-gw'].status).toBe('True');
  });
});
