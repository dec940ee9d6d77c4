import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';

/**
 * A cluster-shared Gateway in `gateway` that admits ListenerSets from tenant namespaces (by
 * the tenant label), with team-a's and team-c's ListenerSets beside it, one route through each,
 * and a ListenerSet of team-z that the Gateway does not admit. Built in the test, no cluster.
 */
export const GATEWAY_NS = 'gateway';

const tenantNamespace = (
  tenant: string,
  extra: Record<string, string> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: `tenant-${tenant}`,
    labels: {
      'gateway-api.gatehouse.dev/tenant': tenant,
      'gateway-api.gatehouse.dev/layout': 'cluster-shared',
      ...extra,
    },
    annotations: {
      'gateway-api.gatehouse.dev/domains': `${tenant}.example.org`,
      'gateway-api.gatehouse.dev/owner-group': `group:default/${tenant}`,
    },
  },
});

const ok = (type: string) => ({
  type,
  status: 'True',
  reason: type,
  observedGeneration: 1,
});

const httpsEntry = (hostname: string, secret: string) => ({
  name: 'https',
  port: 443,
  protocol: 'HTTPS',
  hostname,
  tls: { mode: 'Terminate', certificateRefs: [{ name: secret }] },
});

export const sharedGateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'shared', namespace: GATEWAY_NS, generation: 1 },
  spec: {
    gatewayClassName: 'eg',
    allowedListeners: {
      namespaces: {
        from: 'Selector',
        selector: {
          matchExpressions: [
            { key: 'gateway-api.gatehouse.dev/tenant', operator: 'Exists' },
          ],
        },
      },
    },
    listeners: [
      {
        name: 'http',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { namespaces: { from: 'Same' } },
      },
    ],
  },
  status: {
    addresses: [{ type: 'IPAddress', value: '192.0.2.40' }],
    conditions: [ok('Accepted'), ok('Programmed')],
    attachedListenerSets: 2,
  },
};

export const listenerSet = (
  tenant: string,
  hostname: string,
  extra: { status?: object; created?: string } = {},
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: {
    name: hostname,
    namespace: `tenant-${tenant}`,
    generation: 1,
    creationTimestamp: extra.created ?? '2026-01-01T00:00:00Z',
  },
  spec: {
    parentRef: {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'shared',
      namespace: GATEWAY_NS,
    },
    listeners: [httpsEntry(hostname, `${hostname}-tls`)],
  },
  ...(extra.status && { status: extra.status }),
});

export const reportedListenerSet = {
  conditions: [ok('Accepted'), ok('Programmed')],
  listeners: [
    {
      name: 'https',
      attachedRoutes: 1,
      conditions: [ok('Accepted'), ok('Programmed'), ok('ResolvedRefs')],
    },
  ],
};

export const routeThrough = (
  tenant: string,
  hostname: string,
  parentRef: Record<string, unknown>,
  status?: object,
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: hostname, namespace: `tenant-${tenant}`, generation: 1 },
  spec: {
    hostnames: [hostname],
    parentRefs: [parentRef],
    rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
  },
  ...(status && { status }),
});

export const toListenerSet = (tenant: string, name: string) => ({
  group: 'gateway.networking.k8s.io',
  kind: 'ListenerSet',
  name,
  namespace: `tenant-${tenant}`,
  sectionName: 'https',
});

const certificate = (tenant: string, hostname: string) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: hostname, namespace: `tenant-${tenant}` },
  spec: { secretName: `${hostname}-tls`, dnsNames: [hostname] },
  status: { conditions: [ok('Ready')], notAfter: '2027-01-01T00:00:00Z' },
});

const service = (tenant: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: `tenant-${tenant}` },
  spec: { ports: [{ port: 80 }] },
});

const A = 'app.team-a.example.org';
const C = 'shop.team-c.example.org';
const Z = 'z.team-z.example.org';

export const HOSTNAMES = { A, C, Z };

/** The cluster; `servesListenerSets: false` is a cluster without the kind (an empty list). */
export function listenerSetSnapshot(
  options: { servesListenerSets?: boolean } = {},
): ClusterSnapshot {
  const objects: Record<string, object[]> = {
    Namespace: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: GATEWAY_NS } },
      tenantNamespace('team-a'),
      tenantNamespace('team-c'),
      // Not a tenant: the Gateway's selector does not admit its ListenerSets.
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'tenant-team-z' },
      },
    ],
    Gateway: [sharedGateway],
    ListenerSet:
      options.servesListenerSets === false
        ? []
        : [
            listenerSet('team-a', A, { status: reportedListenerSet }),
            // No controller has reported on it yet.
            listenerSet('team-c', C, { created: '2026-01-02T00:00:00Z' }),
            listenerSet('team-z', Z),
          ],
    HTTPRoute: [
      routeThrough('team-a', A, toListenerSet('team-a', A), {
        parents: [
          {
            parentRef: toListenerSet('team-a', A),
            conditions: [ok('Accepted'), ok('ResolvedRefs')],
          },
        ],
      }),
      routeThrough('team-c', C, toListenerSet('team-c', C)),
      routeThrough('team-z', Z, toListenerSet('team-z', Z)),
    ],
    Certificate: [certificate('team-a', A), certificate('team-c', C)],
    Service: [service('team-a'), service('team-c'), service('team-z')],
  };
  return {
    cluster: 'dev',
    byKind: new Map(
      Object.entries(objects) as Array<[string, KubernetesObject[]]>,
    ),
  };
}
