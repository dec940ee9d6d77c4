import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { gatewayApiAuthStrategyExtensionPoint, gatewayApiPlugin } from '..';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { clusterEntity } from '../__testUtils__/clusterEntities';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { CatalogClustersEntityProvider } from '../provider/CatalogClustersEntityProvider';
import { createGatewayApiClusters } from './clustersService';

const allRights = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];

/**
 * The `catalog` locator through the dev cluster over verified HTTPS: clusters registered as
 * kubernetes-cluster Resources while the backend runs are read, watched and dropped.
 */
describe('clusters from the catalog', () => {
  let cluster: DevCluster;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    cluster = await startDevCluster({
      controllers: false,
      seed: [],
      tokens: [
        { token: 'catalog-token', username: 'catalog-sa', rules: allRights },
      ],
    });
    await new ClusterClient({
      name: 'admin',
      url: cluster.url,
      serviceAccountToken: cluster.adminToken,
      skipTLSVerify: true,
    }).apply({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'default' },
      spec: {
        gatewayClassName: 'eg',
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
      },
    });
  }, 60_000);
  afterAll(() => cluster.close());

  /** A strategy a module would add: the dev cluster's token for `catalog-token` clusters. */
  const tokenStrategy = (token: string): AuthenticationStrategy => ({
    getCredential: async () => ({ type: 'bearer token', token }),
    validateCluster: () => [],
    presentAuthMetadata: () => ({}),
  });

  async function start(extraConfig: object = {}) {
    let entities: Entity[] = [];
    let failing = false;
    const catalog = catalogServiceMock.mock({
      getEntities: async (query, options) => {
        if (failing) throw new Error('catalog unavailable');
        return catalogServiceMock({ entities }).getEntities(query, options);
      },
    });
    const clusters = await createGatewayApiClusters(
      new ConfigReader({
        gatewayApi: { clusters: { refreshInterval: { milliseconds: 200 } } },
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'configured',
                  url: cluster.httpsUrl,
                  caData: cluster.caData,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'catalog-token',
                },
              ],
            },
            {
              type: 'catalog',
              dangerouslyAllowClusterUrls: ['127.0.0.1'],
            },
          ],
        },
        ...extraConfig,
      }),
      logger,
      {
        clientOptions: {
          retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 },
          timeoutMs: 3_000,
        },
      },
    );
    clusters.addAuthStrategy('devToken', tokenStrategy('catalog-token'));
    clusters.addAuthStrategy('wrongToken', tokenStrategy('not-a-token'));
    clusters.cache.start();
    await clusters.readCatalogLocators(catalog, async () =>
      mockCredentials.service('plugin:gateway-api'),
    );
    return {
      clusters,
      setEntities: (next: Entity[]) => {
        entities = next;
      },
      setFailing: (next: boolean) => {
        failing = next;
      },
      catalog,
    };
  }

  const devEntity = (name: string, extra: Record<string, string> = {}) =>
    clusterEntity(name, {
      'kubernetes.io/api-server': cluster.httpsUrl,
      'kubernetes.io/api-server-certificate-authority': cluster.caData,
      'kubernetes.io/auth-provider': 'devToken',
      ...extra,
    });

  const gatewaysOf = (
    clusters: Awaited<ReturnType<typeof start>>['clusters'],
    name: string,
  ) =>
    (clusters.cache.snapshot(name).byKind.get('Gateway') ?? []).map(
      g => g.metadata?.name,
    );

  it('adds a cluster registered later, watches it, and drops it when its entity goes', async () => {
    const { clusters, setEntities, catalog } = await start();
    try {
      expect(clusters.clusters.map(c => c.name)).toEqual(['configured']);
      // The catalog is read with the plugin's own service credentials.
      expect(catalog.getEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
        }),
        {
          credentials: expect.objectContaining({
            principal: { type: 'service', subject: 'plugin:gateway-api' },
          }),
        },
      );
      const changes: string[] = [];
      clusters.subscribe(c =>
        changes.push(`+${c.added.join(',')} -${c.removed.join(',')}`),
      );

      setEntities([devEntity('from-catalog')]);
      await eventually(() =>
        expect(clusters.clusters.map(c => c.name)).toEqual([
          'configured',
          'from-catalog',
        ]),
      );
      expect(clusters.locatorOf('from-catalog')).toBe('catalog');
      expect(clusters.client('from-catalog')).toBeDefined();
      await eventually(() =>
        expect(gatewaysOf(clusters, 'from-catalog')).toEqual(['edge']),
      );
      expect(clusters.problems()).toEqual([]);

      setEntities([]);
      await eventually(() =>
        expect(clusters.clusters.map(c => c.name)).toEqual(['configured']),
      );
      expect(clusters.clients.map(c => c.name)).toEqual(['configured']);
      expect(clusters.cache.clusters).toEqual(['configured']);
      expect(clusters.cache.hasSynced('from-catalog')).toBe(false);
      expect(changes).toEqual(['+from-catalog -', '+ -from-catalog']);
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it("puts a catalog cluster's Gateways in the catalog through one provider, and takes them out when it goes", async () => {
    const { clusters, setEntities } = await start();
    const mutations: EntityProviderMutation[] = [];
    const provider = new CatalogClustersEntityProvider({
      config: new ConfigReader({}),
      logger,
      scheduler: mockServices.scheduler.mock(),
      clusters,
    });
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    // What the catalog holds of the provider: the last full mutation, then the deltas.
    const inCatalog = () => {
      const held = new Map<string, string>();
      for (const m of mutations) {
        if (m.type === 'full') held.clear();
        const added = m.type === 'full' ? m.entities : m.added;
        for (const e of added) {
          held.set(stringifyEntityRef(e.entity), e.locationKey ?? '');
        }
        if (m.type === 'delta') {
          for (const r of m.removed) {
            held.delete('entityRef' in r ? r.entityRef : '');
          }
        }
      }
      return held;
    };
    try {
      setEntities([devEntity('from-catalog')]);
      await eventually(() =>
        expect([...inCatalog().entries()]).toContainEqual([
          expect.stringMatching(/edge/),
          'gateway-api:from-catalog',
        ]),
      );
      setEntities([]);
      await eventually(() => expect(inCatalog().size).toBe(0));
      expect(mutations[mutations.length - 1]).toEqual({
        type: 'full',
        entities: [],
      });
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it('reports a malformed entity and one whose credential the cluster refuses, each since when', async () => {
    const { clusters, setEntities } = await start();
    try {
      setEntities([
        devEntity('no-ca', {
          'kubernetes.io/api-server-certificate-authority': '',
        }),
        devEntity('refused', { 'kubernetes.io/auth-provider': 'wrongToken' }),
      ]);
      await eventually(() =>
        expect(clusters.problems()).toEqual([
          {
            cluster: 'no-ca',
            locator: 'catalog',
            kind: 'malformedEntity',
            reason:
              'it lacks the annotation kubernetes.io/api-server-certificate-authority',
            since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            entityRef: 'resource:default/no-ca',
          },
          {
            cluster: 'refused',
            locator: 'catalog',
            kind: 'unauthenticated',
            reason: expect.stringMatching(/answers 401/),
            since: expect.any(String),
            entityRef: 'resource:default/refused',
          },
        ]),
      );
      const since = clusters.problemOf('no-ca')!.since;
      // Read again and again, a lasting problem keeps its first time.
      await new Promise(r => setTimeout(r, 500));
      expect(clusters.problemOf('no-ca')!.since).toBe(since);
      expect(JSON.stringify(clusters.problems())).not.toContain('not-a-token');

      // Fixed, it is read and its problem is over.
      setEntities([devEntity('no-ca'), devEntity('refused')]);
      await eventually(() => expect(clusters.problems()).toEqual([]));
      await eventually(() =>
        expect(gatewaysOf(clusters, 'refused')).toEqual(['edge']),
      );
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it('keeps the last clusters while the catalog cannot be read, and says so', async () => {
    const { clusters, setEntities, setFailing } = await start();
    try {
      setEntities([devEntity('from-catalog')]);
      await eventually(() =>
        expect(clusters.client('from-catalog')).toBeDefined(),
      );
      setFailing(true);
      await eventually(() =>
        expect(clusters.problems()).toEqual([
          expect.objectContaining({
            locator: 'catalog',
            kind: 'locatorNotRead',
            reason: expect.stringMatching(/catalog unavailable/),
          }),
        ]),
      );
      expect(clusters.client('from-catalog')).toBeDefined();
      setFailing(false);
      await eventually(() => expect(clusters.problems()).toEqual([]));
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it('through the real plugin: GET /clusters serves a cluster registered in the catalog, and its problems', async () => {
    const strategies = createBackendModule({
      pluginId: 'gateway-api',
      moduleId: 'dev-token',
      register(env) {
        env.registerInit({
          deps: { points: gatewayApiAuthStrategyExtensionPoint },
          async init({ points }) {
            points.addAuthStrategy('devToken', tokenStrategy('catalog-token'));
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        gatewayApiPlugin,
        strategies,
        catalogServiceMock.factory({
          entities: [
            devEntity('from-catalog'),
            devEntity('metadata', {
              'kubernetes.io/api-server': 'https://169.254.169.254',
            }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            gatewayApi: { clusters: { refreshInterval: { seconds: 1 } } },
            kubernetes: {
              clusterLocatorMethods: [
                { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
              ],
            },
          },
        }),
      ],
    });
    await eventually(async () => {
      const res = await request(server).get('/api/gateway-api/clusters');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          name: 'from-catalog',
          url: cluster.httpsUrl,
          apis: expect.objectContaining({ unreadable: [] }),
        }),
      ]);
      expect(res.body.problems).toEqual([
        expect.objectContaining({
          cluster: 'metadata',
          kind: 'malformedEntity',
          reason: expect.stringMatching(/non-public address 169.254.169.254/),
          entityRef: 'resource:default/metadata',
        }),
      ]);
    }, 30_000);
  }, 60_000);

  describe('hostile entities', () => {
    it('cannot take the name of a configured cluster, nor its credential', async () => {
      const { clusters, setEntities } = await start();
      try {
        // Same name as the configured cluster, pointing elsewhere with no auth provider of its
        // own, and a second one with the configured cluster's provider.
        setEntities([
          devEntity('configured', {
            'kubernetes.io/auth-provider': 'devToken',
          }),
          clusterEntity('no-provider', {
            'kubernetes.io/api-server': cluster.httpsUrl,
            'kubernetes.io/api-server-certificate-authority': cluster.caData,
          }),
        ]);
        await eventually(() =>
          expect(
            clusters.problems().map(p => `${p.cluster}: ${p.kind}`),
          ).toEqual([
            'configured: invalidConfig',
            'no-provider: malformedEntity',
          ]),
        );
        expect(clusters.clusters.map(c => c.name)).toEqual(['configured']);
        // The configured cluster is untouched: same URL, no problem, the actions may use it.
        expect(clusters.clusters[0].url).toBe(cluster.httpsUrl);
        expect(clusters.locatorOf('configured')).toBe('config');
        expect(clusters.problemOf('configured')).toBeUndefined();
        expect(clusters.problemOf('no-provider')).toMatchObject({
          kind: 'malformedEntity',
          reason: 'it lacks the annotation kubernetes.io/auth-provider',
        });
      } finally {
        clusters.stop();
      }
    }, 60_000);
  });
});
