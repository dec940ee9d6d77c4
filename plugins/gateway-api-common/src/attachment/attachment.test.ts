import {
  Certificate,
  Gateway,
  Namespace,
  ReferenceGrant,
  Route,
  Service,
} from '../types';
import {
  AttachmentInput,
  certificateCoversHostname,
  effectiveHostnames,
  predictAttachment,
} from './attachment';

const gateway: Gateway = {
  kind: 'Gateway',
  metadata: { namespace: 'gateway', name: 'shared' },
  spec: {
    gatewayClassName: 'eg',
    listeners: [
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: { matchLabels: { 'shared-gateway-access': 'true' } },
          },
        },
      },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.team-a.example.org',
        tls: { mode: 'Terminate', certificateRefs: [{ name: 'team-a-tls' }] },
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: {
              matchExpressions: [
                {
                  key: 'kubernetes.io/metadata.name',
                  operator: 'In',
                  values: ['tenant-team-a', 'apps'],
                },
              ],
            },
          },
        },
      },
      {
        name: 'tls',
        protocol: 'TLS',
        port: 443,
        hostname: 'db.team-a.example.org',
        tls: { mode: 'Passthrough' },
        allowedRoutes: { namespaces: { from: 'All' } },
      },
      { name: 'internal', protocol: 'HTTP', port: 8080 },
      {
        name: 'grpc-only',
        protocol: 'HTTP',
        port: 9090,
        allowedRoutes: {
          namespaces: { from: 'All' },
          kinds: [{ kind: 'GRPCRoute' }],
        },
      },
    ],
  },
};

const namespaces: Namespace[] = [
  { metadata: { name: 'apps', labels: { 'shared-gateway-access': 'true' } } },
  { metadata: { name: 'tenant-team-a' } },
  { metadata: { name: 'other' } },
];

const services: Service[] = [
  {
    metadata: { namespace: 'apps', name: 'web' },
    spec: { ports: [{ port: 8080 }] },
  },
  {
    metadata: { namespace: 'backend', name: 'api' },
    spec: { ports: [{ port: 80 }] },
  },
  {
    metadata: { namespace: 'gateway', name: 'internal' },
    spec: { ports: [{ port: 80 }] },
  },
];

const certificates: Certificate[] = [
  {
    metadata: { namespace: 'gateway', name: 'team-a' },
    spec: {
      secretName: 'team-a-tls',
      dnsNames: ['app.team-a.example.org', 'api.team-a.example.org'],
    },
  },
];

const referenceGrants: ReferenceGrant[] = [
  {
    metadata: { namespace: 'backend', name: 'from-apps' },
    spec: {
      from: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          namespace: 'apps',
        },
      ],
      to: [{ group: '', kind: 'Service' }],
    },
  },
];

function httpRoute(
  namespace: string,
  spec: Route['spec'],
  kind: Route['kind'] = 'HTTPRoute',
): Route {
  return { kind, metadata: { namespace, name: 'r' }, spec } as Route;
}

const toShared = { name: 'shared', namespace: 'gateway' };
const web = [{ backendRefs: [{ name: 'web', port: 8080 }] }];

function predict(route: Route, extra: Partial<AttachmentInput> = {}) {
  return predictAttachment({
    gateways: [gateway],
    routes: [route],
    namespaces,
    services,
    secrets: [{ namespace: 'gateway', name: 'team-a-tls' }],
    referenceGrants,
    certificates,
    ...extra,
  });
}

describe('predictAttachment: Accepted', () => {
  it.each<[string, Route, string, string[], string[]]>([
    [
      'an HTTPRoute on the HTTPS listener',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['app.team-a.example.org'],
        rules: web,
      }),
      'Accepted',
      ['https'],
      [],
    ],
    [
      'an HTTPRoute without sectionName on every listener that admits it',
      httpRoute('apps', {
        parentRefs: [toShared],
        hostnames: ['app.team-a.example.org'],
        rules: web,
      }),
      'Accepted',
      ['http', 'https'],
      [],
    ],
    [
      'an HTTPRoute selected by port',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, port: 443 }],
        hostnames: ['app.team-a.example.org'],
        rules: web,
      }),
      'Accepted',
      ['https'],
      [],
    ],
    [
      'an HTTPRoute from a namespace selected by name',
      httpRoute('tenant-team-a', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['api.team-a.example.org'],
      }),
      'Accepted',
      ['https'],
      [],
    ],
    [
      'an HTTPRoute from an unlabelled namespace',
      httpRoute('other', {
        parentRefs: [{ ...toShared, sectionName: 'http' }],
      }),
      'NotAllowedByListeners',
      [],
      ['namespaceNotAllowedByListener'],
    ],
    [
      'an HTTPRoute from a namespace not in the name list',
      httpRoute('other', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['app.team-a.example.org'],
      }),
      'NotAllowedByListeners',
      [],
      ['namespaceNotAllowedByListener'],
    ],
    [
      'an HTTPRoute from another namespace on a Same listener',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'internal' }],
      }),
      'NotAllowedByListeners',
      [],
      ['namespaceNotAllowedByListener'],
    ],
    [
      'an HTTPRoute in the Gateway namespace on a Same listener',
      httpRoute('gateway', {
        parentRefs: [{ ...toShared, sectionName: 'internal' }],
      }),
      'Accepted',
      ['internal'],
      [],
    ],
    [
      'an HTTPRoute on a listener that only allows GRPCRoute',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'grpc-only' }],
      }),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'a GRPCRoute on a listener that only allows GRPCRoute',
      httpRoute(
        'apps',
        { parentRefs: [{ ...toShared, sectionName: 'grpc-only' }] },
        'GRPCRoute',
      ),
      'Accepted',
      ['grpc-only'],
      [],
    ],
    [
      'an HTTPRoute on a TLS listener',
      httpRoute('apps', { parentRefs: [{ ...toShared, sectionName: 'tls' }] }),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'a TLSRoute on the Passthrough listener',
      httpRoute(
        'other',
        {
          parentRefs: [{ ...toShared, sectionName: 'tls' }],
          hostnames: ['db.team-a.example.org'],
        },
        'TLSRoute',
      ),
      'Accepted',
      ['tls'],
      [],
    ],
    [
      'a TLSRoute on an HTTPS listener',
      httpRoute(
        'apps',
        { parentRefs: [{ ...toShared, sectionName: 'https' }] },
        'TLSRoute',
      ),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'a TLSRoute with another hostname',
      httpRoute(
        'other',
        {
          parentRefs: [{ ...toShared, sectionName: 'tls' }],
          hostnames: ['web.team-a.example.org'],
        },
        'TLSRoute',
      ),
      'NoMatchingListenerHostname',
      [],
      [],
    ],
    [
      'an HTTPRoute for the apex of the wildcard',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['team-a.example.org'],
      }),
      'NoMatchingListenerHostname',
      [],
      [],
    ],
    [
      'an HTTPRoute for a look-alike domain',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['app.evil-team-a.example.org'],
      }),
      'NoMatchingListenerHostname',
      [],
      [],
    ],
    [
      'an HTTPRoute whose one hostname matches',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['app.team-a.example.org', 'app.example.net'],
      }),
      'Accepted',
      ['https'],
      [],
    ],
    [
      'a parentRef without namespace',
      httpRoute('apps', { parentRefs: [{ name: 'shared' }] }),
      'NoMatchingParent',
      [],
      ['parentRefWithoutNamespace'],
    ],
    [
      'a parentRef to a missing Gateway',
      httpRoute('apps', {
        parentRefs: [{ name: 'nope', namespace: 'gateway' }],
      }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'a parentRef to a missing sectionName',
      httpRoute('apps', { parentRefs: [{ ...toShared, sectionName: 'nope' }] }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'a parentRef to a missing port',
      httpRoute('apps', { parentRefs: [{ ...toShared, port: 1234 }] }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'a parentRef whose sectionName and port disagree',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https', port: 80 }],
      }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'a parentRef to a Service (mesh)',
      httpRoute('apps', {
        parentRefs: [{ group: '', kind: 'Service', name: 'web' }],
      }),
      'UnsupportedValue',
      [],
      [],
    ],
    [
      'a wildcard hostname without a certificate',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['*.team-a.example.org'],
      }),
      'Accepted',
      ['https'],
      ['noCertificateForHostname'],
    ],
    [
      'a hostname the certificate does not cover',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['new.team-a.example.org'],
      }),
      'Accepted',
      ['https'],
      ['noCertificateForHostname'],
    ],
  ])('%s -> %s', (_, route, reason, listeners, mistakes) => {
    const [parent] = predict(route).routes[0].parents;
    expect(parent.accepted.reason).toBe(reason);
    expect(parent.accepted.status).toBe(
      reason === 'Accepted' ? 'True' : 'False',
    );
    expect(parent.accepted.message).not.toBe('');
    expect(parent.listeners.map(l => l.listenerName)).toEqual(listeners);
    expect(parent.mistakes).toEqual(mistakes);
  });

  it('explains the classic parentRef-without-namespace mistake in the message', () => {
    const [parent] = predict(
      httpRoute('apps', { parentRefs: [{ name: 'shared' }] }),
    ).routes[0].parents;
    expect(parent.parentRef).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'apps',
      name: 'shared',
    });
    expect(parent.accepted.message).toMatch(/is in namespace "gateway"/);
  });

  it.each<[string, Route, RegExp]>([
    [
      'a Same listener',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'internal' }],
      }),
      /the Gateway's namespace "gateway" only, and namespace "apps" is not one of them/,
    ],
    [
      'a Selector listener',
      httpRoute('other', {
        parentRefs: [{ ...toShared, sectionName: 'http' }],
      }),
      /namespaces matching its allowedRoutes selector, and namespace "other"/,
    ],
    [
      'a missing sectionName and port',
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'x', port: 1 }],
      }),
      /has no listener named "x" on port 1\./,
    ],
  ])('explains the refusal by %s', (_, route, message) => {
    expect(predict(route).routes[0].parents[0].accepted.message).toMatch(
      message,
    );
  });

  it('explains a Gateway without listeners', () => {
    const prediction = predict(httpRoute('apps', { parentRefs: [toShared] }), {
      gateways: [{ metadata: { namespace: 'gateway', name: 'shared' } }],
    });
    expect(prediction.routes[0].parents[0].accepted.message).toBe(
      'Gateway "gateway/shared" has no listeners.',
    );
  });

  it('gives the hostnames and URLs served on each listener', () => {
    const route = httpRoute('apps', {
      parentRefs: [toShared],
      hostnames: ['app.team-a.example.org', '*.wild.team-a.example.org'],
    });
    expect(predict(route).routes[0].parents[0].listeners).toEqual([
      {
        listenerName: 'http',
        hostnames: ['app.team-a.example.org', '*.wild.team-a.example.org'],
        anyHostname: false,
        urls: ['http://app.team-a.example.org/'],
      },
      {
        listenerName: 'https',
        hostnames: ['app.team-a.example.org', '*.wild.team-a.example.org'],
        anyHostname: false,
        urls: ['https://app.team-a.example.org/'],
      },
    ]);
  });

  it('predicts one result per parentRef', () => {
    const route = httpRoute('apps', {
      parentRefs: [{ ...toShared, sectionName: 'https' }, { name: 'shared' }],
      hostnames: ['app.team-a.example.org'],
    });
    expect(
      predict(route).routes[0].parents.map(p => p.accepted.reason),
    ).toEqual(['Accepted', 'NoMatchingParent']);
  });

  it('honours TLSRoute on TLS Terminate listeners only when the implementation supports it', () => {
    const terminate: Gateway = {
      metadata: { namespace: 'gateway', name: 'shared' },
      spec: {
        listeners: [
          {
            name: 'tls',
            protocol: 'TLS',
            port: 8443,
            tls: { certificateRefs: [{ name: 'team-a-tls' }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    };
    const route = httpRoute('apps', { parentRefs: [toShared] }, 'TLSRoute');
    expect(
      predict(route, { gateways: [terminate] }).routes[0].parents[0].accepted
        .reason,
    ).toBe('NotAllowedByListeners');
    expect(
      predict(route, {
        gateways: [terminate],
        options: { tlsRouteModeTerminate: true },
      }).routes[0].parents[0].accepted.reason,
    ).toBe('Accepted');
  });
});

describe('predictAttachment: ResolvedRefs', () => {
  const parentRefs = [{ ...toShared, sectionName: 'http' }];
  it.each<[string, Route['spec'], string]>([
    [
      'a Service in the same namespace',
      { parentRefs, rules: web },
      'ResolvedRefs',
    ],
    ['no backendRefs at all', { parentRefs, rules: [{}] }, 'ResolvedRefs'],
    ['no rules', { parentRefs }, 'ResolvedRefs'],
    [
      'a missing Service',
      { parentRefs, rules: [{ backendRefs: [{ name: 'nope', port: 80 }] }] },
      'BackendNotFound',
    ],
    [
      'a missing port',
      { parentRefs, rules: [{ backendRefs: [{ name: 'web', port: 9999 }] }] },
      'BackendNotFound',
    ],
    [
      'a cross-namespace Service with a ReferenceGrant',
      {
        parentRefs,
        rules: [
          { backendRefs: [{ name: 'api', namespace: 'backend', port: 80 }] },
        ],
      },
      'ResolvedRefs',
    ],
    [
      'a cross-namespace Service without a ReferenceGrant',
      {
        parentRefs,
        rules: [
          {
            backendRefs: [{ name: 'internal', namespace: 'gateway', port: 80 }],
          },
        ],
      },
      'RefNotPermitted',
    ],
    [
      'a backendRef of another kind',
      {
        parentRefs,
        rules: [
          {
            backendRefs: [
              {
                group: 'multicluster.x-k8s.io',
                kind: 'ServiceImport',
                name: 'web',
              },
            ],
          },
        ],
      },
      'InvalidKind',
    ],
    [
      'an explicit core Service',
      {
        parentRefs,
        rules: [
          {
            backendRefs: [
              { group: '', kind: 'Service', name: 'web', port: 8080 },
            ],
          },
        ],
      },
      'ResolvedRefs',
    ],
    [
      'several problems: the kind first',
      {
        parentRefs,
        rules: [
          { backendRefs: [{ name: 'nope', port: 80 }] },
          { backendRefs: [{ kind: 'Bucket', name: 'b' }] },
        ],
      },
      'InvalidKind',
    ],
    [
      'several problems: the grant before the Service',
      {
        parentRefs,
        rules: [
          {
            backendRefs: [
              { name: 'nope', port: 80 },
              { name: 'internal', namespace: 'gateway', port: 80 },
            ],
          },
        ],
      },
      'RefNotPermitted',
    ],
  ])('%s -> %s', (_, spec, reason) => {
    const [parent] = predict(httpRoute('apps', spec)).routes[0].parents;
    expect(parent.resolvedRefs.reason).toBe(reason);
    expect(parent.resolvedRefs.status).toBe(
      reason === 'ResolvedRefs' ? 'True' : 'False',
    );
    expect(parent.mistakes.includes('missingReferenceGrant')).toBe(
      reason === 'RefNotPermitted',
    );
  });

  it('checks the ReferenceGrant against the route kind', () => {
    const route = httpRoute(
      'apps',
      {
        parentRefs,
        rules: [
          { backendRefs: [{ name: 'api', namespace: 'backend', port: 80 }] },
        ],
      },
      'GRPCRoute',
    );
    expect(predict(route).routes[0].parents[0].resolvedRefs.reason).toBe(
      'RefNotPermitted',
    );
  });

  it('lists every problem in the message', () => {
    const route = httpRoute('apps', {
      parentRefs,
      rules: [
        {
          backendRefs: [
            { name: 'a', port: 1 },
            { name: 'b', port: 1 },
          ],
        },
      ],
    });
    expect(predict(route).routes[0].parents[0].resolvedRefs.message).toMatch(
      /"apps\/a".*"apps\/b"/,
    );
  });
});

describe('predictAttachment: listeners', () => {
  const listenerGateway = (
    listeners: NonNullable<Gateway['spec']>['listeners'],
  ): Gateway => ({
    metadata: { namespace: 'gw', name: 'g' },
    spec: { listeners },
  });
  const https = (
    name: string,
    certificateRefs: object[] | undefined,
    extra: object = {},
  ) => ({
    name,
    protocol: 'HTTPS',
    port: 443,
    hostname: `${name}.example.org`,
    tls: { certificateRefs },
    ...extra,
  });
  it.each<
    [string, NonNullable<Gateway['spec']>['listeners'], string, string, string]
  >([
    [
      'a plain HTTP listener',
      [{ name: 'l', protocol: 'HTTP', port: 80 }],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'an unknown protocol',
      [{ name: 'l', protocol: 'example.com/quic', port: 80 }],
      'UnsupportedProtocol',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'an HTTPS listener with its Secret',
      [https('l', [{ name: 'cert' }])],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'an HTTPS listener without certificateRefs',
      [https('l', undefined)],
      'Accepted',
      'InvalidCertificateRef',
      'NoConflicts',
    ],
    [
      'an HTTPS listener with a missing Secret',
      [https('l', [{ name: 'nope' }])],
      'Accepted',
      'InvalidCertificateRef',
      'NoConflicts',
    ],
    [
      'an HTTPS listener referencing a ConfigMap',
      [https('l', [{ kind: 'ConfigMap', name: 'cert' }])],
      'Accepted',
      'InvalidCertificateRef',
      'NoConflicts',
    ],
    [
      'an HTTPS listener with a cross-namespace Secret and no grant',
      [https('l', [{ name: 'shared-cert', namespace: 'certs' }])],
      'Accepted',
      'RefNotPermitted',
      'NoConflicts',
    ],
    [
      'an HTTPS listener with a cross-namespace Secret and a grant',
      [https('l', [{ name: 'cert', namespace: 'certs' }])],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'a TLS Passthrough listener needs no Secret',
      [{ name: 'l', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' } }],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'a TLS Terminate listener needs a Secret',
      [{ name: 'l', protocol: 'TLS', port: 443, tls: { mode: 'Terminate' } }],
      'Accepted',
      'InvalidCertificateRef',
      'NoConflicts',
    ],
    [
      'an HTTP listener allowing TLSRoute',
      [
        {
          name: 'l',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: { kinds: [{ kind: 'TLSRoute' }] },
        },
      ],
      'Accepted',
      'InvalidRouteKinds',
      'NoConflicts',
    ],
    [
      'a listener allowing a kind of another group',
      [
        {
          name: 'l',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: {
            kinds: [{ group: 'example.com', kind: 'HTTPRoute' }],
          },
        },
      ],
      'Accepted',
      'InvalidRouteKinds',
      'NoConflicts',
    ],
    [
      'HTTP and HTTPS on one port',
      [
        { name: 'l', protocol: 'HTTP', port: 443 },
        https('other', [{ name: 'cert' }]),
      ],
      'Accepted',
      'ResolvedRefs',
      'ProtocolConflict',
    ],
    [
      'two HTTP listeners with one hostname',
      [
        { name: 'l', protocol: 'HTTP', port: 80, hostname: 'a.example.org' },
        { name: 'm', protocol: 'HTTP', port: 80, hostname: 'a.example.org' },
      ],
      'Accepted',
      'ResolvedRefs',
      'HostnameConflict',
    ],
    [
      'two HTTP listeners without hostname',
      [
        { name: 'l', protocol: 'HTTP', port: 80 },
        { name: 'm', protocol: 'HTTP', port: 80 },
      ],
      'Accepted',
      'ResolvedRefs',
      'HostnameConflict',
    ],
    [
      'two HTTP listeners with different hostnames',
      [
        { name: 'l', protocol: 'HTTP', port: 80, hostname: 'a.example.org' },
        { name: 'm', protocol: 'HTTP', port: 80, hostname: 'b.example.org' },
      ],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'HTTPS and TLS with different hostnames on one port',
      [
        https('l', [{ name: 'cert' }]),
        {
          name: 'm',
          protocol: 'TLS',
          port: 443,
          hostname: 'db.example.org',
          tls: { mode: 'Passthrough' },
        },
      ],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
    [
      'TCP and UDP on one port',
      [
        { name: 'l', protocol: 'TCP', port: 53 },
        { name: 'm', protocol: 'UDP', port: 53 },
      ],
      'Accepted',
      'ResolvedRefs',
      'NoConflicts',
    ],
  ])(
    '%s -> %s, %s, %s',
    (_, listeners, acceptedReason, resolvedRefsReason, conflictedReason) => {
      const prediction = predictAttachment({
        gateways: [listenerGateway(listeners)],
        routes: [],
        secrets: [
          { metadata: { namespace: 'gw', name: 'cert' } },
          { namespace: 'certs', name: 'cert' },
          { namespace: 'certs', name: 'shared-cert' },
        ],
        referenceGrants: [
          {
            metadata: { namespace: 'certs', name: 'g' },
            spec: {
              from: [
                {
                  group: 'gateway.networking.k8s.io',
                  kind: 'Gateway',
                  namespace: 'gw',
                },
              ],
              to: [{ group: '', kind: 'Secret', name: 'cert' }],
            },
          },
        ],
      });
      const [listener] = prediction.listeners;
      expect(listener.accepted.reason).toBe(acceptedReason);
      expect(listener.resolvedRefs.reason).toBe(resolvedRefsReason);
      expect(listener.conflicted.reason).toBe(conflictedReason);
      expect(listener.conflicted.status).toBe(
        conflictedReason === 'NoConflicts' ? 'False' : 'True',
      );
    },
  );

  it('reports supportedKinds and counts attached routes', () => {
    const routes = [
      httpRoute('apps', {
        parentRefs: [toShared],
        hostnames: ['app.team-a.example.org'],
      }),
      httpRoute('apps', {
        parentRefs: [{ ...toShared, sectionName: 'https' }],
        hostnames: ['api.team-a.example.org'],
      }),
      httpRoute(
        'other',
        { parentRefs: [{ ...toShared, sectionName: 'tls' }] },
        'TLSRoute',
      ),
    ];
    const prediction = predict(routes[0], { routes });
    expect(
      prediction.listeners.map(l => [
        l.listenerName,
        l.attachedRoutes,
        l.supportedKinds.map(k => k.kind),
      ]),
    ).toEqual([
      ['http', 1, ['HTTPRoute', 'GRPCRoute']],
      ['https', 2, ['HTTPRoute', 'GRPCRoute']],
      ['tls', 1, ['TLSRoute']],
      ['internal', 0, ['HTTPRoute', 'GRPCRoute']],
      ['grpc-only', 0, ['GRPCRoute']],
    ]);
  });

  it.each([
    ['objects', [{ metadata: { namespace: 'gw', name: 'cert' } }]],
    ['pairs', [{ namespace: 'gw', name: 'cert' }]],
    ['a set of refs', new Set(['gw/cert'])],
  ])('takes existing Secrets as %s', (_, secrets) => {
    const prediction = predictAttachment({
      gateways: [listenerGateway([https('l', [{ name: 'cert' }])])],
      routes: [],
      secrets,
    });
    expect(prediction.listeners[0].resolvedRefs.reason).toBe('ResolvedRefs');
  });

  it('survives empty and malformed objects', () => {
    const prediction = predictAttachment({
      gateways: [{}, { spec: { listeners: [{}] } }],
      routes: [
        { kind: 'HTTPRoute' },
        {
          kind: 'HTTPRoute',
          spec: { parentRefs: [{}], rules: [{ backendRefs: [{}] }] },
        },
      ],
      secrets: [{}],
    });
    expect(prediction.routes[1].parents[0].accepted.reason).toBe(
      'NoMatchingParent',
    );
    expect(prediction.listeners).toHaveLength(1);
  });
});

describe('effectiveHostnames', () => {
  it.each<
    [
      string | undefined,
      string[] | undefined,
      ReturnType<typeof effectiveHostnames>,
    ]
  >([
    [undefined, undefined, { hostnames: [], anyHostname: true }],
    ['', [], { hostnames: [], anyHostname: true }],
    [
      undefined,
      ['a.example.com', 'A.example.com'],
      { hostnames: ['a.example.com'], anyHostname: false },
    ],
    [
      'test.example.com',
      undefined,
      { hostnames: ['test.example.com'], anyHostname: false },
    ],
    [
      'test.example.com',
      ['test.example.com'],
      { hostnames: ['test.example.com'], anyHostname: false },
    ],
    [
      'test.example.com',
      ['*.example.com'],
      { hostnames: ['test.example.com'], anyHostname: false },
    ],
    ['test.example.com', ['other.example.com'], undefined],
    [
      '*.example.com',
      undefined,
      { hostnames: ['*.example.com'], anyHostname: false },
    ],
    [
      '*.example.com',
      [
        'foo.example.com',
        'foo.bar.example.com',
        'example.com',
        'test.example.net',
      ],
      {
        hostnames: ['foo.example.com', 'foo.bar.example.com'],
        anyHostname: false,
      },
    ],
    [
      '*.example.com',
      ['*.foo.example.com'],
      { hostnames: ['*.foo.example.com'], anyHostname: false },
    ],
    ['*.example.com', ['example.com'], undefined],
  ])('listener %p, route %p -> %p', (listener, routes, expected) => {
    expect(effectiveHostnames(listener, routes)).toEqual(expected);
  });
});

describe('certificateCoversHostname', () => {
  it.each([
    [['app.example.org'], 'app.example.org', true],
    [['*.example.org'], 'app.example.org', true],
    [['*.example.org'], 'a.b.example.org', false],
    [['*.example.org'], 'example.org', false],
    [['*.example.org'], '*.example.org', true],
    [['app.example.org'], '*.example.org', false],
    [['APP.example.org'], 'app.example.org', true],
    [[], 'app.example.org', false],
  ])('%p covers %p -> %p', (dnsNames, hostname, expected) => {
    expect(certificateCoversHostname(dnsNames, hostname)).toBe(expected);
  });
});
