import { GatewayApiSnapshot, reconcileGatewayApi } from './reconcile';
import {
  CONTROLLER,
  acceptedStatus,
  gateway,
  gatewayClass,
  namespaceObject,
  route,
  service,
  tlsSecret,
} from './testObjects';

const POOL = ['192.0.2.10', '192.0.2.11'];

function snapshot(objects: Partial<GatewayApiSnapshot>): GatewayApiSnapshot {
  return {
    gatewayClasses: [gatewayClass()],
    gateways: [],
    httpRoutes: [],
    grpcRoutes: [],
    tlsRoutes: [],
    tcpRoutes: [],
    referenceGrants: [],
    namespaces: [],
    services: [],
    secrets: [],
    envoyProxies: [],
    listenerSets: [],
    ...objects,
  };
}

function reconcile(
  objects: Partial<GatewayApiSnapshot>,
  loadBalancerReady = () => true,
) {
  return reconcileGatewayApi(snapshot(objects), {
    controllerNames: [CONTROLLER],
    addressPool: POOL,
    loadBalancerReady,
  });
}

function statusOf(result: ReturnType<typeof reconcile>, name: string): any {
  return result.updates.find(u => u.object.metadata.name === name)?.status;
}

function conditionOf(conditions: any[], type: string) {
  const found = conditions.find(c => c.type === type);
  return found && { status: found.status, reason: found.reason };
}

const http = { name: 'http', port: 80, protocol: 'HTTP' };
const shared = gateway('shared', [
  {
    ...http,
    hostname: '*.example.com',
    allowedRoutes: { namespaces: { from: 'All' } },
  },
  {
    name: 'team',
    port: 8080,
    protocol: 'HTTP',
    allowedRoutes: {
      namespaces: {
        from: 'Selector',
        selector: { matchLabels: { 'shared-gateway-access': 'true' } },
      },
    },
  },
  { name: 'local', port: 9090, protocol: 'HTTP' },
  { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
]);
const backends = [service('echo', 'team-a'), service('echo', 'infra')];

function routeParent(
  parentRef: object,
  spec: object = {},
  ns = 'team-a',
  kind = 'httpRoutes',
) {
  const r = route('r', ns, {
    parentRefs: [{ name: 'shared', namespace: 'infra', ...parentRef }],
    rules: [{ backendRefs: [{ name: 'echo', port: 80 }] }],
    ...spec,
  });
  const result = reconcile({
    gateways: [shared],
    [kind]: [r],
    services: backends,
    namespaces: [
      namespaceObject('team-a', { 'shared-gateway-access': 'true' }),
      namespaceObject('team-b'),
    ],
  });
  return { result, parent: statusOf(result, 'r')?.parents?.[0] };
}

describe('reconcileGatewayApi: GatewayClasses', () => {
  it('accepts our classes and leaves other controllers alone', () => {
    const result = reconcile({
      gatewayClasses: [
        gatewayClass('eg'),
        gatewayClass('other', { controllerName: 'example.com/other' }),
      ],
    });
    expect(result.updates.map(u => u.object.metadata.name)).toEqual(['eg']);
  });
});

describe('reconcileGatewayApi: Gateways', () => {
  it('accepts a new Gateway first and waits for its address', () => {
    const result = reconcile({ gateways: [gateway('web', [http])] });
    const status = statusOf(result, 'web');
    expect(result.awaitingAddress).toBe(true);
    expect(conditionOf(status.conditions, 'Accepted')).toEqual({
      status: 'True',
      reason: 'Accepted',
    });
    expect(conditionOf(status.conditions, 'Programmed')).toEqual({
      status: 'False',
      reason: 'AddressNotAssigned',
    });
    expect(status.addresses).toBeUndefined();
    expect(status.conditions[0].observedGeneration).toBe(3);
  });

  it('waits for the load balancer of an accepted Gateway', () => {
    const result = reconcile(
      { gateways: [gateway('web', [http], { status: acceptedStatus })] },
      () => false,
    );
    expect(result.awaitingAddress).toBe(true);
    expect(statusOf(result, 'web').addresses).toBeUndefined();
  });

  it('assigns an address from the pool once accepted', () => {
    const result = reconcile({
      gateways: [gateway('web', [http], { status: acceptedStatus })],
    });
    const status = statusOf(result, 'web');
    expect(result.awaitingAddress).toBe(false);
    expect(status.addresses).toEqual([
      { type: 'IPAddress', value: '192.0.2.10' },
    ]);
    expect(conditionOf(status.conditions, 'Programmed')).toEqual({
      status: 'True',
      reason: 'Programmed',
    });
    expect(status.listeners[0]).toMatchObject({
      name: 'http',
      attachedRoutes: 0,
      supportedKinds: [
        { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
        { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' },
      ],
    });
    expect(
      status.listeners[0].conditions.map((c: any) => [
        c.type,
        c.status,
        c.reason,
      ]),
    ).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
      ['Conflicted', 'False', 'NoConflicts'],
      ['Programmed', 'True', 'Programmed'],
    ]);
  });

  it('keeps an assigned address and reports an exhausted pool', () => {
    const result = reconcile({
      gateways: [
        gateway('a', [http], {
          status: acceptedStatus,
          created: '2026-01-02T00:00:00Z',
        }),
        gateway('b', [http], {
          status: {
            ...acceptedStatus,
            addresses: [{ type: 'IPAddress', value: '192.0.2.11' }],
          },
        }),
        gateway('c', [http], {
          status: acceptedStatus,
          created: '2026-01-03T00:00:00Z',
        }),
      ],
    });
    expect(statusOf(result, 'a').addresses[0].value).toBe('192.0.2.10');
    expect(statusOf(result, 'b').addresses[0].value).toBe('192.0.2.11');
    expect(statusOf(result, 'c').addresses).toBeUndefined();
    expect(
      conditionOf(statusOf(result, 'c').conditions, 'Programmed')?.reason,
    ).toBe('AddressNotAssigned');
  });

  it('gives all Gateways of a mergeGateways class one address', () => {
    const result = reconcile({
      gatewayClasses: [
        gatewayClass('eg', {
          parametersRef: {
            group: 'gateway.envoyproxy.io',
            kind: 'EnvoyProxy',
            name: 'merged',
            namespace: 'eg',
          },
        }),
      ],
      envoyProxies: [
        {
          metadata: { name: 'merged', namespace: 'eg' },
          spec: { mergeGateways: true },
        },
      ],
      gateways: [
        gateway('a', [http], { status: acceptedStatus }),
        gateway('b', [{ ...http, name: 'b', hostname: 'b.example.com' }], {
          namespace: 'other',
        }),
      ],
    });
    expect(statusOf(result, 'a').addresses).toEqual([
      { type: 'IPAddress', value: '192.0.2.10' },
    ]);
    expect(statusOf(result, 'b').addresses).toEqual([
      { type: 'IPAddress', value: '192.0.2.10' },
    ]);
  });

  it('marks a listener of a later merged Gateway that conflicts with an earlier one', () => {
    const result = reconcile({
      gatewayClasses: [
        gatewayClass('eg', {
          parametersRef: {
            group: 'gateway.envoyproxy.io',
            kind: 'EnvoyProxy',
            name: 'merged',
            namespace: 'eg',
          },
        }),
      ],
      envoyProxies: [
        {
          metadata: { name: 'merged', namespace: 'eg' },
          spec: { mergeGateways: true },
        },
      ],
      gateways: [
        gateway('a', [http]),
        gateway('b', [http], { created: '2026-02-01T00:00:00Z' }),
      ],
    });
    const conflicted = (name: string) =>
      conditionOf(statusOf(result, name).listeners[0].conditions, 'Conflicted');
    expect(conflicted('a')).toEqual({ status: 'False', reason: 'NoConflicts' });
    expect(conflicted('b')).toEqual({
      status: 'True',
      reason: 'HostnameConflict',
    });
    const listenerB = statusOf(result, 'b').listeners[0].conditions;
    expect(conditionOf(listenerB, 'Accepted')).toEqual({
      status: 'False',
      reason: 'HostnameConflict',
    });
    expect(conditionOf(listenerB, 'Programmed')).toEqual({
      status: 'False',
      reason: 'HostnameConflict',
    });
    expect(conditionOf(statusOf(result, 'b').conditions, 'Accepted')).toEqual({
      status: 'False',
      reason: 'ListenersNotValid',
    });
  });

  it('uses spec.addresses as given', () => {
    const result = reconcile({
      gateways: [
        gateway('web', [http], {
          spec: { addresses: [{ value: '203.0.113.5' }] },
        }),
      ],
    });
    expect(statusOf(result, 'web').addresses).toEqual([
      { type: 'IPAddress', value: '203.0.113.5' },
    ]);
  });

  it.each([
    [
      'a missing EnvoyProxy',
      {
        infrastructure: {
          parametersRef: {
            group: 'gateway.envoyproxy.io',
            kind: 'EnvoyProxy',
            name: 'x',
          },
        },
      },
      'InvalidParameters',
    ],
    [
      'a NamedAddress',
      { addresses: [{ type: 'NamedAddress', value: 'lb' }] },
      'UnsupportedAddress',
    ],
  ])('refuses a Gateway with %s', (_, spec, reason) => {
    const status = statusOf(
      reconcile({ gateways: [gateway('web', [http], { spec })] }),
      'web',
    );
    expect(conditionOf(status.conditions, 'Accepted')).toEqual({
      status: 'False',
      reason,
    });
    expect(conditionOf(status.conditions, 'Programmed')).toEqual({
      status: 'False',
      reason: 'Invalid',
    });
  });

  it('accepts a Gateway with some invalid listeners with ListenersNotValid', () => {
    const status = statusOf(
      reconcile({
        gateways: [
          gateway('web', [
            http,
            { name: 'q', port: 1, protocol: 'example.com/q' },
          ]),
        ],
      }),
      'web',
    );
    expect(conditionOf(status.conditions, 'Accepted')).toEqual({
      status: 'True',
      reason: 'ListenersNotValid',
    });
    expect(conditionOf(status.listeners[1].conditions, 'Accepted')).toEqual({
      status: 'False',
      reason: 'UnsupportedProtocol',
    });
  });

  it('reports InvalidCertificateRef until the Secret exists', () => {
    const https = {
      name: 'https',
      port: 443,
      protocol: 'HTTPS',
      tls: { certificateRefs: [{ name: 'web-tls' }] },
    };
    const before = statusOf(
      reconcile({ gateways: [gateway('web', [https])] }),
      'web',
    );
    expect(conditionOf(before.listeners[0].conditions, 'ResolvedRefs')).toEqual(
      {
        status: 'False',
        reason: 'InvalidCertificateRef',
      },
    );
    expect(conditionOf(before.listeners[0].conditions, 'Programmed')).toEqual({
      status: 'False',
      reason: 'Invalid',
    });
    const after = statusOf(
      reconcile({
        gateways: [gateway('web', [https])],
        secrets: [tlsSecret('web-tls', 'infra')],
      }),
      'web',
    );
    expect(
      conditionOf(after.listeners[0].conditions, 'ResolvedRefs')?.status,
    ).toBe('True');
  });

  it('ignores Gateways of classes it does not manage or that do not exist', () => {
    const result = reconcile({
      gatewayClasses: [
        gatewayClass('eg'),
        gatewayClass('other', { controllerName: 'example.com/other' }),
      ],
      gateways: [
        gateway('a', [http], { className: 'other' }),
        gateway('b', [http], { className: 'missing' }),
      ],
    });
    expect(result.updates.map(u => u.object.metadata.name)).toEqual(['eg']);
  });
});

describe('reconcileGatewayApi: objects it cannot handle', () => {
  it('skips and reports an object it cannot handle, and reconciles the rest', () => {
    const odd = gateway('odd', 'not a list' as any);
    const result = reconcile({
      gateways: [odd, gateway('web', [http])],
      httpRoutes: [route('r', 'infra', { parentRefs: [{ name: 'odd' }] })],
    });
    expect(result.failures).toEqual([
      expect.stringMatching(/^Object infra\/odd: /),
    ]);
    expect(statusOf(result, 'web')).toBeDefined();
    expect(statusOf(result, 'odd')).toBeUndefined();
    expect(statusOf(result, 'r')).toBeUndefined();
  });
});

describe('reconcileGatewayApi: Routes', () => {
  it('accepts a route and counts it on the matching listener', () => {
    const { result, parent } = routeParent(
      { sectionName: 'http' },
      { hostnames: ['a.example.com'] },
    );
    expect(parent).toMatchObject({
      controllerName: CONTROLLER,
      parentRef: {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'shared',
        sectionName: 'http',
      },
    });
    expect(conditionOf(parent.conditions, 'Accepted')).toEqual({
      status: 'True',
      reason: 'Accepted',
    });
    expect(conditionOf(parent.conditions, 'ResolvedRefs')).toEqual({
      status: 'True',
      reason: 'ResolvedRefs',
    });
    expect(parent.conditions[0].observedGeneration).toBe(5);
    expect(
      statusOf(result, 'shared').listeners.map((l: any) => l.attachedRoutes),
    ).toEqual([1, 0, 0, 0]);
  });

  it('attaches to every allowed listener when no sectionName is given', () => {
    const { result } = routeParent({}, { hostnames: ['a.example.com'] });
    expect(
      statusOf(result, 'shared').listeners.map((l: any) => l.attachedRoutes),
    ).toEqual([1, 1, 0, 0]);
  });

  it.each([
    [
      'an unknown sectionName',
      { sectionName: 'nope' },
      {},
      'team-a',
      'NoMatchingParent',
    ],
    [
      'a port no listener uses',
      { port: 1234 },
      {},
      'team-a',
      'NoMatchingParent',
    ],
    ['a missing Gateway', { name: 'gone' }, {}, 'team-a', 'NoMatchingParent'],
    [
      'a Gateway in its own namespace that does not exist',
      { namespace: undefined },
      {},
      'team-a',
      'NoMatchingParent',
    ],
    [
      'a namespace outside the selector',
      { sectionName: 'team' },
      {},
      'team-b',
      'NotAllowedByListeners',
    ],
    [
      'another namespace on a Same listener',
      { sectionName: 'local' },
      {},
      'team-a',
      'NotAllowedByListeners',
    ],
    [
      'a kind the listener does not serve',
      { sectionName: 'tls' },
      {},
      'team-a',
      'NotAllowedByListeners',
    ],
    [
      'no intersecting hostname',
      { sectionName: 'http' },
      { hostnames: ['example.com', 'a.example.net'] },
      'team-a',
      'NoMatchingListenerHostname',
    ],
  ])('refuses %s and attaches nowhere', (_, parentRef, spec, ns, reason) => {
    const { result, parent } = routeParent(parentRef, spec, ns);
    expect(conditionOf(parent.conditions, 'Accepted')).toEqual({
      status: 'False',
      reason,
    });
    const attached = statusOf(result, 'shared').listeners.map(
      (l: any) => l.attachedRoutes,
    );
    expect(attached).toEqual([0, 0, 0, 0]);
  });

  it('refuses an unsupported filter but still counts the attachment', () => {
    const { result, parent } = routeParent(
      { sectionName: 'http' },
      { rules: [{ filters: [{ type: 'ExternalAuth' }] }] },
    );
    expect(conditionOf(parent.conditions, 'Accepted')).toEqual({
      status: 'False',
      reason: 'UnsupportedValue',
    });
    const attached = statusOf(result, 'shared').listeners.map(
      (l: any) => l.attachedRoutes,
    );
    expect(attached).toEqual([1, 0, 0, 0]);
  });

  it('allows a Selector listener from a labelled namespace', () => {
    const { parent } = routeParent({ sectionName: 'team' });
    expect(conditionOf(parent.conditions, 'Accepted')?.status).toBe('True');
  });

  it('selects namespaces by the automatic kubernetes.io/metadata.name label', () => {
    const gw = gateway('g', [
      {
        ...http,
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: {
              matchExpressions: [
                {
                  key: 'kubernetes.io/metadata.name',
                  operator: 'In',
                  values: ['team-c'],
                },
              ],
            },
          },
        },
      },
    ]);
    const result = reconcile({
      gateways: [gw],
      httpRoutes: [
        route('r', 'team-c', {
          parentRefs: [{ name: 'g', namespace: 'infra' }],
        }),
      ],
    });
    expect(
      conditionOf(statusOf(result, 'r').parents[0].conditions, 'Accepted')
        ?.status,
    ).toBe('True');
  });

  it('accepts a TLSRoute on a passthrough listener', () => {
    const { parent } = routeParent(
      { sectionName: 'tls' },
      { hostnames: ['db.example.com'] },
      'infra',
      'tlsRoutes',
    );
    expect(conditionOf(parent.conditions, 'Accepted')).toEqual({
      status: 'True',
      reason: 'Accepted',
    });
  });

  it.each([
    ['a missing Service', [{ name: 'nope', port: 80 }], 'BackendNotFound'],
    [
      'a port not on the Service',
      [{ name: 'echo', port: 8080 }],
      'BackendNotFound',
    ],
    [
      'a cross-namespace Service without grant',
      [{ name: 'echo', namespace: 'infra', port: 80 }],
      'RefNotPermitted',
    ],
    [
      'an unsupported kind',
      [{ group: 'example.com', kind: 'Bucket', name: 'b' }],
      'InvalidKind',
    ],
  ])('reports ResolvedRefs=False for %s', (_, backendRefs, reason) => {
    const { parent } = routeParent(
      { sectionName: 'http' },
      { rules: [{ backendRefs }] },
    );
    expect(conditionOf(parent.conditions, 'ResolvedRefs')).toEqual({
      status: 'False',
      reason,
    });
    expect(conditionOf(parent.conditions, 'Accepted')?.status).toBe('True');
  });

  it('checks the backends of RequestMirror filters too', () => {
    const { parent } = routeParent(
      { sectionName: 'http' },
      {
        rules: [
          {
            filters: [
              {
                type: 'RequestMirror',
                requestMirror: { backendRef: { name: 'shadow', port: 80 } },
              },
            ],
            backendRefs: [{ name: 'echo', port: 80 }],
          },
        ],
      },
    );
    expect(conditionOf(parent.conditions, 'ResolvedRefs')).toEqual({
      status: 'False',
      reason: 'BackendNotFound',
    });
  });

  it('resolves a cross-namespace Service allowed by a ReferenceGrant', () => {
    const grant = {
      metadata: { name: 'g', namespace: 'infra' },
      spec: {
        from: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            namespace: 'team-a',
          },
        ],
        to: [{ group: '', kind: 'Service' }],
      },
    };
    const result = reconcile({
      gateways: [shared],
      services: backends,
      referenceGrants: [grant],
      httpRoutes: [
        route('r', 'team-a', {
          parentRefs: [{ name: 'shared', namespace: 'infra' }],
          rules: [
            { backendRefs: [{ name: 'echo', namespace: 'infra', port: 80 }] },
          ],
        }),
      ],
    });
    expect(
      conditionOf(statusOf(result, 'r').parents[0].conditions, 'ResolvedRefs')
        ?.status,
    ).toBe('True');
  });

  it("keeps other controllers' parents and leaves their Gateways alone", () => {
    const other = {
      controllerName: 'example.com/other',
      parentRef: { name: 'theirs' },
      conditions: [],
    };
    const result = reconcile({
      gatewayClasses: [
        gatewayClass('eg'),
        gatewayClass('other', { controllerName: 'example.com/other' }),
      ],
      gateways: [
        shared,
        gateway('theirs', [http], { namespace: 'team-a', className: 'other' }),
      ],
      httpRoutes: [
        route(
          'r',
          'team-a',
          {
            parentRefs: [
              { name: 'theirs' },
              { name: 'shared', namespace: 'infra' },
            ],
          },
          {
            parents: [
              other,
              {
                controllerName: CONTROLLER,
                parentRef: { name: 'stale' },
                conditions: [],
              },
            ],
          },
        ),
      ],
    });
    const parents = statusOf(result, 'r').parents;
    expect(parents).toHaveLength(2);
    expect(parents[0]).toBe(other);
    expect(parents[1].parentRef.name).toBe('shared');
  });

  it('writes nothing for a route with no parent of ours', () => {
    const result = reconcile({
      gatewayClasses: [
        gatewayClass('other', { controllerName: 'example.com/other' }),
      ],
      gateways: [gateway('theirs', [http], { className: 'other' })],
      httpRoutes: [route('r', 'infra', { parentRefs: [{ name: 'theirs' }] })],
    });
    expect(statusOf(result, 'r')).toBeUndefined();
  });
});
