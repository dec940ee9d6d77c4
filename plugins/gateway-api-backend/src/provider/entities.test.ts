import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { entitiesFromSnapshot } from './entities';

const snapshot = (objects: Record<string, any[]>): ClusterSnapshot => ({
  cluster: 'dev-cluster',
  byKind: new Map(Object.entries(objects) as [string, KubernetesObject[]][]),
});

const tenantNamespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'tenant-team-b',
    labels: {
      'gateway-api.gatehouse.dev/tenant': 'team-b',
      'gateway-api.gatehouse.dev/layout': 'tenant-shared',
    },
    annotations: {
      'gateway-api.gatehouse.dev/domains': 'team-b.example.org',
      'gateway-api.gatehouse.dev/owner-group': 'group:default/team-b',
      'gateway-api.gatehouse.dev/attached-namespaces': 'team-b-apps',
    },
  },
};

const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gateway', namespace: 'tenant-team-b' },
  spec: {
    gatewayClassName: 'envoy',
    listeners: [{ name: 'https', port: 443, protocol: 'HTTPS' }],
  },
  status: { addresses: [{ type: 'IPAddress', value: '192.0.2.20' }] },
};

const route = (name: string, hostnames: string[], extra: object = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name,
    namespace: 'team-b-apps',
    labels: { 'backstage.io/kubernetes-id': 'payments' },
    annotations: {
      'gateway-api.gatehouse.dev/entity-ref': 'component:default/payments',
    },
  },
  spec: {
    hostnames,
    parentRefs: [{ name: 'gateway', namespace: 'tenant-team-b' }],
  },
  ...extra,
});

const options = {
  defaultOwner: 'group:default/platform',
  location: 'gateway-api:dev-cluster',
};

describe('entitiesFromSnapshot', () => {
  it('emits a tenant, its gateway and a hostname with owners and relations', () => {
    const entities = entitiesFromSnapshot(
      snapshot({
        Namespace: [tenantNamespace],
        Gateway: [gateway],
        HTTPRoute: [route('payments', ['Pay.Team-B.example.org.'])],
      }),
      options,
    );
    const byType = Object.fromEntries(
      entities.map(e => [e.spec!.type as string, e]),
    );

    expect(byType['gateway-tenant']).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'team-b',
        namespace: 'dev-cluster',
        annotations: {
          'backstage.io/managed-by-location': 'gateway-api:dev-cluster',
          'backstage.io/managed-by-origin-location': 'gateway-api:dev-cluster',
          'gateway-api.gatehouse.dev/domains': 'team-b.example.org',
        },
      },
      spec: { owner: 'group:default/team-b' },
    });
    expect(byType.gateway).toMatchObject({
      metadata: {
        name: 'tenant-team-b.gateway',
        title: 'tenant-team-b/gateway',
        annotations: {
          'gateway-api.gatehouse.dev/part-of': 'resource:dev-cluster/team-b',
        },
      },
      spec: { owner: 'group:default/team-b' },
    });
    expect(byType.hostname).toMatchObject({
      metadata: {
        name: 'pay.team-b.example.org',
        title: 'pay.team-b.example.org',
        links: [{ url: 'https://pay.team-b.example.org' }],
        annotations: {
          'backstage.io/kubernetes-id': 'payments',
          'gateway-api.gatehouse.dev/objects': 'HTTPRoute/team-b-apps/payments',
        },
      },
      spec: {
        owner: 'group:default/team-b',
        dependsOn: ['resource:dev-cluster/tenant-team-b.gateway'],
        dependencyOf: ['component:default/payments'],
      },
    });
  });

  it('gathers every route of a hostname into one entity', () => {
    const entities = entitiesFromSnapshot(
      snapshot({
        HTTPRoute: [
          route('api', ['shop.team-b.example.org']),
          route('web', ['shop.team-b.example.org']),
        ],
      }),
      options,
    );
    expect(entities).toHaveLength(1);
    expect(
      entities[0].metadata.annotations!['gateway-api.gatehouse.dev/objects'],
    ).toBe('HTTPRoute/team-b-apps/api,HTTPRoute/team-b-apps/web');
  });

  it("leaves cert-manager's HTTP-01 solver route out of the hostname's entity", () => {
    const solver = route('cm-acme-http-solver-x', ['shop.team-b.example.org'], {
      metadata: {
        name: 'cm-acme-http-solver-x',
        namespace: 'tenant-team-b',
        labels: { 'acme.cert-manager.io/http01-solver': 'true' },
      },
      spec: {
        hostnames: ['shop.team-b.example.org'],
        parentRefs: [{ name: 'acme-challenge', namespace: 'tenant-team-b' }],
      },
    });
    const [entity, ...others] = entitiesFromSnapshot(
      snapshot({
        HTTPRoute: [route('web', ['shop.team-b.example.org']), solver],
      }),
      options,
    );
    expect(others).toEqual([]);
    expect(
      entity.metadata.annotations!['gateway-api.gatehouse.dev/objects'],
    ).toBe('HTTPRoute/team-b-apps/web');
    expect(entity.spec!.dependsOn).toEqual([
      'resource:dev-cluster/tenant-team-b.gateway',
    ]);
  });

  it("gives a route without hostnames its listeners' hostnames, and none for a listener that has none", () => {
    const redirectGateway = {
      ...gateway,
      spec: {
        gatewayClassName: 'envoy',
        listeners: [
          {
            name: 'http-redirect',
            port: 80,
            protocol: 'HTTP',
            hostname: '*.team-b.example.org',
          },
          { name: 'http-any', port: 8080, protocol: 'HTTP' },
        ],
      },
    };
    const hostnameless = (name: string, sectionName: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: 'tenant-team-b' },
      spec: { parentRefs: [{ name: 'gateway', sectionName }] },
    });
    const entities = entitiesFromSnapshot(
      snapshot({
        Namespace: [tenantNamespace],
        Gateway: [redirectGateway],
        HTTPRoute: [
          hostnameless('http-redirect', 'http-redirect'),
          hostnameless('catch-all', 'http-any'),
        ],
      }),
      options,
    );
    const hostnames = entities.filter(e => e.spec!.type === 'hostname');
    expect(hostnames).toHaveLength(1);
    expect(hostnames[0]).toMatchObject({
      metadata: {
        title: '*.team-b.example.org',
        links: [],
        annotations: {
          'gateway-api.gatehouse.dev/objects':
            'HTTPRoute/tenant-team-b/http-redirect',
        },
      },
      spec: {
        owner: 'group:default/team-b',
        dependsOn: ['resource:dev-cluster/tenant-team-b.gateway'],
      },
    });
  });

  it('gives a 253-character hostname a valid entity name and keeps it as title', () => {
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(
      60,
    )}.${'d'.repeat(50)}.example.org`;
    const [entity] = entitiesFromSnapshot(
      snapshot({ HTTPRoute: [route('long', [long])] }),
      options,
    );
    expect(entity.metadata.title).toBe(long);
    expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
    expect(entity.metadata.name).toMatch(
      /^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9]$/,
    );
  });

  it('skips malformed objects with a reason and keeps the rest', () => {
    const skipped: string[] = [];
    const entities = entitiesFromSnapshot(
      snapshot({
        Gateway: [
          {
            kind: 'Gateway',
            metadata: { name: 'broken', namespace: 'x' },
            spec: {},
          },
          gateway,
        ],
        HTTPRoute: [route('bad', ['10.0.0.1', 'ok.team-b.example.org'])],
      }),
      options,
      (object, reason) => skipped.push(`${object}: ${reason}`),
    );
    expect(skipped).toEqual([
      expect.stringMatching(/^Gateway\/x\/broken: .*listeners/),
      expect.stringMatching(/^HTTPRoute\/team-b-apps\/bad: .*IP address/),
    ]);
    expect(entities.map(e => e.metadata.title)).toEqual([
      'tenant-team-b/gateway',
      'ok.team-b.example.org',
    ]);
  });

  it('gives objects outside any tenant the default owner', () => {
    const [entity] = entitiesFromSnapshot(
      snapshot({
        Gateway: [
          { ...gateway, metadata: { name: 'shared', namespace: 'gateway' } },
        ],
      }),
      options,
    );
    expect(entity.spec!.owner).toBe('group:default/platform');
    expect(entity.metadata.annotations).not.toHaveProperty(
      'gateway-api.gatehouse.dev/part-of',
    );
  });
});
