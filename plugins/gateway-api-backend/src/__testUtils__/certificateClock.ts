import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';

export const DAY = 24 * 60 * 60 * 1000;
/** The instant the certificates' notAfter are counted from. */
export const T0 = Date.parse('2026-06-01T10:00:00Z');

/** Each certificate's notAfter from T0, not on whole days, so each has its own instants. */
export const NOT_AFTER_FROM_T0 = [
  14 * DAY + 90_000, // ready, expiring 90 s after T0
  3 * DAY + 7_000, // expiring
  45_000, // expiring, expired 45 s after T0
  -2 * DAY, // expired already
  40 * DAY + 1, // ready
];

const tenant = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: `tenant-${name}`,
    labels: { 'gateway-api.gatehouse.dev/tenant': name },
    annotations: {
      'gateway-api.gatehouse.dev/owner-group': `group:default/${name}`,
      'gateway-api.gatehouse.dev/domains': `${name}.example.org`,
    },
  },
});

const certificate = (
  namespace: string,
  name: string,
  notAfter: number,
  ready = 'True',
) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { namespace, name },
  spec: {
    secretName: name,
    dnsNames: [`*.${name}.a.example.org`],
    issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
  },
  status: {
    notAfter: new Date(notAfter).toISOString(),
    conditions: [{ type: 'Ready', status: ready }],
  },
});

/**
 * One cluster whose hostnames' TLS the clock moves: tenant a's Gateway per certificate (one
 * listener, one route, three hostnames each, one outside the tenant's domains), a certificate
 * that is not Ready, an Ingress of tenant b with a certificate of its own on a hostname a route
 * of tenant a serves too (the two are flagged), and a hostname without TLS; those `keep` keeps.
 */
export function certificateClockSnapshot(
  keep: (object: KubernetesObject) => boolean = () => true,
): ClusterSnapshot {
  const objects: object[] = [
    tenant('a'),
    tenant('b'),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: 'tenant-a', name: 'web' },
      spec: { ports: [{ port: 80 }] },
    },
  ];
  const gateway = (name: string, listener: object) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { namespace: 'tenant-a', name },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        {
          name: 'web',
          allowedRoutes: { namespaces: { from: 'Same' } },
          ...listener,
        },
      ],
    },
  });
  const route = (name: string, gatewayName: string, hostnames: string[]) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      namespace: 'tenant-a',
      name,
      labels: { 'backstage.io/kubernetes-id': 'shop' },
    },
    spec: {
      parentRefs: [{ name: gatewayName }],
      hostnames,
      rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
    },
  });
  const certificates = NOT_AFTER_FROM_T0.map((offset, i) =>
    certificate('tenant-a', `c${i}`, T0 + offset),
  );
  certificates.push(certificate('tenant-a', 'c9', T0 + 30_000, 'False'));
  for (const c of certificates) {
    const name = c.metadata.name;
    objects.push(
      c,
      gateway(`gw-${name}`, {
        port: 443,
        protocol: 'HTTPS',
        tls: { certificateRefs: [{ name }] },
      }),
      route(`r-${name}`, `gw-${name}`, [
        `one.${name}.a.example.org`,
        `two.${name}.a.example.org`,
        `three.${name}.elsewhere.example.net`,
      ]),
    );
  }
  objects.push(
    gateway('gw-plain', { port: 80, protocol: 'HTTP' }),
    route('r-plain', 'gw-plain', ['plain.a.example.org']),
    // Served by tenant b's Ingress and tenant a's route alike.
    certificate('tenant-b', 'ingress-tls', T0 + 14 * DAY + 20_000),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { namespace: 'tenant-b', name: 'legacy' },
      spec: {
        tls: [{ hosts: ['one.c1.a.example.org'], secretName: 'ingress-tls' }],
        rules: [
          {
            host: 'one.c1.a.example.org',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
  );
  const byKind = new Map<string, KubernetesObject[]>();
  for (const o of (objects as KubernetesObject[]).filter(keep)) {
    byKind.set(o.kind!, [...(byKind.get(o.kind!) ?? []), o]);
  }
  return { cluster: 'dev', byKind };
}

/**
 * Instants around every change the clock makes to these hostnames within `days` of T0: each
 * notAfter, its 14-day threshold and its daily drops, a millisecond either side.
 */
export function instantsAround(days = 3): number[] {
  const edges = [...NOT_AFTER_FROM_T0, 30_000, 14 * DAY + 20_000].flatMap(
    offset => {
      const notAfter = T0 + offset;
      return Array.from({ length: 60 }, (_, k) => notAfter - k * DAY).concat(
        notAfter - 14 * DAY + 1,
      );
    },
  );
  return [
    ...new Set(
      edges
        .flatMap(at => [at - 1, at, at + 1])
        .filter(at => at >= T0 && at <= T0 + days * DAY),
    ),
  ].sort((a, b) => a - b);
}
