import {
  Exposure,
  Gateway,
  Listener,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { tenantDetail } from './tenantDetail';

const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

const listener = (
  name: string,
  extra: Record<string, unknown> = {},
): Listener => ({
  name,
  port: 443,
  protocol: 'HTTPS',
  ...extra,
});

const optIn = {
  allowedRoutes: {
    namespaces: {
      from: 'Selector',
      selector: { matchLabels: { 'shared-gateway-access': 'true' } },
    },
  },
};

const gateways: Gateway[] = [
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gateway', namespace: 'tenant-team-a', generation: 2 },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        listener('https', { hostname: '*.team-a.example.org' }),
        listener('passthrough', {
          protocol: 'TLS',
          hostname: 'db.team-a.example.org',
          tls: { mode: 'Passthrough' },
          allowedRoutes: { namespaces: { from: 'All' } },
        }),
      ],
    },
    status: {
      addresses: [{ type: 'IPAddress', value: '10.0.0.7' }],
      conditions: [
        {
          type: 'Programmed',
          status: 'True',
          reason: 'Programmed',
          observedGeneration: 2,
        },
        {
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          observedGeneration: 2,
        },
      ],
      listeners: [
        {
          name: 'https',
          attachedRoutes: 3,
          conditions: [
            {
              type: 'Programmed',
              status: 'True',
              reason: 'Programmed',
              observedGeneration: 2,
            },
          ],
        },
      ],
    },
  } as Gateway,
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'shared', namespace: 'gateway' },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        listener('http', { protocol: 'HTTP', port: 80, ...optIn }),
        listener('shop.team-a.example.org', {
          hostname: 'shop.team-a.example.org',
          ...optIn,
        }),
        listener('catalog.team-c.example.org', {
          hostname: 'catalog.team-c.example.org',
          ...optIn,
        }),
      ],
    },
  } as Gateway,
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gateway', namespace: 'tenant-team-b' },
    spec: { gatewayClassName: 'eg', listeners: [listener('https')] },
  } as Gateway,
];

const snapshot: ClusterSnapshot = {
  cluster: 'dev',
  byKind: new Map<string, KubernetesObject[]>([
    [
      'Namespace',
      [
        namespace('tenant-team-a'),
        namespace('checkout', { 'shared-gateway-access': 'true' }),
        namespace('tenant-team-b'),
      ],
    ],
    ['Gateway', gateways as KubernetesObject[]],
  ]),
};

const teamA: TenantSummary = {
  cluster: 'dev',
  name: 'team-a',
  namespace: 'tenant-team-a',
  ownerGroup: 'group:default/team-a',
  domains: ['team-a.example.org'],
  attachedNamespaces: ['checkout'],
  layout: 'dedicated',
};

const exposure = (
  hostname: string,
  status: Exposure['status']['status'],
  tenant = 'team-a',
  cluster = 'dev',
) => ({ hostname, tenant, cluster, status: { status } } as Exposure);

describe('tenantDetail', () => {
  const detail = tenantDetail(snapshot, teamA, [
    exposure('a.team-a.example.org', 'ok'),
    exposure('b.team-a.example.org', 'ok'),
    exposure('c.team-a.example.org', 'error'),
    exposure('x.team-b.example.org', 'error', 'team-b'),
    exposure('a.team-a.example.org', 'warning', 'team-a', 'other'),
  ]);

  it('keeps the tenant and lists only the Gateways that admit its routes', () => {
    expect(detail).toMatchObject({ name: 'team-a', layout: 'dedicated' });
    expect(detail.gateways.map(g => `${g.namespace}/${g.name}`)).toEqual([
      'tenant-team-a/gateway',
      'gateway/shared',
    ]);
  });

  it('reads addresses, status and attached routes of the tenant’s own Gateway', () => {
    const own = detail.gateways[0];
    expect(own).toMatchObject({
      gatewayClassName: 'eg',
      addresses: ['10.0.0.7'],
      ownedByTenant: true,
      status: { status: 'ok' },
    });
    expect(own.listeners).toEqual([
      expect.objectContaining({
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname: '*.team-a.example.org',
        tlsMode: 'Terminate',
        attachedRoutes: 3,
        status: expect.objectContaining({ status: 'ok' }),
      }),
      expect.objectContaining({
        name: 'passthrough',
        tlsMode: 'Passthrough',
        attachedRoutes: undefined,
        status: expect.objectContaining({ status: 'unknown' }),
      }),
    ]);
  });

  it('shows of a shared Gateway only the listeners in the tenant’s domains', () => {
    const shared = detail.gateways[1];
    expect(shared.ownedByTenant).toBe(false);
    expect(shared.listeners.map(l => [l.name, l.tlsMode])).toEqual([
      ['http', undefined],
      ['shop.team-a.example.org', 'Terminate'],
    ]);
  });

  it('counts the tenant’s hostnames in its cluster by status', () => {
    expect(detail.hostnames).toEqual({
      ok: 2,
      pending: 0,
      warning: 0,
      error: 1,
      unknown: 0,
    });
  });

  it('lists no Gateway for a tenant none admits', () => {
    expect(
      tenantDetail(
        snapshot,
        {
          ...teamA,
          name: 'team-z',
          namespace: 'tenant-team-z',
          attachedNamespaces: [],
          domains: ['team-z.example.org'],
        },
        [],
      ).gateways,
    ).toEqual([]);
  });
});
