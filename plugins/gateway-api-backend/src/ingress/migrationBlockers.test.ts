import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { blockersOf, ingressBlockersFromCache } from './migrationBlockers';

const ingress = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'checkout', annotations },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: [`${name}.team-a.example.org`], secretName: `${name}-tls` }],
    rules: [
      {
        host: `${name}.team-a.example.org`,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: { name: 'checkout', port: { number: 8080 } },
              },
            },
          ],
        },
      },
    ],
  },
});

const snapshot = (objects: object[]): ClusterSnapshot => {
  const byKind = new Map<string, KubernetesObject[]>();
  for (const o of objects as KubernetesObject[]) {
    byKind.set(o.kind!, [...(byKind.get(o.kind!) ?? []), o]);
  }
  return { cluster: 'dev', byKind };
};

const nginx = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx' },
  spec: { controller: 'k8s.io/ingress-nginx' },
};

describe('what blocks moving an Ingress', () => {
  const cluster = snapshot([
    nginx,
    ingress('plain', {}),
    ingress('snippet', {
      'nginx.ingress.kubernetes.io/configuration-snippet': 'deny all;',
    }),
    ingress('limited', { 'nginx.ingress.kubernetes.io/limit-rps': '5' }),
  ]);

  it('is nothing for an Ingress that translates cleanly (the layout redirects HTTP already)', () => {
    expect(blockersOf(cluster, 'checkout', 'plain')).toEqual([]);
  });

  it('names a configuration snippet, and a difference to accept', () => {
    expect(blockersOf(cluster, 'checkout', 'snippet').map(b => b.id)).toEqual([
      expect.stringMatching(/^configuration-injection/),
    ]);
    // In no tenant's namespace, so no Envoy Gateway to carry the rate limit.
    expect(blockersOf(cluster, 'checkout', 'limited').map(b => b.id)).toEqual([
      'no-equivalent-on-implementation:limit-rps',
    ]);
  });

  it('is nothing for an Ingress the cache does not hold', () => {
    expect(blockersOf(cluster, 'checkout', 'gone')).toEqual([]);
  });

  it('translates once per cache snapshot', () => {
    const blockers = ingressBlockersFromCache({ snapshot: () => cluster });
    const first = blockers({
      cluster: 'dev',
      namespace: 'checkout',
      name: 'snippet',
    });
    expect(
      blockers({ cluster: 'dev', namespace: 'checkout', name: 'snippet' }),
    ).toBe(first);
  });
});

describe("what blocks moving an Ingress on the tenant's GatewayClass", () => {
  const tenantNamespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'tenant-team-a',
      labels: {
        'app.kubernetes.io/managed-by': 'gatehouse',
        'gateway-api.gatehouse.dev/tenant': 'team-a',
        'gateway-api.gatehouse.dev/layout': 'dedicated',
      },
      annotations: {
        'gateway-api.gatehouse.dev/domains': 'team-a.example.org',
        'gateway-api.gatehouse.dev/owner-group': 'group:default/team-a',
        'gateway-api.gatehouse.dev/attached-namespaces': 'checkout',
        'gateway-api.gatehouse.dev/spec': JSON.stringify({
          controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
          gatewayClassName: 'eg',
          serviceExposure: { type: 'LoadBalancer' },
          name: 'team-a',
          namespace: 'tenant-team-a',
          domains: ['team-a.example.org'],
          ownerGroup: 'group:default/team-a',
          attachedNamespaces: ['checkout'],
          layout: 'dedicated',
          certificates: { type: 'self-signed' },
          clientIp: { mode: 'none' },
          names: {
            gateway: 'gateway',
            issuer: 'letsencrypt',
            envoyProxyNamespace: 'envoy-gateway-system',
          },
        }),
      },
    },
  };
  // The dedicated layout's listeners belong to the class named after the tenant's namespace.
  const gatewayClass = (supportedFeatures?: string[]) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'tenant-team-a' },
    spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    ...(supportedFeatures
      ? {
          status: {
            supportedFeatures: supportedFeatures.map(name => ({ name })),
          },
        }
      : {}),
  });
  const objects = [
    nginx,
    tenantNamespace,
    ingress('plain', {}),
    ingress('moved', {
      'nginx.ingress.kubernetes.io/permanent-redirect': 'https://example.org/',
    }),
  ];

  it('names the redirects a class without the scheme redirect cannot serve', () => {
    const cluster = snapshot([
      ...objects,
      gatewayClass(['Gateway', 'HTTPRoute', 'HTTPRoutePathRedirect']),
    ]);
    expect(blockersOf(cluster, 'checkout', 'plain')).toEqual([
      {
        id: 'https-redirect-unsupported:plain.team-a.example.org',
        summary: expect.stringMatching(
          /^ingress-nginx redirected HTTP to HTTPS for plain\.team-a\.example\.org; GatewayClass tenant-team-a does not list HTTPRouteSchemeRedirect/,
        ),
      },
    ]);
    expect(blockersOf(cluster, 'checkout', 'moved').map(b => b.id)).toEqual([
      'https-redirect-unsupported:moved.team-a.example.org',
      'redirect-unsupported:permanent-redirect',
    ]);
  });

  it('is nothing more where the class lists the features, or none yet', () => {
    for (const cls of [
      gatewayClass(),
      gatewayClass([
        'Gateway',
        'HTTPRoute',
        'HTTPRoutePathRedirect',
        'HTTPRouteSchemeRedirect',
      ]),
    ]) {
      const cluster = snapshot([...objects, cls]);
      expect(blockersOf(cluster, 'checkout', 'plain')).toEqual([]);
      expect(blockersOf(cluster, 'checkout', 'moved')).toEqual([]);
    }
  });
});
