import { DevCluster, startDevCluster } from '../index';

const fast = {
  debounceMs: 5,
  retryDelayMs: 50,
  gatewayApi: { addressDelayMs: 10 },
  certManager: { stepDelayMs: 10 },
};

const GW = '/apis/gateway.networking.k8s.io/v1';
const CM = '/apis/cert-manager.io/v1';

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

function condition(obj: any, type: string) {
  const conditions = obj?.status?.conditions ?? obj?.conditions ?? [];
  const c = conditions.find((x: any) => x.type === type);
  return c && { status: c.status, reason: c.reason };
}

const gatewayClass = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name: 'eg' },
  spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
};

const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

const sharedGateway = (allowedListeners?: object) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'shared', namespace: 'infra' },
  spec: {
    gatewayClassName: 'eg',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    ...(allowedListeners ? { allowedListeners } : {}),
  },
});

describe('ListenerSets over HTTP (Gateway API v1.6.1)', () => {
  let cluster: DevCluster;
  const { api, eventually } = client(() => cluster);

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: fast });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('admits a ListenerSet from a selected namespace, attaches its route, issues its certificate, and refuses one from elsewhere', async () => {
    await api('POST', `${GW}/gatewayclasses`, gatewayClass);
    for (const ns of [
      namespace('infra'),
      namespace('team-a', { 'listeners-allowed': 'true' }),
      namespace('team-b'),
    ]) {
      await api('POST', '/api/v1/namespaces', ns);
    }
    await api(
      'POST',
      `${GW}/namespaces/infra/gateways`,
      sharedGateway({
        namespaces: {
          from: 'Selector',
          selector: { matchLabels: { 'listeners-allowed': 'true' } },
        },
      }),
    );
    await api('POST', `${CM}/namespaces/team-a/issuers`, {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'self', namespace: 'team-a' },
      spec: { selfSigned: {} },
    });
    const listenerSet = (ns: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: {
        name: 'shop',
        namespace: ns,
        annotations: { 'cert-manager.io/issuer': 'self' },
      },
      spec: {
        parentRef: { name: 'shared', namespace: 'infra' },
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: `shop.${ns}.example.com`,
            tls: { certificateRefs: [{ name: 'shop-tls' }] },
          },
        ],
      },
    });
    await api(
      'POST',
      `${GW}/namespaces/team-a/listenersets`,
      listenerSet('team-a'),
    );
    await api(
      'POST',
      `${GW}/namespaces/team-b/listenersets`,
      listenerSet('team-b'),
    );
    await api('POST', '/api/v1/namespaces/team-a/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shop', namespace: 'team-a' },
      spec: { ports: [{ port: 8080 }] },
    });
    await api('POST', `${GW}/namespaces/team-a/httproutes`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'team-a' },
      spec: {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'ListenerSet',
            name: 'shop',
            sectionName: 'https',
          },
        ],
        hostnames: ['shop.team-a.example.com'],
        rules: [{ backendRefs: [{ name: 'shop', port: 8080 }] }],
      },
    });

    const admitted = await eventually(
      `${GW}/namespaces/team-a/listenersets/shop`,
      ls => {
        expect(condition(ls, 'Accepted')).toEqual({
          status: 'True',
          reason: 'Accepted',
        });
        expect(condition(ls, 'Programmed')).toEqual({
          status: 'True',
          reason: 'Programmed',
        });
        // Resolved once cert-manager wrote the Secret the listener names.
        expect(condition(ls.status.listeners[0], 'ResolvedRefs')).toEqual({
          status: 'True',
          reason: 'ResolvedRefs',
        });
        expect(ls.status.listeners[0].attachedRoutes).toBe(1);
      },
    );
    expect(admitted.status.conditions[0].observedGeneration).toBe(
      admitted.metadata.generation,
    );

    const refused = await eventually(
      `${GW}/namespaces/team-b/listenersets/shop`,
      ls => {
        expect(condition(ls, 'Accepted')).toEqual({
          status: 'False',
          reason: 'NotAllowed',
        });
      },
    );
    expect(condition(refused, 'Programmed')).toEqual({
      status: 'False',
      reason: 'NotAllowed',
    });

    const gateway = await api('GET', `${GW}/namespaces/infra/gateways/shared`);
    expect(gateway.status.attachedListenerSets).toBe(1);
    expect(gateway.status.listeners.map((l: any) => l.name)).toEqual(['http']);

    const route = await api('GET', `${GW}/namespaces/team-a/httproutes/shop`);
    expect(route.status.parents).toHaveLength(1);
    expect(route.status.parents[0].parentRef).toMatchObject({
      kind: 'ListenerSet',
      name: 'shop',
    });
    expect(condition(route.status.parents[0], 'Accepted')).toEqual({
      status: 'True',
      reason: 'Accepted',
    });

    const certificate = await eventually(
      `${CM}/namespaces/team-a/certificates/shop-tls`,
      c => {
        expect(condition(c, 'Ready')).toEqual({
          status: 'True',
          reason: 'Ready',
        });
      },
    );
    expect(certificate.spec.dnsNames).toEqual(['shop.team-a.example.com']);
    expect(certificate.metadata.ownerReferences[0]).toMatchObject({
      kind: 'ListenerSet',
      name: 'shop',
    });

    const gc = await api('GET', `${GW}/gatewayclasses/eg`);
    expect(gc.status.supportedFeatures).toContainEqual({ name: 'ListenerSet' });
    expect(gc.status.supportedFeatures).toContainEqual({ name: 'TLSRoute' });

    // Deleting the ListenerSet detaches it and collects its Certificate.
    await api('DELETE', `${GW}/namespaces/team-a/listenersets/shop`);
    await eventually(`${GW}/namespaces/infra/gateways/shared`, g => {
      expect(g.status.attachedListenerSets).toBe(0);
    });
    await eventually(`${CM}/namespaces/team-a/certificates`, list => {
      expect(list.items).toEqual([]);
    });
  });
});

describe('TLSRoute v1 on Gateway API v1.6.1 standard, which serves no other TLSRoute version', () => {
  let cluster: DevCluster;
  const { api, eventually } = client(() => cluster);

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [],
      controllers: fast,
      gatewayApi: { version: 'v1.6.1', channel: 'standard' },
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('attaches a TLSRoute to a passthrough listener of a ListenerSet', async () => {
    await api('POST', `${GW}/gatewayclasses`, gatewayClass);
    await api('POST', '/api/v1/namespaces', namespace('infra'));
    await api(
      'POST',
      `${GW}/namespaces/infra/gateways`,
      sharedGateway({ namespaces: { from: 'Same' } }),
    );
    await api('POST', `${GW}/namespaces/infra/listenersets`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { name: 'tls', namespace: 'infra' },
      spec: {
        parentRef: { name: 'shared' },
        listeners: [
          {
            name: 'passthrough',
            port: 443,
            protocol: 'TLS',
            hostname: 'db.example.com',
            tls: { mode: 'Passthrough' },
          },
        ],
      },
    });
    await api('POST', '/api/v1/namespaces/infra/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'infra' },
      spec: { ports: [{ port: 5432 }] },
    });
    await api('POST', `${GW}/namespaces/infra/tlsroutes`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 'db', namespace: 'infra' },
      spec: {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'ListenerSet',
            name: 'tls',
          },
        ],
        hostnames: ['db.example.com'],
        rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }],
      },
    });
    const route = await eventually(`${GW}/namespaces/infra/tlsroutes/db`, r => {
      expect(condition(r.status.parents[0], 'Accepted')).toEqual({
        status: 'True',
        reason: 'Accepted',
      });
    });
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    await eventually(`${GW}/namespaces/infra/listenersets/tls`, ls => {
      expect(ls.status.listeners[0].attachedRoutes).toBe(1);
    });
  });
});

describe('ListenerSets where the install does not serve them (Gateway API v1.4.1)', () => {
  let cluster: DevCluster;
  const { api, eventually } = client(() => cluster);

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [],
      controllers: fast,
      gatewayApi: { version: 'v1.4.1', channel: 'standard' },
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('lists no ListenerSet feature and writes no attachedListenerSets', async () => {
    await api('POST', `${GW}/gatewayclasses`, gatewayClass);
    await api('POST', '/api/v1/namespaces', namespace('infra'));
    await api('POST', `${GW}/namespaces/infra/gateways`, sharedGateway());
    const gateway = await eventually(
      `${GW}/namespaces/infra/gateways/shared`,
      g => {
        expect(condition(g, 'Programmed')).toEqual({
          status: 'True',
          reason: 'Programmed',
        });
      },
    );
    expect(gateway.status).not.toHaveProperty('attachedListenerSets');
    const gc = await api('GET', `${GW}/gatewayclasses/eg`);
    expect(gc.status.supportedFeatures.map((f: any) => f.name)).toEqual([
      'GRPCRoute',
      'Gateway',
      'HTTPRoute',
      'HTTPRoute303RedirectStatusCode',
      'HTTPRoute307RedirectStatusCode',
      'HTTPRoute308RedirectStatusCode',
      'HTTPRoutePathRedirect',
      'HTTPRoutePortRedirect',
      'HTTPRouteSchemeRedirect',
      'ReferenceGrant',
    ]);
  });
});
