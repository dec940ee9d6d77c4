import {
  Entity,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { entitiesFromSnapshot } from './entities';
import {
  AUTO_MAX_HOSTNAME_ENTITIES,
  hostnameCatalogEntityRef,
  resolveHostnameEntities,
  shapeHostnameEntities,
} from './hostnameEntities';

const namespace = (name: string, tenant?: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name,
    ...(tenant
      ? {
          labels: { 'gateway-api.gatehouse.dev/tenant': tenant },
          annotations: {
            'gateway-api.gatehouse.dev/domains': `${tenant}.example.org`,
            'gateway-api.gatehouse.dev/owner-group': `group:default/${tenant}`,
            'gateway-api.gatehouse.dev/attached-namespaces': `${tenant}-apps`,
          },
        }
      : {}),
  },
});

const gateway = (ns: string, name: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: ns },
  spec: {
    gatewayClassName: 'envoy',
    listeners: [{ name: 'https', port: 443, protocol: 'HTTPS' }],
  },
});

const route = (
  ns: string,
  name: string,
  hostnames: string[],
  parent: [string, string],
  component: string,
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name,
    namespace: ns,
    annotations: {
      'gateway-api.gatehouse.dev/entity-ref': `component:default/${component}`,
    },
  },
  spec: {
    hostnames,
    parentRefs: [{ namespace: parent[0], name: parent[1] }],
  },
});

const snapshot: ClusterSnapshot = {
  cluster: 'dev-cluster',
  byKind: new Map(
    Object.entries({
      Namespace: [
        namespace('tenant-team-a', 'team-a'),
        namespace('team-a-apps'),
        namespace('tenant-team-b', 'team-b'),
        namespace('team-b-apps'),
        namespace('shared-apps'),
      ],
      Gateway: [
        gateway('tenant-team-a', 'one'),
        gateway('tenant-team-a', 'two'),
        gateway('tenant-team-b', 'gateway'),
      ],
      HTTPRoute: [
        route(
          'team-a-apps',
          'shop',
          ['shop.team-a.example.org', 'api.shop.team-a.example.org'],
          ['tenant-team-a', 'one'],
          'shop',
        ),
        route(
          'team-a-apps',
          'admin',
          ['admin.team-a.example.org'],
          ['tenant-team-a', 'two'],
          'admin',
        ),
        route(
          'team-b-apps',
          'pay',
          ['pay.team-b.example.org'],
          ['tenant-team-b', 'gateway'],
          'pay',
        ),
        // In no tenant's namespace: the platform's default owner.
        route(
          'shared-apps',
          'status',
          ['status.example.org'],
          ['tenant-team-b', 'gateway'],
          'status',
        ),
      ],
    }) as [string, KubernetesObject[]][],
  ),
};

const perHostname = entitiesFromSnapshot(snapshot, {
  defaultOwner: 'group:default/platform',
  location: 'gateway-api:dev-cluster',
});
const ofType = (entities: Entity[], type: string) =>
  entities.filter(e => e.spec?.type === type);
const ref = (e: Entity) =>
  `resource:${e.metadata.namespace}/${e.metadata.name}`;

describe('shapeHostnameEntities', () => {
  it('perHostname: one entity per hostname, as built', () => {
    expect(shapeHostnameEntities(perHostname, 'perHostname')).toBe(perHostname);
    expect(ofType(perHostname, 'hostname')).toHaveLength(5);
  });

  it('none: tenants and Gateways only', () => {
    const entities = shapeHostnameEntities(perHostname, 'none');
    expect(ofType(entities, 'hostname')).toEqual([]);
    expect(entities).toEqual(
      perHostname.filter(e => e.spec?.type !== 'hostname'),
    );
    expect(ofType(entities, 'gateway-tenant')).toHaveLength(2);
    expect(ofType(entities, 'gateway')).toHaveLength(3);
  });

  it('perTenant: one entity per tenant listing its hostnames, with their relations', async () => {
    const entities = shapeHostnameEntities(perHostname, 'perTenant');
    expect(ofType(entities, 'hostname')).toEqual([]);
    const groups = ofType(entities, 'hostnames');
    expect(groups).toHaveLength(3);
    const byTitle = Object.fromEntries(groups.map(g => [g.metadata.title, g]));
    const teamA = byTitle['Hostnames of team-a'];
    const teamARef = ref(
      entities.find(
        e => e.metadata.name === 'team-a' && e.spec?.type === 'gateway-tenant',
      )!,
    );
    expect(teamA).toMatchObject({
      kind: 'Resource',
      metadata: {
        namespace: 'dev-cluster',
        labels: { 'gateway-api.gatehouse.dev/tenant': 'team-a' },
        annotations: {
          'backstage.io/managed-by-location': 'gateway-api:dev-cluster',
          'backstage.io/managed-by-origin-location': 'gateway-api:dev-cluster',
          'gateway-api.gatehouse.dev/cluster': 'dev-cluster',
          'gateway-api.gatehouse.dev/part-of': teamARef,
        },
      },
      spec: {
        type: 'hostnames',
        owner: 'group:default/team-a',
        hostnames: [
          'admin.team-a.example.org',
          'api.shop.team-a.example.org',
          'shop.team-a.example.org',
        ],
        dependsOn: [
          'resource:dev-cluster/tenant-team-a.one',
          'resource:dev-cluster/tenant-team-a.two',
        ],
        dependencyOf: ['component:default/admin', 'component:default/shop'],
      },
    });
    expect(byTitle['Hostnames of team-b'].spec).toMatchObject({
      owner: 'group:default/team-b',
      hostnames: ['pay.team-b.example.org'],
    });
    // Outside any tenant: the default owner, no part-of, no tenant label.
    const none = byTitle['Hostnames of no tenant'];
    expect(none.spec).toMatchObject({
      owner: 'group:default/platform',
      hostnames: ['status.example.org'],
      dependsOn: ['resource:dev-cluster/tenant-team-b.gateway'],
    });
    expect(none.metadata.labels).toBeUndefined();
    expect(
      none.metadata.annotations?.['gateway-api.gatehouse.dev/part-of'],
    ).toBeUndefined();

    // Every hostname in exactly one group; no name taken twice; each a valid Resource.
    expect(groups.flatMap(g => g.spec!.hostnames as string[]).sort()).toEqual(
      ofType(perHostname, 'hostname')
        .map(e => e.metadata.title)
        .sort(),
    );
    expect(new Set(entities.map(ref)).size).toBe(entities.length);
    for (const group of groups) {
      await expect(resourceEntityV1alpha1Validator.check(group)).resolves.toBe(
        true,
      );
    }
  });

  it('perTenant: a cluster without hostnames has no group', () => {
    const withoutHostnames = perHostname.filter(
      e => e.spec?.type !== 'hostname',
    );
    expect(shapeHostnameEntities(withoutHostnames, 'perTenant')).toEqual(
      withoutHostnames,
    );
  });
});

describe('resolveHostnameEntities', () => {
  const withHostnames = (count: number): ClusterSnapshot => ({
    cluster: 'c',
    byKind: new Map([
      [
        'HTTPRoute',
        [
          {
            kind: 'HTTPRoute',
            spec: {
              hostnames: Array.from({ length: count }, (_, i) => `h${i}.a`),
            },
          } as KubernetesObject,
        ],
      ],
      [
        'TLSRoute',
        [
          {
            kind: 'TLSRoute',
            spec: { hostnames: ['t.a'] },
          } as KubernetesObject,
        ],
      ],
    ]),
  });

  it('auto: one entity per hostname up to the threshold over every cluster, grouped above', () => {
    const half = AUTO_MAX_HOSTNAME_ENTITIES / 2;
    // Two clusters of half the threshold, each with one TLSRoute hostname more: just above.
    expect(
      resolveHostnameEntities('auto', () => [
        withHostnames(half - 1),
        withHostnames(half - 1),
      ]),
    ).toBe('perHostname');
    expect(
      resolveHostnameEntities('auto', () => [
        withHostnames(half),
        withHostnames(half - 1),
      ]),
    ).toBe('perTenant');
  });

  it('a configured shape is kept whatever the size', () => {
    const snapshots = jest.fn(() => [withHostnames(20_000)]);
    expect(resolveHostnameEntities('perHostname', snapshots)).toBe(
      'perHostname',
    );
    expect(resolveHostnameEntities('none', snapshots)).toBe('none');
    expect(snapshots).not.toHaveBeenCalled();
  });
});

describe('hostnameCatalogEntityRef', () => {
  const tenantOf = (e: Entity) =>
    e.metadata.labels?.['gateway-api.gatehouse.dev/tenant'];

  it('perHostname: the ref of the hostname’s own entity', () => {
    const hostnames = ofType(perHostname, 'hostname');
    expect(hostnames).toHaveLength(5);
    for (const entity of hostnames) {
      expect(
        hostnameCatalogEntityRef(
          'perHostname',
          'dev-cluster',
          entity.metadata.title!,
          tenantOf(entity),
        ),
      ).toBe(ref(entity));
    }
  });

  it('perTenant: the ref of the group that lists the hostname, tenant or none', () => {
    const groups = ofType(
      shapeHostnameEntities(perHostname, 'perTenant'),
      'hostnames',
    );
    expect(groups).toHaveLength(3);
    for (const group of groups) {
      for (const hostname of group.spec!.hostnames as string[]) {
        expect(
          hostnameCatalogEntityRef(
            'perTenant',
            'dev-cluster',
            hostname,
            tenantOf(group),
          ),
        ).toBe(ref(group));
      }
    }
  });

  it('none: no entity', () => {
    expect(
      hostnameCatalogEntityRef(
        'none',
        'dev-cluster',
        'shop.team-a.example.org',
        'team-a',
      ),
    ).toBeUndefined();
  });
});
