import {
  interpretListenerSetPrediction,
  interpretListenerSetStatus,
  interpretParentAttachment,
} from '../conditions';
import {
  Certificate,
  Gateway,
  Listener,
  ListenerSet,
  Namespace,
  Route,
} from '../types';
import { AttachmentInput, predictAttachment } from './attachment';
import {
  compareListenerSets,
  effectiveListeners,
  gatewayAllowsListenerSet,
  predictListenerSets,
} from './listenerSets';

const https = (name: string, hostname?: string, secret = 'tls'): Listener => ({
  name,
  protocol: 'HTTPS',
  port: 443,
  ...(hostname && { hostname }),
  tls: { mode: 'Terminate', certificateRefs: [{ name: secret }] },
});

const shared = (
  allowedListeners?: NonNullable<Gateway['spec']>['allowedListeners'],
  listeners: Listener[] = [
    { name: 'http', protocol: 'HTTP', port: 80 },
    https('wildcard', '*.platform.example.org'),
  ],
): Gateway => ({
  kind: 'Gateway',
  metadata: { namespace: 'gateway', name: 'shared' },
  spec: {
    gatewayClassName: 'eg',
    listeners,
    ...(allowedListeners && { allowedListeners }),
  },
});

const bySelector = {
  namespaces: {
    from: 'Selector',
    selector: { matchLabels: { 'gatehouse.dev/tenant': 'team-a' } },
  },
};

const namespaces: Namespace[] = [
  {
    metadata: {
      name: 'tenant-team-a',
      labels: { 'gatehouse.dev/tenant': 'team-a' },
    },
  },
  {
    metadata: { name: 'apps-a', labels: { 'gatehouse.dev/tenant': 'team-a' } },
  },
  { metadata: { name: 'tenant-team-b' } },
];

const listenerSet = (
  namespace: string,
  name: string,
  listeners: Listener[],
  extra: {
    created?: string;
    parentRef?: NonNullable<ListenerSet['spec']>['parentRef'];
  } = {},
): ListenerSet => ({
  kind: 'ListenerSet',
  metadata: {
    namespace,
    name,
    ...(extra.created && { creationTimestamp: extra.created }),
  },
  spec: {
    parentRef: extra.parentRef ?? {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'shared',
      namespace: 'gateway',
    },
    listeners,
  },
});

const teamA = (
  listeners: Listener[] = [https('app', 'app.team-a.example.org')],
) =>
  listenerSet('tenant-team-a', 'team-a', listeners, {
    created: '2026-01-02T00:00:00Z',
  });

describe('gatewayAllowsListenerSet', () => {
  it.each<[string, Gateway, string, boolean]>([
    ['no allowedListeners (None by default)', shared(), 'gateway', false],
    ['None', shared({ namespaces: { from: 'None' } }), 'gateway', false],
    [
      'Same, same namespace',
      shared({ namespaces: { from: 'Same' } }),
      'gateway',
      true,
    ],
    [
      'Same, another namespace',
      shared({ namespaces: { from: 'Same' } }),
      'tenant-team-a',
      false,
    ],
    ['All', shared({ namespaces: { from: 'All' } }), 'tenant-team-b', true],
    ['Selector matching the label', shared(bySelector), 'tenant-team-a', true],
    ['Selector not matching', shared(bySelector), 'tenant-team-b', false],
    [
      'Selector on the unspoofable name label',
      shared({
        namespaces: {
          from: 'Selector',
          selector: {
            matchExpressions: [
              {
                key: 'kubernetes.io/metadata.name',
                operator: 'In',
                values: ['tenant-team-b'],
              },
            ],
          },
        },
      }),
      'tenant-team-b',
      true,
    ],
    [
      'Selector without a selector admits nothing',
      shared({ namespaces: { from: 'Selector' } }),
      'tenant-team-a',
      false,
    ],
    [
      'an unknown value admits nothing',
      shared({ namespaces: { from: 'Some' } }),
      'gateway',
      false,
    ],
  ])('%s', (_name, gateway, namespace, allowed) => {
    const labels = namespaces.find(n => n.metadata?.name === namespace)
      ?.metadata?.labels;
    expect(gatewayAllowsListenerSet(gateway, namespace, labels)).toBe(allowed);
  });
});

describe('effectiveListeners', () => {
  const older = listenerSet(
    'tenant-team-b',
    'b',
    [https('x', 'b.example.org')],
    {
      created: '2026-01-01T00:00:00Z',
    },
  );
  const newer = listenerSet(
    'tenant-team-a',
    'a',
    [https('x', 'a.example.org')],
    {
      created: '2026-01-03T00:00:00Z',
    },
  );
  const sameAgeZ = listenerSet('apps-a', 'z', [https('x', 'z.example.org')], {
    created: '2026-01-03T00:00:00Z',
  });
  const gateway = shared({ namespaces: { from: 'All' } });
  const order = (sets: ListenerSet[]) =>
    effectiveListeners(gateway, sets, namespaces).map(
      e =>
        `${
          e.listenerSet
            ? `${e.listenerSet.namespace}/${e.listenerSet.name}`
            : 'gateway'
        }:${e.listener.name}`,
    );

  it("puts the Gateway's own listeners first, then ListenerSets oldest first, then by namespace/name", () => {
    expect(order([sameAgeZ, newer, older])).toEqual([
      'gateway:http',
      'gateway:wildcard',
      'tenant-team-b/b:x',
      'apps-a/z:x',
      'tenant-team-a/a:x',
    ]);
    expect([sameAgeZ, newer, older].sort(compareListenerSets)).toEqual([
      older,
      sameAgeZ,
      newer,
    ]);
  });

  it('leaves out ListenerSets the Gateway does not admit or that name another Gateway', () => {
    const elsewhere = listenerSet('tenant-team-a', 'other', [https('y')], {
      parentRef: { name: 'other', namespace: 'gateway' },
    });
    expect(
      effectiveListeners(
        shared(bySelector),
        [older, newer, elsewhere],
        namespaces,
      )
        .filter(e => e.listenerSet)
        .map(e => e.listenerSet!.name),
    ).toEqual(['a']);
    expect(
      effectiveListeners(shared(), [older, newer], namespaces).filter(
        e => e.listenerSet,
      ),
    ).toEqual([]);
  });

  it.each<[string, Listener[], Listener, string, string]>([
    [
      "the Gateway's hostname on the same port",
      [https('wildcard', '*.platform.example.org')],
      https('mine', '*.platform.example.org'),
      'HostnameConflict',
      'listener "wildcard" of Gateway "gateway/shared"',
    ],
    [
      "HTTP on the Gateway's HTTPS port",
      [https('wildcard', '*.platform.example.org')],
      { name: 'plain', protocol: 'HTTP', port: 443 },
      'ProtocolConflict',
      'incompatible protocol',
    ],
    [
      'HTTPS and TLS on one port with the same hostname',
      [
        {
          name: 'tls',
          protocol: 'TLS',
          port: 443,
          hostname: 'db.team-a.example.org',
          tls: { mode: 'Passthrough' },
        },
      ],
      https('db', 'db.team-a.example.org'),
      'HostnameConflict',
      'already serves',
    ],
  ])(
    'a ListenerSet listener is Conflicted by %s',
    (_n, own, mine, reason, words) => {
      const [, entry] = effectiveListeners(
        shared({ namespaces: { from: 'All' } }, own),
        [teamA([mine])],
        namespaces,
      );
      expect(entry.conflicted).toMatchObject({ status: 'True', reason });
      expect(entry.conflicted.message).toContain(words);
    },
  );

  it('keeps the older ListenerSet and conflicts the newer, without naming the other tenant', () => {
    const first = listenerSet(
      'tenant-team-b',
      'b',
      [https('x', 'same.example.org')],
      {
        created: '2026-01-01T00:00:00Z',
      },
    );
    const second = listenerSet(
      'tenant-team-a',
      'a',
      [https('x', 'same.example.org')],
      {
        created: '2026-01-02T00:00:00Z',
      },
    );
    const merged = effectiveListeners(
      shared({ namespaces: { from: 'All' } }, []),
      [second, first],
    );
    expect(merged.map(e => [e.listenerSet!.name, e.conflicted.status])).toEqual(
      [
        ['b', 'False'],
        ['a', 'True'],
      ],
    );
    expect(merged[1].conflicted.message).toContain('an older ListenerSet');
    expect(merged[1].conflicted.message).not.toContain('tenant-team-b');
  });

  it("never conflicts the Gateway's own listeners with a ListenerSet's (the Gateway comes first)", () => {
    const merged = effectiveListeners(
      shared({ namespaces: { from: 'All' } }, [
        https('wildcard', 'same.example.org'),
      ]),
      [teamA([https('mine', 'same.example.org')])],
    );
    expect(merged.map(e => e.conflicted.status)).toEqual(['False', 'True']);
  });

  it('distinct hostnames and ports merge without conflicts; names may repeat across resources', () => {
    const merged = effectiveListeners(
      shared({ namespaces: { from: 'All' } }, [
        https('https', 'gw.example.org'),
      ]),
      [
        teamA([https('https', 'a.example.org')]),
        listenerSet('tenant-team-b', 'b', [https('https', 'b.example.org')]),
      ],
    );
    expect(merged.map(e => e.conflicted.status)).toEqual([
      'False',
      'False',
      'False',
    ]);
  });
});

describe('predictListenerSets: Accepted', () => {
  const predict = (gateway: Gateway | undefined, sets: ListenerSet[]) =>
    predictListenerSets({
      gateways: gateway ? [gateway] : [],
      listenerSets: sets,
      namespaces,
      secrets: new Set(['tenant-team-a/tls']),
    });

  it.each<[string, Gateway | undefined, ListenerSet, string, string, string[]]>(
    [
      [
        'admitted by selector',
        shared(bySelector),
        teamA(),
        'True',
        'Accepted',
        [],
      ],
      [
        'no allowedListeners',
        shared(),
        teamA(),
        'False',
        'NotAllowed',
        ['listenerSetNotAllowed'],
      ],
      [
        'allowedListeners Same, ListenerSet in a tenant namespace',
        shared({ namespaces: { from: 'Same' } }),
        teamA(),
        'False',
        'NotAllowed',
        ['listenerSetNotAllowed'],
      ],
      [
        'selector that does not match the namespace',
        shared(bySelector),
        listenerSet('tenant-team-b', 'b', [https('x', 'b.example.org')]),
        'False',
        'NotAllowed',
        ['listenerSetNotAllowed'],
      ],
      [
        'parent Gateway missing',
        undefined,
        teamA(),
        'False',
        'ParentNotAccepted',
        ['listenerSetParentNotFound'],
      ],
      [
        'parentRef without namespace looks in its own namespace',
        shared(bySelector),
        listenerSet('tenant-team-a', 'a', [https('x', 'a.example.org')], {
          parentRef: { name: 'shared' },
        }),
        'False',
        'ParentNotAccepted',
        ['listenerSetParentNotFound'],
      ],
      [
        'parentRef to something other than a Gateway',
        shared(bySelector),
        listenerSet('tenant-team-a', 'a', [https('x')], {
          parentRef: { kind: 'Service', name: 'shared', namespace: 'gateway' },
        }),
        'False',
        'Invalid',
        [],
      ],
      [
        'its only listener conflicts with the Gateway',
        shared(bySelector),
        teamA([https('mine', '*.platform.example.org')]),
        'False',
        'ListenersNotValid',
        ['listenerConflict'],
      ],
      [
        'one of two listeners conflicts (the other still serves)',
        shared(bySelector),
        teamA([
          https('mine', '*.platform.example.org'),
          https('app', 'app.team-a.example.org'),
        ]),
        'True',
        'ListenersNotValid',
        ['listenerConflict'],
      ],
      [
        'a listener with an unsupported protocol',
        shared(bySelector),
        teamA([{ name: 'sctp', protocol: 'SCTP', port: 9 }]),
        'False',
        'ListenersNotValid',
        [],
      ],
    ],
  )('%s', (_name, gateway, set, status, reason, mistakes) => {
    const [prediction] = predict(gateway, [set]);
    expect(prediction.accepted).toMatchObject({
      type: 'Accepted',
      status,
      reason,
    });
    expect(prediction.mistakes).toEqual(mistakes);
    expect(prediction.gateway.name).toBe(set.spec?.parentRef?.name ?? 'shared');
  });

  it('a Gateway reported not Accepted makes its ListenerSets ParentNotAccepted', () => {
    const gateway = {
      ...shared(bySelector),
      status: {
        conditions: [{ type: 'Accepted', status: 'False', reason: 'Invalid' }],
      },
    };
    expect(predict(gateway, [teamA()])[0].accepted).toMatchObject({
      status: 'False',
      reason: 'ParentNotAccepted',
    });
  });

  it("predicts each listener's conditions: a conflicted one is not Accepted, certificates resolve in the ListenerSet's namespace", () => {
    const [prediction] = predict(shared(bySelector), [
      teamA([
        https('mine', '*.platform.example.org'),
        https('app', 'app.team-a.example.org'),
        https('nocert', 'x.team-a.example.org', 'missing'),
      ]),
    ]);
    expect(
      prediction.listeners.map(l => [
        l.listenerName,
        l.accepted.reason,
        l.conflicted.reason,
        l.resolvedRefs.reason,
        l.listenerSet?.name,
        l.gatewayName,
      ]),
    ).toEqual([
      [
        'mine',
        'HostnameConflict',
        'HostnameConflict',
        'ResolvedRefs',
        'team-a',
        'shared',
      ],
      ['app', 'Accepted', 'NoConflicts', 'ResolvedRefs', 'team-a', 'shared'],
      [
        'nocert',
        'Accepted',
        'NoConflicts',
        'InvalidCertificateRef',
        'team-a',
        'shared',
      ],
    ]);
  });

  it('does not let a ListenerSet use a ReferenceGrant meant for Gateways', () => {
    const [prediction] = predictListenerSets({
      gateways: [shared(bySelector)],
      listenerSets: [
        teamA([
          {
            ...https('app', 'app.team-a.example.org'),
            tls: { certificateRefs: [{ name: 'tls', namespace: 'gateway' }] },
          },
        ]),
      ],
      namespaces,
      secrets: new Set(['gateway/tls']),
      referenceGrants: [
        {
          metadata: { namespace: 'gateway', name: 'gateways' },
          spec: {
            from: [
              {
                group: 'gateway.networking.k8s.io',
                kind: 'Gateway',
                namespace: 'tenant-team-a',
              },
            ],
            to: [{ group: '', kind: 'Secret' }],
          },
        },
      ],
    });
    expect(prediction.listeners[0].resolvedRefs.reason).toBe('RefNotPermitted');
  });
});

const route = (
  namespace: string,
  spec: Route['spec'],
  kind: Route['kind'] = 'HTTPRoute',
): Route => ({ kind, metadata: { namespace, name: 'r' }, spec } as Route);

const toSet = (extra: Record<string, unknown> = {}) => ({
  group: 'gateway.networking.k8s.io',
  kind: 'ListenerSet',
  name: 'team-a',
  namespace: 'tenant-team-a',
  ...extra,
});

const certificates: Certificate[] = [
  {
    metadata: { namespace: 'tenant-team-a', name: 'app' },
    spec: { secretName: 'tls', dnsNames: ['app.team-a.example.org'] },
  },
];

function attach(
  r: Route,
  sets: ListenerSet[] = [
    teamA([
      https('app', 'app.team-a.example.org'),
      {
        name: 'wild',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.team-a.example.org',
        tls: { certificateRefs: [{ name: 'tls' }] },
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: { matchLabels: { 'gatehouse.dev/tenant': 'team-a' } },
          },
        },
      },
      {
        name: 'passthrough',
        protocol: 'TLS',
        port: 443,
        hostname: 'db.team-a.example.org',
        tls: { mode: 'Passthrough' },
      },
    ]),
  ],
  gateway: Gateway = shared(bySelector),
  extra: Partial<AttachmentInput> = {},
) {
  return predictAttachment({
    gateways: [gateway],
    listenerSets: sets,
    routes: [r],
    namespaces,
    secrets: new Set(['tenant-team-a/tls']),
    certificates,
    ...extra,
  });
}

describe('predictAttachment: parentRefs of kind ListenerSet', () => {
  it.each<[string, Route, string, string[], string[]]>([
    [
      'sectionName names a ListenerSet listener',
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'app' })],
        hostnames: ['app.team-a.example.org'],
      }),
      'Accepted',
      ['app'],
      [],
    ],
    [
      'no sectionName: every listener of the ListenerSet that admits it',
      route('tenant-team-a', {
        parentRefs: [toSet()],
        hostnames: ['app.team-a.example.org'],
      }),
      'Accepted',
      ['app', 'wild'],
      [],
    ],
    [
      'by port',
      route('tenant-team-a', {
        parentRefs: [toSet({ port: 443 })],
        hostnames: ['app.team-a.example.org'],
      }),
      'Accepted',
      ['app', 'wild'],
      [],
    ],
    [
      'a TLSRoute on the passthrough listener',
      route(
        'tenant-team-a',
        { parentRefs: [toSet()], hostnames: ['db.team-a.example.org'] },
        'TLSRoute',
      ),
      'Accepted',
      ['passthrough'],
      [],
    ],
    [
      "allowedRoutes Same means the ListenerSet's namespace, not the Gateway's",
      route('apps-a', {
        parentRefs: [toSet({ sectionName: 'app' })],
        hostnames: ['app.team-a.example.org'],
      }),
      'NotAllowedByListeners',
      [],
      ['namespaceNotAllowedByListener'],
    ],
    [
      'a selector admits an attached namespace',
      route('apps-a', {
        parentRefs: [toSet()],
        hostnames: ['api.team-a.example.org'],
      }),
      'Accepted',
      ['wild'],
      // The ListenerSet's Certificate covers app.team-a only.
      ['noCertificateForHostname'],
    ],
    [
      'hostnames must intersect as on Gateway listeners',
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'app' })],
        hostnames: ['other.team-a.example.org'],
      }),
      'NoMatchingListenerHostname',
      [],
      [],
    ],
    [
      'an unknown sectionName',
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'nope' })],
      }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'a ListenerSet that does not exist',
      route('tenant-team-a', { parentRefs: [toSet({ name: 'nope' })] }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'a ListenerSet parentRef without namespace from another namespace',
      route('apps-a', {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'ListenerSet',
            name: 'team-a',
          },
        ],
      }),
      'NoMatchingParent',
      [],
      ['parentRefWithoutNamespace'],
    ],
    [
      'an uncovered hostname on the HTTPS listener',
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'wild' })],
        hostnames: ['new.team-a.example.org'],
      }),
      'Accepted',
      ['wild'],
      ['noCertificateForHostname'],
    ],
  ])('%s', (_name, r, reason, listeners, mistakes) => {
    const [parent] = attach(r).routes[0].parents;
    expect(parent.accepted.reason).toBe(reason);
    expect(parent.listeners.map(l => l.listenerName)).toEqual(listeners);
    expect(parent.mistakes).toEqual(mistakes);
  });

  it('a ListenerSet the Gateway does not admit attaches nothing, and says why', () => {
    const [parent] = attach(
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'app' })],
        hostnames: ['app.team-a.example.org'],
      }),
      undefined,
      shared(),
    ).routes[0].parents;
    expect(parent.accepted).toMatchObject({
      status: 'False',
      reason: 'NoMatchingParent',
    });
    expect(parent.accepted.message).toContain('NotAllowed');
    expect(parent.mistakes).toEqual(['listenerSetNotAllowed']);
    expect(interpretParentAttachment(parent).hint?.meaning).toMatch(
      /does not admit this ListenerSet/,
    );
  });

  it('a ListenerSet whose Gateway is missing attaches nothing', () => {
    const prediction = predictAttachment({
      gateways: [],
      listenerSets: [teamA()],
      routes: [route('tenant-team-a', { parentRefs: [toSet()] })],
    });
    expect(prediction.routes[0].parents[0].mistakes).toEqual([
      'listenerSetParentNotFound',
    ]);
  });

  it('attached to a conflicted listener only: Accepted, but an error with the conflict hint', () => {
    const [parent] = attach(
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'taken' })],
        hostnames: ['app.platform.example.org'],
      }),
      [
        teamA([
          https('taken', '*.platform.example.org'),
          https('app', 'app.team-a.example.org'),
        ]),
      ],
    ).routes[0].parents;
    expect(parent.accepted.reason).toBe('Accepted');
    expect(parent.listeners[0].conflicted).toBe(true);
    expect(parent.mistakes).toContain('listenerConflict');
    expect(interpretParentAttachment(parent)).toMatchObject({
      status: 'error',
      reason: 'ListenerConflict',
    });
  });

  it("counts attached routes on the ListenerSet's listeners, not the Gateway's", () => {
    const prediction = attach(
      route('tenant-team-a', {
        parentRefs: [toSet({ sectionName: 'app' })],
        hostnames: ['app.team-a.example.org'],
      }),
    );
    expect(
      prediction.listenerSets[0].listeners.map(l => [
        l.listenerName,
        l.attachedRoutes,
      ]),
    ).toEqual([
      ['app', 1],
      ['wild', 0],
      ['passthrough', 0],
    ]);
    expect(prediction.listeners.every(l => l.attachedRoutes === 0)).toBe(true);
  });
});

describe('predictAttachment: Gateway parentRefs next to ListenerSets', () => {
  const toShared = { name: 'shared', namespace: 'gateway' };

  it('a sectionName that lives in a ListenerSet must name the ListenerSet', () => {
    const [parent] = attach(
      route('tenant-team-a', {
        parentRefs: [{ ...toShared, sectionName: 'app' }],
        hostnames: ['app.team-a.example.org'],
      }),
    ).routes[0].parents;
    expect(parent.accepted.reason).toBe('NoMatchingParent');
    expect(parent.accepted.message).toContain(
      'ListenerSet "tenant-team-a/team-a"',
    );
    expect(parent.mistakes).toEqual(['sectionNameInListenerSet']);
    expect(interpretParentAttachment(parent).hint?.fix).toMatch(
      /kind ListenerSet/,
    );
  });

  it("does not name another tenant's ListenerSet to a route its listener would not admit", () => {
    const [parent] = attach(
      route('tenant-team-b', {
        parentRefs: [{ ...toShared, sectionName: 'app' }],
      }),
    ).routes[0].parents;
    expect(parent.accepted.reason).toBe('NoMatchingParent');
    expect(parent.accepted.message).not.toContain('team-a');
    expect(parent.mistakes).toEqual([]);
  });

  it("a Gateway parentRef without sectionName reaches only the Gateway's own listeners", () => {
    const [parent] = attach(
      route('tenant-team-a', {
        parentRefs: [toShared],
        hostnames: ['app.team-a.example.org'],
      }),
      undefined,
      shared({ namespaces: { from: 'All' } }, [
        {
          name: 'http',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ]),
    ).routes[0].parents;
    expect(parent.listeners.map(l => l.listenerName)).toEqual(['http']);
  });

  it('without ListenerSets the prediction is what it was', () => {
    const r = route('gateway', {
      parentRefs: [{ ...toShared, sectionName: 'http' }],
    });
    const without = predictAttachment({ gateways: [shared()], routes: [r] });
    expect(without.listenerSets).toEqual([]);
    expect(without.routes[0].parents[0].accepted.reason).toBe('Accepted');
  });
});

describe('interpreting ListenerSets', () => {
  it.each<
    [string, Gateway | undefined, ListenerSet, string, RegExp | undefined]
  >([
    ['admitted', shared(bySelector), teamA(), 'ok', undefined],
    [
      'not admitted',
      shared(),
      teamA(),
      'error',
      /does not admit this ListenerSet/,
    ],
    [
      'parent missing',
      undefined,
      teamA(),
      'error',
      /names a Gateway that does not exist/,
    ],
    [
      'one listener conflicted',
      shared(bySelector),
      teamA([
        https('mine', '*.platform.example.org'),
        https('app', 'app.team-a.example.org'),
      ]),
      'warning',
      /older listener of the Gateway/,
    ],
  ])('a prediction: %s', (_n, gateway, set, status, meaning) => {
    const [prediction] = predictListenerSets({
      gateways: gateway ? [gateway] : [],
      listenerSets: [set],
      namespaces,
      secrets: new Set([`${set.metadata!.namespace}/tls`]),
    });
    const summary = interpretListenerSetPrediction(prediction);
    expect(summary.status).toBe(status);
    expect(summary.hint?.meaning ?? 'no hint').toMatch(meaning ?? /^no hint$/);
  });

  it.each<
    [
      string,
      ListenerSet['status'],
      string,
      string | undefined,
      RegExp | undefined,
    ]
  >([
    ['nothing reported', undefined, 'unknown', undefined, undefined],
    [
      'Accepted and Programmed',
      {
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'True', reason: 'Programmed' },
        ],
      },
      'ok',
      undefined,
      undefined,
    ],
    [
      'NotAllowed',
      {
        conditions: [
          { type: 'Accepted', status: 'False', reason: 'NotAllowed' },
          { type: 'Programmed', status: 'False', reason: 'NotAllowed' },
        ],
      },
      'error',
      'NotAllowed',
      /allowedListeners/,
    ],
    [
      'the CRD default before a controller reports',
      {
        conditions: [
          { type: 'Accepted', status: 'Unknown', reason: 'Pending' },
          { type: 'Programmed', status: 'Unknown', reason: 'Pending' },
        ],
      },
      'pending',
      'Pending',
      /controller supports ListenerSets/,
    ],
  ])('reported status: %s', (_n, status, level, reason, fix) => {
    const summary = interpretListenerSetStatus({ ...teamA(), status });
    expect(summary.status).toBe(level);
    expect(summary.reason).toBe(reason);
    expect(summary.hint?.fix ?? 'no hint').toMatch(fix ?? /^no hint$/);
  });
});

describe('ListenerSets at the size of a shared Gateway', () => {
  it('merges thousands of ListenerSets, one per hostname, and still finds the one duplicate', () => {
    const count = 5000;
    const sets = Array.from({ length: count }, (_, i) =>
      listenerSet(
        `tenant-${i % 100}`,
        `h${i}`,
        [https('https', `h${i}.example.org`)],
        {
          created: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        },
      ),
    );
    // The newest claims the oldest's hostname.
    sets.push(
      listenerSet('tenant-late', 'late', [https('https', 'h0.example.org')], {
        created: '2027-01-01T00:00:00Z',
      }),
    );
    const routes = sets.map(
      ls =>
        ({
          kind: 'HTTPRoute',
          metadata: {
            namespace: ls.metadata!.namespace,
            name: ls.metadata!.name,
          },
          spec: {
            parentRefs: [
              {
                group: 'gateway.networking.k8s.io',
                kind: 'ListenerSet',
                name: ls.metadata!.name,
                namespace: ls.metadata!.namespace,
              },
            ],
            hostnames: [ls.spec!.listeners![0].hostname!],
          },
        } as Route),
    );
    const started = Date.now();
    const prediction = predictAttachment({
      gateways: [shared({ namespaces: { from: 'All' } })],
      listenerSets: sets,
      routes,
      secrets: sets.map(ls => ({
        namespace: ls.metadata!.namespace,
        name: 'tls',
      })),
    });
    const elapsed = Date.now() - started;
    const conflicted = prediction.listenerSets.filter(
      p => p.accepted.status === 'False',
    );
    expect(conflicted.map(p => [p.name, p.accepted.reason])).toEqual([
      ['late', 'ListenersNotValid'],
    ]);
    expect(
      prediction.routes
        .filter(r => r.parents[0].mistakes.length > 0)
        .map(r => r.name),
    ).toEqual(['late']);
    // Lookups by key and by port keep this linear in the number of listeners.
    expect(elapsed).toBeLessThan(5000);
  });
});
