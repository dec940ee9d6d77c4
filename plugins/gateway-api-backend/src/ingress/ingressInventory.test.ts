import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { exposure } from '../__testUtils__/exposure';
import {
  ingressHostnames,
  migrationState,
  withIngressExposures,
} from './ingressInventory';
import { MIGRATION_ANNOTATIONS } from './migrationAnnotations';

const tenantNs = (tenant: string, attached: string[] = []) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: `tenant-${tenant}`,
    labels: { 'gateway-api.gatehouse.dev/tenant': tenant },
    annotations: {
      'gateway-api.gatehouse.dev/owner-group': `group:default/${tenant}`,
      'gateway-api.gatehouse.dev/domains': `${tenant}.example.org`,
      'gateway-api.gatehouse.dev/attached-namespaces': attached.join(','),
    },
  },
});

const ingress = (
  namespace: string,
  name: string,
  hosts: string[],
  extra: { tls?: string; className?: string; address?: string } = {},
) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    namespace,
    name,
    labels: { 'backstage.io/kubernetes-id': name },
  },
  spec: {
    ingressClassName: extra.className,
    tls: extra.tls ? [{ hosts, secretName: extra.tls }] : undefined,
    rules: hosts.map(host => ({
      host,
      http: {
        paths: [
          {
            path: '/',
            pathType: 'Prefix',
            backend: { service: { name, port: { number: 8080 } } },
          },
        ],
      },
    })),
  },
  status: extra.address
    ? { loadBalancer: { ingress: [{ ip: extra.address }] } }
    : {},
});

const nginxClass = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: {
    name: 'nginx',
    annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
  },
  spec: { controller: 'k8s.io/ingress-nginx' },
};

const snapshotOf = (objects: object[]): ClusterSnapshot => {
  const byKind = new Map<string, KubernetesObject[]>();
  for (const o of objects as KubernetesObject[]) {
    byKind.set(o.kind!, [...(byKind.get(o.kind!) ?? []), o]);
  }
  return { cluster: 'dev', byKind };
};

const route = (namespace: string, name: string, migratedFrom?: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    namespace,
    name,
    annotations: migratedFrom
      ? { [MIGRATION_ANNOTATIONS.migratedFrom]: migratedFrom }
      : {},
  },
  spec: {},
});

const routeExposure = (
  hostname: string,
  tenant: string,
  namespace: string,
  name: string,
) =>
  exposure(hostname, {
    cluster: 'dev',
    tenant,
    owner: `group:default/${tenant}`,
    route: {
      kind: 'HTTPRoute',
      namespace,
      name,
      status: { status: 'ok', summary: 'Accepted' },
      parents: [],
      backends: [],
    },
  });

const NOW = new Date('2026-06-01T00:00:00Z');

describe('migrationState', () => {
  it.each([
    [true, false, false, 'ingress-only'],
    [true, true, false, 'both'],
    [true, true, true, 'both'],
    [false, true, true, 'moved'],
    [false, true, false, undefined],
    [false, false, false, undefined],
  ] as const)(
    'an Ingress serving it: %s, a route: %s, made from an Ingress: %s -> %s',
    (servedByIngress, servedByRoute, routeMadeFromIngress, expected) => {
      expect(
        migrationState({
          servedByIngress,
          servedByRoute,
          routeMadeFromIngress,
        }),
      ).toBe(expected);
    },
  );
});

describe('ingressHostnames', () => {
  it('reads class, controller, TLS Secret, address and tenant of each host', () => {
    const hosts = ingressHostnames(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        nginxClass,
        ingress(
          'shop',
          'shop',
          ['Shop.team-a.example.org.', 'api.team-a.example.org'],
          {
            tls: 'shop-tls',
            address: '192.0.2.20',
          },
        ),
      ]),
    );
    expect(hosts.map(h => h.hostname)).toEqual([
      'shop.team-a.example.org',
      'api.team-a.example.org',
    ]);
    expect(hosts[0]).toMatchObject({
      tenant: { name: 'team-a' },
      entityRef: 'component:default/shop',
      backends: [{ namespace: 'shop', name: 'shop', port: 8080 }],
      summary: {
        namespace: 'shop',
        name: 'shop',
        ingressClassName: 'nginx',
        controller: 'k8s.io/ingress-nginx',
        tlsSecretName: 'shop-tls',
        addresses: ['192.0.2.20'],
      },
    });
  });

  it('takes the class from the legacy annotation before the default class', () => {
    const legacy = ingress('shop', 'old', ['old.team-a.example.org']);
    (legacy.metadata as any).annotations = {
      'kubernetes.io/ingress.class': 'internal',
    };
    const [host] = ingressHostnames(snapshotOf([nginxClass, legacy]));
    expect(host.summary.ingressClassName).toBe('internal');
    expect(host.summary.controller).toBeUndefined();
    expect(host.tenant).toBeUndefined();
  });

  it('skips rules without a host and hosts that are no DNS names', () => {
    const odd = ingress('shop', 'odd', ['192.0.2.1', 'ok.team-a.example.org']);
    odd.spec.rules.push({ http: { paths: [] } } as any);
    expect(ingressHostnames(snapshotOf([odd])).map(h => h.hostname)).toEqual([
      'ok.team-a.example.org',
    ]);
  });

  it('is empty while the cluster serves no Ingress', () => {
    expect(ingressHostnames(snapshotOf([tenantNs('team-a')]))).toEqual([]);
  });
});

describe('withIngressExposures', () => {
  it('adds an Ingress hostname as served by Ingress, ingress-only, working once it has an address', () => {
    const result = withIngressExposures(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        nginxClass,
        ingress('shop', 'shop', ['shop.team-a.example.org'], {
          tls: 'shop-tls',
          address: '192.0.2.20',
        }),
      ]),
      [],
      NOW,
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      hostname: 'shop.team-a.example.org',
      url: 'https://shop.team-a.example.org/',
      tenant: 'team-a',
      owner: 'group:default/team-a',
      source: 'Ingress',
      migration: 'ingress-only',
      route: { kind: 'Ingress', namespace: 'shop', name: 'shop' },
      ingress: { ingressClassName: 'nginx', tlsSecretName: 'shop-tls' },
      status: { status: 'ok' },
    });
    expect(result[0].status.summary).toMatch(/192\.0\.2\.20/);
    expect(result[0].tenancy).toBeUndefined();
  });

  it('is pending while no controller has published an address', () => {
    const [only] = withIngressExposures(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        ingress('shop', 'shop', ['shop.team-a.example.org']),
      ]),
      [],
      NOW,
    );
    expect(only.status.status).toBe('pending');
    expect(only.url).toBe('http://shop.team-a.example.org/');
  });

  it('marks an Ingress and a route of the same tenant on one hostname as both', () => {
    const result = withIngressExposures(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        ingress('shop', 'shop', ['shop.team-a.example.org'], {
          address: '192.0.2.20',
        }),
        route('shop', 'shop', 'shop/shop'),
      ]),
      [routeExposure('shop.team-a.example.org', 'team-a', 'shop', 'shop')],
      NOW,
    );
    expect(result.map(e => [e.source ?? 'Route', e.migration])).toEqual([
      ['Route', 'both'],
      ['Ingress', 'both'],
    ]);
    expect(result.every(e => e.tenancy === undefined)).toBe(true);
  });

  it('marks a route made from an Ingress that no longer serves the host as moved', () => {
    const result = withIngressExposures(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        route('shop', 'shop', 'shop/shop'),
      ]),
      [routeExposure('shop.team-a.example.org', 'team-a', 'shop', 'shop')],
      NOW,
    );
    expect(result).toHaveLength(1);
    expect(result[0].migration).toBe('moved');
  });

  it('leaves a route that never was on an Ingress alone', () => {
    const routes = [
      routeExposure('shop.team-a.example.org', 'team-a', 'shop', 'shop'),
    ];
    const result = withIngressExposures(
      snapshotOf([tenantNs('team-a', ['shop']), route('shop', 'shop')]),
      routes,
      NOW,
    );
    expect(result).toBe(routes);
  });

  it('flags an Ingress sharing a host with another tenant’s route, on both sides', () => {
    const result = withIngressExposures(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        tenantNs('team-b', ['pay']),
        ingress('pay', 'pay', ['pay.team-b.example.org'], {
          address: '192.0.2.20',
        }),
        route('shop', 'grab'),
      ]),
      // team-a's route took the name before the guards could refuse it.
      [routeExposure('pay.team-b.example.org', 'team-a', 'shop', 'grab')],
      NOW,
    );
    const onIngress = result.find(e => e.source === 'Ingress')!;
    expect(onIngress.tenancy).toMatchObject({
      status: 'error',
      reason: 'HostnameSharedByIngressAndRoute',
    });
    expect(onIngress.tenancy!.summary).toMatch(/a route of tenant "team-a"/);
    expect(onIngress.status.status).toBe('error');
    const onRoute = result.find(e => e.source !== 'Ingress')!;
    expect(onRoute.migration).toBe('both');
    expect(onRoute.tenancy?.summary).toMatch(/an Ingress of tenant "team-b"/);
  });

  it('flags an Ingress host outside its tenant’s domains', () => {
    const [only] = withIngressExposures(
      snapshotOf([
        tenantNs('team-a', ['shop']),
        tenantNs('team-b', ['pay']),
        ingress('shop', 'shop', ['pay.team-b.example.org'], {
          address: '192.0.2.20',
        }),
      ]),
      [],
      NOW,
    );
    expect(only.tenancy).toMatchObject({
      status: 'error',
      reason: 'HostnameOfAnotherTenant',
    });
  });
});
