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
