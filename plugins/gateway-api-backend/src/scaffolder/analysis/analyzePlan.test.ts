import { KubernetesObject } from '../../manifests';
import { analyzePlan } from './analyzePlan';

const ns = (
  name: string,
  labels: Record<string, string> = {},
): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const service = (namespace: string, name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace, name },
  spec: { ports: [{ port: 80 }] },
});
const gateway: KubernetesObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { namespace: 'gateway', name: 'shared' },
  spec: {
    gatewayClassName: 'eg',
    listeners: [
      {
        name: 'http',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: { matchLabels: { 'shared-gateway-access': 'true' } },
          },
        },
      },
    ],
  },
};
const route = (
  namespace: string,
  backend: { namespace?: string; name: string },
): KubernetesObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { namespace, name: 'web' },
  spec: {
    parentRefs: [{ name: 'shared', namespace: 'gateway', sectionName: 'http' }],
    hostnames: ['web.example.org'],
    rules: [{ backendRefs: [{ ...backend, port: 80 }] }],
  },
});
const grant = (namespace: string, from: string): KubernetesObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { namespace, name: `from-${from}` },
  spec: {
    from: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        namespace: from,
      },
    ],
    to: [{ group: '', kind: 'Service' }],
  },
});

describe('analyzePlan', () => {
  const cluster = [
    ns('gateway'),
    ns('apps', { 'shared-gateway-access': 'true' }),
    ns('closed'),
    ns('backends'),
    gateway,
    service('apps', 'web'),
    service('closed', 'web'),
    service('backends', 'web'),
  ];

  it('finds nothing wrong with a route the listener admits', () => {
    const analysis = analyzePlan(cluster, [route('apps', { name: 'web' })]);
    expect(analysis).toEqual({ introduced: [], fixed: [], remaining: [] });
  });

  it('predicts NotAllowedByListeners for a namespace that has not opted in', () => {
    const analysis = analyzePlan(cluster, [route('closed', { name: 'web' })]);
    expect(analysis.introduced).toEqual([
      expect.objectContaining({
        object: 'HTTPRoute/closed/web',
        at: 'parentRef gateway/shared/http',
        condition: 'Accepted',
        reason: 'NotAllowedByListeners',
      }),
    ]);
    expect(analysis.remaining).toEqual(analysis.introduced);
  });

  it('reports the opt-in label of the plan as fixing that route', () => {
    const broken = [...cluster, route('closed', { name: 'web' })];
    const analysis = analyzePlan(broken, [
      ns('closed', { 'shared-gateway-access': 'true' }),
    ]);
    expect(analysis.fixed).toEqual([
      expect.objectContaining({
        object: 'HTTPRoute/closed/web',
        reason: 'NotAllowedByListeners',
      }),
    ]);
    expect(analysis.introduced).toEqual([]);
  });

  it('predicts RefNotPermitted for a cross-namespace backend, and a ReferenceGrant fixes it', () => {
    const crossing = route('apps', { namespace: 'backends', name: 'web' });
    const without = analyzePlan(cluster, [crossing]);
    expect(without.introduced).toEqual([
      expect.objectContaining({
        condition: 'ResolvedRefs',
        reason: 'RefNotPermitted',
      }),
    ]);
    const withGrant = analyzePlan(cluster, [
      crossing,
      grant('backends', 'apps'),
    ]);
    expect(withGrant.introduced).toEqual([]);
  });

  it('predicts a listener conflict brought by a second listener on the same port and hostname', () => {
    const twin: KubernetesObject = {
      ...gateway,
      spec: {
        ...(gateway.spec as object),
        listeners: [
          {
            name: 'a',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'x.example.org',
            tls: { certificateRefs: [{ name: 'x' }] },
          },
        ],
      },
    };
    const other: KubernetesObject = {
      ...twin,
      spec: {
        ...(twin.spec as object),
        listeners: [
          {
            name: 'b',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'x.example.org',
            tls: { certificateRefs: [{ name: 'x' }] },
          },
        ],
      },
    };
    const analysis = analyzePlan(cluster, [twin, other]);
    expect(
      analysis.introduced.map(i => `${i.at} ${i.condition} ${i.reason}`),
    ).toEqual(
      expect.arrayContaining([
        'listener a Conflicted HostnameConflict',
        'listener b Conflicted HostnameConflict',
      ]),
    );
  });

  it('takes the certificates of a Gateway annotated for cert-manager to come', () => {
    const https = (annotations: Record<string, string>): KubernetesObject => ({
      ...gateway,
      metadata: { namespace: 'gateway', name: 'tls', annotations },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'tls-cert' }] },
          },
        ],
      },
    });
    expect(analyzePlan(cluster, [https({})]).introduced).toEqual([
      expect.objectContaining({
        at: 'listener https',
        reason: 'InvalidCertificateRef',
      }),
    ]);
    expect(
      analyzePlan(cluster, [https({ 'cert-manager.io/issuer': 'letsencrypt' })])
        .introduced,
    ).toEqual([]);
  });
});

describe('analyzePlan with ListenerSets', () => {
  const listenerSet = (namespace: string): KubernetesObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ListenerSet',
    metadata: {
      namespace,
      name: 'team',
      creationTimestamp: '2026-01-01T00:00:00Z',
    } as KubernetesObject['metadata'],
    spec: {
      parentRef: { name: 'shared', namespace: 'gateway' },
      listeners: [
        {
          name: 'web',
          hostname: 'web.example.org',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    },
  });
  const admitting = (from: 'All' | 'None'): KubernetesObject => ({
    ...gateway,
    spec: {
      ...(gateway.spec as object),
      allowedListeners: { namespaces: { from } },
    },
  });
  const routeToListenerSet: KubernetesObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { namespace: 'team', name: 'web' },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'ListenerSet',
          name: 'team',
          namespace: 'team',
          sectionName: 'web',
        },
      ],
      hostnames: ['web.example.org'],
      rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
    },
  };

  it('attaches a route through a ListenerSet its Gateway admits, with nothing to report', () => {
    const analysis = analyzePlan(
      [ns('gateway'), ns('team'), service('team', 'web'), admitting('All')],
      [listenerSet('team'), routeToListenerSet],
    );
    expect(analysis.introduced).toEqual([]);
    expect(analysis.remaining).toEqual([]);
  });

  it('reports a ListenerSet its Gateway does not admit, and the route that cannot attach through it', () => {
    const analysis = analyzePlan(
      [ns('gateway'), ns('team'), service('team', 'web'), admitting('None')],
      [listenerSet('team'), routeToListenerSet],
    );
    expect(analysis.introduced).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: 'ListenerSet/team/team',
          at: 'parentRef gateway/shared',
          condition: 'Accepted',
          reason: 'NotAllowed',
        }),
        expect.objectContaining({
          object: 'HTTPRoute/team/web',
          condition: 'Accepted',
        }),
      ]),
    );
    const keys = analysis.introduced.map(
      i => `${i.object}|${i.at}|${i.condition}|${i.reason}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
