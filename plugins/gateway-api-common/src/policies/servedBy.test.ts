import { Gateway, ListenerSet, Route } from '../types';
import { gatewaysReachedByPolicy, PolicyReachObjects } from './servedBy';
import { ImplementationPolicy } from './types';

const GW = 'gateway.networking.k8s.io';
const ENVOY = 'gateway.envoyproxy.io/gatewayclass-controller';
const NGINX = 'gateway.nginx.org/nginx-gateway-controller';

const gateway = (namespace: string, name: string, className: string) =>
  ({
    metadata: { namespace, name, labels: { tier: name } },
    spec: { gatewayClassName: className, listeners: [] },
  } as Gateway);
const gateways = [
  gateway('tenant-team-b', 'gateway', 'eg'),
  gateway('tenant-team-b', 'nginx', 'nginx'),
];
const listenerSet: ListenerSet = {
  metadata: { namespace: 'payments', name: 'payments' },
  spec: { parentRef: { name: 'nginx', namespace: 'tenant-team-b' } },
};
const route = (
  name: string,
  parentRefs: NonNullable<Route['spec']>['parentRefs'],
  service = 'payments-api',
): Route => ({
  kind: 'HTTPRoute',
  metadata: { namespace: 'payments', name },
  spec: {
    parentRefs,
    rules: [{ backendRefs: [{ name: service, port: 8080 }] }],
  },
});
const routes = [
  route('on-envoy', [{ name: 'gateway', namespace: 'tenant-team-b' }]),
  route('on-nginx', [{ name: 'nginx', namespace: 'tenant-team-b' }]),
  route(
    'on-listener-set',
    [{ group: GW, kind: 'ListenerSet', name: 'payments' }],
    'other',
  ),
];
const classes: Record<string, string> = { eg: ENVOY, nginx: NGINX };
const objects: PolicyReachObjects = {
  gateways,
  listenerSets: [listenerSet],
  routes,
  listenerSet: (namespace, name) =>
    namespace === 'payments' && name === 'payments' ? listenerSet : undefined,
  controllerOf: (namespace, name) =>
    classes[
      gateways.find(
        g => g.metadata?.namespace === namespace && g.metadata?.name === name,
      )?.spec?.gatewayClassName ?? ''
    ],
};
const policy = (
  namespace: string,
  spec: ImplementationPolicy['spec'],
): ImplementationPolicy => ({
  kind: 'BackendTrafficPolicy',
  metadata: { namespace, name: 'p' },
  spec,
});
const reached = (p: ImplementationPolicy) =>
  gatewaysReachedByPolicy(p, objects).map(
    g => `${g.namespace}/${g.name} ${g.controllerName ?? '?'}`,
  );

describe('the Gateways a policy’s targets lead to', () => {
  it.each<[string, ImplementationPolicy, string[]]>([
    [
      'a Gateway it names',
      policy('tenant-team-b', {
        targetRefs: [{ group: GW, kind: 'Gateway', name: 'nginx' }],
      }),
      [`tenant-team-b/nginx ${NGINX}`],
    ],
    [
      'a Gateway it selects',
      policy('tenant-team-b', {
        targetSelectors: [
          { kind: 'Gateway', matchLabels: { tier: 'gateway' } },
        ],
      }),
      [`tenant-team-b/gateway ${ENVOY}`],
    ],
    [
      "a route's parent",
      policy('payments', {
        targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'on-nginx' }],
      }),
      [`tenant-team-b/nginx ${NGINX}`],
    ],
    [
      "a route's ListenerSet's parent",
      policy('payments', {
        targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'on-listener-set' }],
      }),
      [`tenant-team-b/nginx ${NGINX}`],
    ],
    [
      "a ListenerSet's parent",
      policy('payments', {
        targetRefs: [{ group: GW, kind: 'ListenerSet', name: 'payments' }],
      }),
      [`tenant-team-b/nginx ${NGINX}`],
    ],
    [
      'the parents of every route sending to a Service, each once',
      policy('payments', {
        targetRefs: [{ group: '', kind: 'Service', name: 'payments-api' }],
      }),
      [`tenant-team-b/gateway ${ENVOY}`, `tenant-team-b/nginx ${NGINX}`],
    ],
    [
      'nothing from another namespace',
      policy('checkout', {
        targetRefs: [
          { group: GW, kind: 'HTTPRoute', name: 'on-nginx' },
          { group: '', kind: 'Service', name: 'payments-api' },
        ],
      }),
      [],
    ],
  ])('%s', (_n, p, expected) => {
    expect(reached(p)).toEqual(expected);
  });

  it('names a Gateway that does not exist without a controller', () => {
    const orphan = route('orphan', [
      { name: 'gone', namespace: 'tenant-team-b' },
    ]);
    expect(
      gatewaysReachedByPolicy(
        policy('payments', {
          targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'orphan' }],
        }),
        { ...objects, routes: [orphan] },
      ),
    ).toEqual([{ namespace: 'tenant-team-b', name: 'gone' }]);
  });
});
