import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { entitiesFromSnapshot } from '../provider/entities';
import { MIGRATION_ANNOTATIONS } from './migrationAnnotations';

const snapshotOf = (objects: object[]): ClusterSnapshot => {
  const byKind = new Map<string, KubernetesObject[]>();
  for (const o of objects as KubernetesObject[]) {
    byKind.set(o.kind!, [...(byKind.get(o.kind!) ?? []), o]);
  }
  return { cluster: 'dev-cluster', byKind };
};

const tenantNs = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'tenant-team-b',
    labels: { 'gateway-api.gatehouse.dev/tenant': 'team-b' },
    annotations: {
      'gateway-api.gatehouse.dev/domains': 'team-b.example.org',
      'gateway-api.gatehouse.dev/owner-group': 'group:default/team-b',
      'gateway-api.gatehouse.dev/attached-namespaces': 'payments',
    },
  },
};
const nginx = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx' },
  spec: { controller: 'k8s.io/ingress-nginx' },
};
const ingress = (name: string, host: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name,
    namespace: 'payments',
    labels: { 'backstage.io/kubernetes-id': 'payments' },
  },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: [host], secretName: `${name}-tls` }],
    rules: [{ host }],
  },
});
const route = (name: string, host: string, fromIngress?: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name,
    namespace: 'payments',
    annotations: fromIngress
      ? { [MIGRATION_ANNOTATIONS.migratedFrom]: fromIngress }
      : {},
  },
  spec: { hostnames: [host], parentRefs: [{ name: 'gw', namespace: 'x' }] },
});
const options = {
  defaultOwner: 'group:default/platform',
  location: 'gateway-api:dev-cluster',
};
const hostnameEntity = (entities: any[], title: string) =>
  entities.find(e => e.spec.type === 'hostname' && e.metadata.title === title);

describe('hostname entities of Ingresses', () => {
  it('gives a hostname only an Ingress serves its own entity, owned through the tenant', () => {
    const entities = entitiesFromSnapshot(
      snapshotOf([
        tenantNs,
        nginx,
        ingress('legacy', 'legacy.team-b.example.org'),
      ]),
      options,
    );
    const entity = hostnameEntity(entities, 'legacy.team-b.example.org');
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        namespace: 'dev-cluster',
        labels: { 'gateway-api.gatehouse.dev/tenant': 'team-b' },
        annotations: {
          'gateway-api.gatehouse.dev/source': 'Ingress',
          'gateway-api.gatehouse.dev/ingress-class': 'nginx',
          'gateway-api.gatehouse.dev/ingress-tls-secret': 'legacy-tls',
          'gateway-api.gatehouse.dev/ingress-migration': 'ingress-only',
          'gateway-api.gatehouse.dev/objects': 'Ingress/payments/legacy',
          'backstage.io/managed-by-location': 'gateway-api:dev-cluster',
          'backstage.io/managed-by-origin-location': 'gateway-api:dev-cluster',
        },
        links: [{ url: 'https://legacy.team-b.example.org' }],
      },
      spec: {
        type: 'hostname',
        owner: 'group:default/team-b',
        dependencyOf: ['component:default/payments'],
      },
    });
  });

  it('names the Ingress beside the route on one entity when both serve the hostname', () => {
    const entities = entitiesFromSnapshot(
      snapshotOf([
        tenantNs,
        nginx,
        ingress('legacy', 'legacy.team-b.example.org'),
        route('legacy', 'legacy.team-b.example.org', 'payments/legacy'),
      ]),
      options,
    );
    const hostnames = entities.filter(
      e => e.metadata.title === 'legacy.team-b.example.org',
    );
    expect(hostnames).toHaveLength(1);
    expect(hostnames[0].metadata.annotations).toMatchObject({
      'gateway-api.gatehouse.dev/ingress-migration': 'both',
      'gateway-api.gatehouse.dev/objects':
        'HTTPRoute/payments/legacy,Ingress/payments/legacy',
    });
  });

  it('marks a hostname moved once only the route made from the Ingress serves it', () => {
    const entities = entitiesFromSnapshot(
      snapshotOf([
        tenantNs,
        route('legacy', 'legacy.team-b.example.org', 'payments/legacy'),
        route('plain', 'plain.team-b.example.org'),
      ]),
      options,
    );
    expect(
      hostnameEntity(entities, 'legacy.team-b.example.org').metadata
        .annotations['gateway-api.gatehouse.dev/ingress-migration'],
    ).toBe('moved');
    expect(
      hostnameEntity(entities, 'plain.team-b.example.org').metadata.annotations[
        'gateway-api.gatehouse.dev/ingress-migration'
      ],
    ).toBeUndefined();
  });
});
