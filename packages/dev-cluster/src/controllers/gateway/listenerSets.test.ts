import { KubeObject } from '../kube/types';
import { isListenerSetAllowed } from './listenerSets';
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

const GROUP = 'gateway.networking.k8s.io';

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
  supportedFeatures: string[] | undefined = ['Gateway', 'ListenerSet'],
) {
  return reconcileGatewayApi(snapshot(objects), {
    controllerNames: [CONTROLLER],
    addressPool: ['192.0.2.10'],
    loadBalancerReady: () => true,
    supportedFeatures,
  });
}

type Result = ReturnType<typeof reconcile>;

function statusOf(result: Result, resource: string, name: string): any {
  return result.updates.find(
    u => u.resource === resource && u.object.metadata.name === name,
  )?.status;
}

function conditions(status: any): Record<string, [string, string]> {
  return Object.fromEntries(
    (status?.conditions ?? []).map((c: any) => [c.type, [c.status, c.reason]]),
  );
}

function listenerConditions(status: any, name: string) {
  return conditions(status.listeners.find((l: any) => l.name === name));
}

function listenerSet(
  name: string,
  listeners: object[],
  extra: {
    namespace?: string;
    gateway?: string;
    gatewayNamespace?: string;
    created?: string;
  } = {},
): KubeObject {
  return {
    metadata: {
      name,
      namespace: extra.namespace ?? 'infra',
      generation: 2,
      creationTimestamp: extra.created ?? '2026-01-02T00:00:00Z',
    },
    spec: {
      parentRef: {
        group: GROUP,
        kind: 'Gateway',
        name: extra.gateway ?? 'shared',
        namespace: extra.gatewayNamespace ?? 'infra',
      },
      listeners,
    },
  };
}

const httpListener = (name: string, hostname?: string, from = 'All') => ({
  name,
  port: 80,
  protocol: 'HTTP',
  ...(hostname ? { hostname } : {}),
  allowedRoutes: { namespaces: { from } },
});

function sharedGateway(allowedListeners?: object, listeners?: object[]) {
  return gateway(
    'shared',
    listeners ?? [httpListener('gateway-listener', 'gateway.example.com')],
    {
      status: acceptedStatus,
      spec: allowedListeners ? { allowedListeners } : {},
    },
  );
}

const namespaces = [
  namespaceObject('infra'),
  namespaceObject('team-a', { 'listeners-allowed': 'true' }),
  namespaceObject('team-b'),
];

describe('ListenerSet admission (allowedListeners)', () => {
  const labels = (ns: string) => ({
    'kubernetes.io/metadata.name': ns,
    ...(ns === 'team-a' ? { 'listeners-allowed': 'true' } : {}),
  });
  it.each([
    ['unset (None by default)', undefined, 'infra', false],
    ['None', { from: 'None' }, 'infra', false],
    ['Same, same namespace', { from: 'Same' }, 'infra', true],
    ['Same, other namespace', { from: 'Same' }, 'team-a', false],
    ['All', { from: 'All' }, 'team-b', true],
    [
      'Selector, matching',
      {
        from: 'Selector',
        selector: { matchLabels: { 'listeners-allowed': 'true' } },
      },
      'team-a',
      true,
    ],
    [
      'Selector, not matching',
      {
        from: 'Selector',
        selector: { matchLabels: { 'listeners-allowed': 'true' } },
      },
      'team-b',
      false,
    ],
    [
      'Selector by namespace name',
      {
        from: 'Selector',
        selector: {
          matchExpressions: [
            {
              key: 'kubernetes.io/metadata.name',
              operator: 'In',
              values: ['team-b'],
            },
          ],
        },
      },
      'team-b',
      true,
    ],
    ['Selector without selector', { from: 'Selector' }, 'team-a', false],
  ])('%s', (_, namespacesRule, lsNamespace, allowed) => {
    const gw = gateway('shared', [], {
      spec: namespacesRule
        ? { allowedListeners: { namespaces: namespacesRule } }
        : {},
    });
    expect(isListenerSetAllowed(gw, lsNamespace, labels)).toBe(allowed);
  });
});

describe('reconcileGatewayApi: ListenerSets', () => {
  it('refuses ListenerSets by default: NotAllowed, no listener status, none attached', () => {
    const result = reconcile({
      gateways: [sharedGateway()],
      listenerSets: [
        listenerSet('ls', [httpListener('ls-listener', 'ls.example.com')]),
      ],
      namespaces,
    });
    const ls = statusOf(result, 'listenerSets', 'ls');
    expect(conditions(ls)).toEqual({
      Accepted: ['False', 'NotAllowed'],
      Programmed: ['False', 'NotAllowed'],
    });
    expect(ls.listeners).toBeUndefined();
    expect(ls.conditions[0].observedGeneration).toBe(2);
    expect(statusOf(result, 'gateways', 'shared').attachedListenerSets).toBe(0);
  });

  it('admits a ListenerSet of the same namespace and reports its listeners', () => {
    const result = reconcile({
      gateways: [sharedGateway({ namespaces: { from: 'Same' } })],
      listenerSets: [
        listenerSet('same', [httpListener('ls-listener', 'ls.example.com')]),
        listenerSet('other', [httpListener('ls-listener', 'o.example.com')], {
          namespace: 'team-a',
        }),
      ],
      namespaces,
    });
    const same = statusOf(result, 'listenerSets', 'same');
    expect(conditions(same)).toEqual({
      Accepted: ['True', 'Accepted'],
      Programmed: ['True', 'Programmed'],
    });
    expect(same.listeners).toHaveLength(1);
    expect(same.listeners[0]).toMatchObject({
      name: 'ls-listener',
      attachedRoutes: 0,
      supportedKinds: [
        { group: GROUP, kind: 'HTTPRoute' },
        { group: GROUP, kind: 'GRPCRoute' },
      ],
    });
    expect(listenerConditions(same, 'ls-listener')).toEqual({
      Accepted: ['True', 'Accepted'],
      ResolvedRefs: ['True', 'ResolvedRefs'],
      Conflicted: ['False', 'NoConflicts'],
      Programmed: ['True', 'Programmed'],
    });
    expect(
      conditions(statusOf(result, 'listenerSets', 'other')).Accepted,
    ).toEqual(['False', 'NotAllowed']);
    const gw = statusOf(result, 'gateways', 'shared');
    expect(gw.attachedListenerSets).toBe(1);
    // The Gateway's own listener status lists only its own listeners.
    expect(gw.listeners.map((l: any) => l.name)).toEqual(['gateway-listener']);
  });

  it('gives precedence to the Gateway, then older ListenerSets, then namespace/name (hostname and protocol conflicts)', () => {
    const gw = sharedGateway({ namespaces: { from: 'Same' } }, [
      httpListener('gateway-listener', 'gateway.example.com'),
      httpListener('contested', 'contested.example.com'),
    ]);
    const result = reconcile({
      gateways: [gw],
      listenerSets: [
        // Created last: loses to everything before it.
        listenerSet(
          'a-newest',
          [httpListener('dup-of-ls', 'ls-dup.example.com')],
          { created: '2026-01-03T00:00:00Z' },
        ),
        listenerSet('z-older', [
          httpListener('own', 'z.example.com'),
          httpListener('dup-of-gateway', 'contested.example.com'),
          { name: 'tcp', port: 80, protocol: 'TCP' },
          httpListener('first-of-ls', 'ls-dup.example.com'),
        ]),
        // Same age as z-older, but sorts first by namespace/name.
        listenerSet('b-same-age', [
          httpListener('only', 'contested.example.com'),
        ]),
      ],
      namespaces,
    });
    const gwStatus = statusOf(result, 'gateways', 'shared');
    expect(listenerConditions(gwStatus, 'contested').Conflicted).toEqual([
      'False',
      'NoConflicts',
    ]);
    const conflicted = (reason: string) => ({
      Accepted: ['False', reason],
      ResolvedRefs: ['True', 'ResolvedRefs'],
      Conflicted: ['True', reason],
      Programmed: ['False', reason],
    });

    const b = statusOf(result, 'listenerSets', 'b-same-age');
    expect(listenerConditions(b, 'only')).toEqual(
      conflicted('HostnameConflict'),
    );
    expect(conditions(b)).toEqual({
      Accepted: ['False', 'ListenersNotValid'],
      Programmed: ['False', 'ListenersNotValid'],
    });

    const z = statusOf(result, 'listenerSets', 'z-older');
    expect(listenerConditions(z, 'own').Accepted).toEqual(['True', 'Accepted']);
    expect(listenerConditions(z, 'dup-of-gateway')).toEqual(
      conflicted('HostnameConflict'),
    );
    expect(listenerConditions(z, 'tcp')).toEqual(
      conflicted('ProtocolConflict'),
    );
    // The rejected TCP listener does not take port 80 from later HTTP listeners.
    expect(listenerConditions(z, 'first-of-ls').Accepted).toEqual([
      'True',
      'Accepted',
    ]);
    expect(conditions(z)).toEqual({
      Accepted: ['True', 'ListenersNotValid'],
      Programmed: ['True', 'Programmed'],
    });

    const newest = statusOf(result, 'listenerSets', 'a-newest');
    expect(listenerConditions(newest, 'dup-of-ls')).toEqual(
      conflicted('HostnameConflict'),
    );
    expect(gwStatus.attachedListenerSets).toBe(1);
  });

  it('needs a ReferenceGrant from ListenerSets for a cross-namespace certificate', () => {
    const httpsListener = (name: string) => ({
      name,
      port: 443,
      protocol: 'HTTPS',
      hostname: `${name}.example.com`,
      tls: { certificateRefs: [{ name: 'cert', namespace: 'certs' }] },
    });
    const grant = (kind: string, namespace: string) => ({
      metadata: { name: `${kind}-${namespace}`, namespace: 'certs' },
      spec: {
        from: [{ group: GROUP, kind, namespace }],
        to: [{ group: '', kind: 'Secret' }],
      },
    });
    const result = reconcile({
      gateways: [
        sharedGateway({ namespaces: { from: 'All' } }, [
          httpsListener('gateway'),
        ]),
      ],
      listenerSets: [
        listenerSet('granted', [httpsListener('granted')]),
        listenerSet('ungranted', [httpsListener('ungranted')], {
          namespace: 'team-b',
        }),
      ],
      secrets: [tlsSecret('cert', 'certs')],
      referenceGrants: [
        grant('Gateway', 'infra'),
        grant('ListenerSet', 'infra'),
      ],
      namespaces,
    });
    const granted = statusOf(result, 'listenerSets', 'granted');
    expect(listenerConditions(granted, 'granted').ResolvedRefs).toEqual([
      'True',
      'ResolvedRefs',
    ]);
    const ungranted = statusOf(result, 'listenerSets', 'ungranted');
    expect(listenerConditions(ungranted, 'ungranted').ResolvedRefs).toEqual([
      'False',
      'RefNotPermitted',
    ]);
    expect(conditions(ungranted)).toEqual({
      Accepted: ['False', 'ListenersNotValid'],
      Programmed: ['False', 'ListenersNotValid'],
    });
    expect(statusOf(result, 'gateways', 'shared').attachedListenerSets).toBe(1);
  });

  it('reports ParentNotAccepted under a Gateway that is not accepted', () => {
    const gw = gateway('shared', [httpListener('l', 'a.example.com')], {
      spec: {
        allowedListeners: { namespaces: { from: 'Same' } },
        infrastructure: {
          parametersRef: {
            group: 'gateway.envoyproxy.io',
            kind: 'EnvoyProxy',
            name: 'missing',
          },
        },
      },
    });
    const result = reconcile({
      gateways: [gw],
      listenerSets: [listenerSet('ls', [httpListener('x', 'x.example.com')])],
    });
    expect(conditions(statusOf(result, 'listenerSets', 'ls'))).toEqual({
      Accepted: ['False', 'ParentNotAccepted'],
      Programmed: ['False', 'ParentNotProgrammed'],
    });
  });

  it('is not programmed until its Gateway has an address', () => {
    const gw = gateway('shared', [httpListener('l', 'a.example.com')], {
      spec: { allowedListeners: { namespaces: { from: 'Same' } } },
    });
    const result = reconcile({
      gateways: [gw],
      listenerSets: [listenerSet('ls', [httpListener('x', 'x.example.com')])],
    });
    const ls = statusOf(result, 'listenerSets', 'ls');
    expect(conditions(ls)).toEqual({
      Accepted: ['True', 'Accepted'],
      Programmed: ['False', 'ParentNotProgrammed'],
    });
    expect(listenerConditions(ls, 'x').Programmed).toEqual([
      'False',
      'Pending',
    ]);
  });

  it("leaves ListenerSets of other controllers' Gateways, other parent kinds and missing Gateways alone", () => {
    const foreign = gateway('foreign', [httpListener('l')], {
      className: 'other',
      spec: { allowedListeners: { namespaces: { from: 'All' } } },
    });
    const odd = listenerSet('odd', [httpListener('l')]);
    odd.spec.parentRef.kind = 'Mesh';
    const result = reconcile({
      gatewayClasses: [
        gatewayClass(),
        gatewayClass('other', { controllerName: 'example.com/other' }),
      ],
      gateways: [foreign],
      listenerSets: [
        listenerSet('to-foreign', [httpListener('l')], { gateway: 'foreign' }),
        listenerSet('to-missing', [httpListener('l')], { gateway: 'missing' }),
        odd,
      ],
    });
    expect(result.updates.filter(u => u.resource === 'listenerSets')).toEqual(
      [],
    );
  });

  it('omits attachedListenerSets and the feature when ListenerSets are not served', () => {
    const result = reconcile(
      { gateways: [sharedGateway({ namespaces: { from: 'Same' } })] },
      ['Gateway', 'HTTPRoute'],
    );
    expect(statusOf(result, 'gateways', 'shared')).not.toHaveProperty(
      'attachedListenerSets',
    );
    expect(statusOf(result, 'gatewayClasses', 'eg').supportedFeatures).toEqual([
      { name: 'Gateway' },
      { name: 'HTTPRoute' },
    ]);
  });
});

describe('reconcileGatewayApi: routes attached to ListenerSets', () => {
  const lsRef = (extra: object = {}) => ({
    group: GROUP,
    kind: 'ListenerSet',
    name: 'ls',
    namespace: 'team-a',
    ...extra,
  });
  const backends = [service('echo', 'team-a'), service('echo', 'team-b')];

  function world(routes: KubeObject[], extraSets: KubeObject[] = []) {
    return reconcile({
      gateways: [sharedGateway({ namespaces: { from: 'All' } })],
      listenerSets: [
        listenerSet(
          'ls',
          [
            httpListener('same', 'same.example.com', 'Same'),
            httpListener('all', '*.apps.example.com', 'All'),
            {
              ...httpListener('selected', 'sel.example.com', 'Selector'),
              allowedRoutes: {
                namespaces: {
                  from: 'Selector',
                  selector: { matchLabels: { 'listeners-allowed': 'true' } },
                },
              },
            },
          ],
          { namespace: 'team-a' },
        ),
        ...extraSets,
      ],
      httpRoutes: routes,
      services: backends,
      namespaces,
    });
  }

  const httpRoute = (
    name: string,
    namespace: string,
    parentRefs: object[],
    hostnames?: string[],
  ) =>
    route(name, namespace, {
      parentRefs,
      ...(hostnames ? { hostnames } : {}),
      rules: [{ backendRefs: [{ name: 'echo', port: 80 }] }],
    });

  function parentOf(result: Result, name: string, kind = 'ListenerSet') {
    const parent = statusOf(result, 'httpRoutes', name)?.parents?.find(
      (p: any) => p.parentRef.kind === kind,
    );
    return parent && conditions(parent);
  }

  it('attaches with allowedRoutes relative to the ListenerSet namespace and counts attached routes per listener', () => {
    const result = world([
      httpRoute('in-ls-ns', 'team-a', [lsRef()]),
      httpRoute('in-team-b', 'team-b', [lsRef()]),
      httpRoute('in-gateway-ns', 'infra', [lsRef({ sectionName: 'same' })]),
    ]);
    expect(parentOf(result, 'in-ls-ns')?.Accepted).toEqual([
      'True',
      'Accepted',
    ]);
    expect(parentOf(result, 'in-team-b')?.Accepted).toEqual([
      'True',
      'Accepted',
    ]);
    expect(parentOf(result, 'in-gateway-ns')?.Accepted).toEqual([
      'False',
      'NotAllowedByListeners',
    ]);
    const ls = statusOf(result, 'listenerSets', 'ls');
    const attached = Object.fromEntries(
      ls.listeners.map((l: any) => [l.name, l.attachedRoutes]),
    );
    expect(attached).toEqual({ same: 1, all: 2, selected: 1 });
    // The Gateway's own listener counts only Gateway parentRefs.
    expect(
      statusOf(result, 'gateways', 'shared').listeners[0].attachedRoutes,
    ).toBe(0);
  });

  it("writes the parentRef as given, with the Gateway's controller", () => {
    const result = world([httpRoute('r', 'team-a', [lsRef()])]);
    const parents = statusOf(result, 'httpRoutes', 'r').parents;
    expect(parents).toHaveLength(1);
    expect(parents[0].parentRef).toEqual(lsRef());
    expect(parents[0].controllerName).toBe(CONTROLLER);
  });

  it('intersects route hostnames with the ListenerSet listener hostname', () => {
    const result = world([
      httpRoute(
        'match',
        'team-a',
        [lsRef({ sectionName: 'all' })],
        ['shop.apps.example.com'],
      ),
      httpRoute(
        'no-match',
        'team-a',
        [lsRef({ sectionName: 'all' })],
        ['apps.example.com'],
      ),
    ]);
    expect(parentOf(result, 'match')?.Accepted).toEqual(['True', 'Accepted']);
    expect(parentOf(result, 'no-match')?.Accepted).toEqual([
      'False',
      'NoMatchingListenerHostname',
    ]);
  });

  it('does not find a ListenerSet listener through a Gateway parentRef, and judges each parentRef on its own', () => {
    const gatewayRef = {
      name: 'shared',
      namespace: 'infra',
      sectionName: 'same',
    };
    const result = world([
      httpRoute('dual', 'team-a', [gatewayRef, lsRef({ sectionName: 'same' })]),
    ]);
    expect(parentOf(result, 'dual', 'Gateway')?.Accepted).toEqual([
      'False',
      'NoMatchingParent',
    ]);
    expect(parentOf(result, 'dual', 'ListenerSet')?.Accepted).toEqual([
      'True',
      'Accepted',
    ]);
  });

  it('refuses a missing ListenerSet, a missing section and a ListenerSet its Gateway does not allow', () => {
    const gatewaySame = gateway('strict', [httpListener('l')], {
      status: acceptedStatus,
      spec: { allowedListeners: { namespaces: { from: 'Same' } } },
    });
    const refused = listenerSet('refused', [httpListener('l')], {
      namespace: 'team-a',
      gateway: 'strict',
    });
    const result = reconcileGatewayApi(
      snapshot({
        gateways: [sharedGateway({ namespaces: { from: 'All' } }), gatewaySame],
        listenerSets: [refused],
        httpRoutes: [
          httpRoute('missing', 'team-a', [lsRef({ name: 'nope' })]),
          httpRoute('refused', 'team-a', [lsRef({ name: 'refused' })]),
        ],
        services: backends,
      }),
      {
        controllerNames: [CONTROLLER],
        addressPool: ['192.0.2.10', '192.0.2.11'],
        loadBalancerReady: () => true,
        supportedFeatures: ['ListenerSet'],
      },
    );
    expect(parentOf(result, 'missing')?.Accepted).toEqual([
      'False',
      'NoMatchingParent',
    ]);
    expect(parentOf(result, 'refused')?.Accepted).toEqual([
      'False',
      'NoMatchingParent',
    ]);
    const noSection = world([
      httpRoute('no-section', 'team-a', [lsRef({ sectionName: 'nope' })]),
    ]);
    expect(parentOf(noSection, 'no-section')?.Accepted).toEqual([
      'False',
      'NoMatchingParent',
    ]);
  });
});
