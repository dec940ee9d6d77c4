import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { CatalogClustersEntityProvider } from '../provider/CatalogClustersEntityProvider';
import { createGatewayApiClusters } from './clustersService';
import { GkeCluster } from './gkeLocator';

const allRights = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];

/**
 * The `gke` locator through a fake GKE API whose clusters are the dev cluster over verified
 * HTTPS: clusters that appear in the project while the backend runs are read, watched and
 * dropped when they go, as a catalog locator's are.
 */
describe('clusters from GKE', () => {
  let cluster: DevCluster;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    cluster = await startDevCluster({
      controllers: false,
      seed: [],
      tokens: [{ token: 'gke-token', username: 'gke-sa', rules: allRights }],
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

  /** Google's service account token, as a module would add the strategy. */
  const googleServiceAccount: AuthenticationStrategy = {
    getCredential: async () => ({ type: 'bearer token', token: 'gke-token' }),
    validateCluster: () => [],
    presentAuthMetadata: () => ({}),
  };

  /** A GKE cluster whose endpoint is the dev cluster. */
  const gkeCluster = (name: string): GkeCluster => ({
    name,
    endpoint: new URL(cluster.httpsUrl).host,
    masterAuth: { clusterCaCertificate: cluster.caData },
  });

  async function start(initially: GkeCluster[]) {
    let listed = initially;
    let failing = false;
    const parents: string[] = [];
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
                  serviceAccountToken: 'gke-token',
                },
              ],
            },
            {
              type: 'gke',
              projectId: 'acme',
              authProvider: 'googleServiceAccount',
            },
          ],
        },
      }),
      logger,
      {
        clientOptions: {
          retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 },
          timeoutMs: 3_000,
        },
        gke: async () => ({
          listClusters: async (request: { parent: string }) => {
            parents.push(request.parent);
            if (failing) throw new Error('PERMISSION_DENIED');
            return [{ clusters: listed }] as [{ clusters: GkeCluster[] }];
          },
        }),
      },
    );
    clusters.addAuthStrategy('googleServiceAccount', googleServiceAccount);
    clusters.cache.start();
    return {
      clusters,
      parents,
      list: (next: GkeCluster[]) => {
        listed = next;
      },
      setFailing: (next: boolean) => {
        failing = next;
      },
    };
  }

  const names = (clusters: { clusters: Array<{ name: string }> }) =>
    clusters.clusters.map(c => c.name);
  const gatewaysOf = (
    clusters: Awaited<ReturnType<typeof start>>['clusters'],
    name: string,
  ) =>
    (clusters.cache.snapshot(name).byKind.get('Gateway') ?? []).map(
      g => g.metadata?.name,
    );

  it('takes in a cluster that appears in the project, watches it, and drops one that goes', async () => {
    const { clusters, parents, list } = await start([gkeCluster('prod')]);
    try {
      // Listed at start-up, as before.
      expect(names(clusters)).toEqual(['configured', 'prod']);
      expect(clusters.locatorOf('prod')).toBe('gke');
      const changes: string[] = [];
      clusters.subscribe(c =>
        changes.push(`+${c.added.join(',')} -${c.removed.join(',')}`),
      );

      list([gkeCluster('prod'), gkeCluster('staging')]);
      await eventually(() =>
        expect(names(clusters)).toEqual(['configured', 'prod', 'staging']),
      );
      expect(clusters.locatorOf('staging')).toBe('gke');
      await eventually(() =>
        expect(gatewaysOf(clusters, 'staging')).toEqual(['edge']),
      );
      expect(clusters.problems()).toEqual([]);

      list([gkeCluster('staging')]);
      await eventually(() =>
        expect(names(clusters)).toEqual(['configured', 'staging']),
      );
      expect(clusters.clients.map(c => c.name)).toEqual([
        'configured',
        'staging',
      ]);
      expect(clusters.cache.clusters).toEqual(['configured', 'staging']);
      expect(clusters.cache.hasSynced('prod')).toBe(false);
      // prod was unchanged while it stayed: never dropped and taken in again.
      expect(changes).toEqual(['+staging -', '+ -prod']);
      expect(new Set(parents)).toEqual(new Set(['projects/acme/locations/-']));
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it('keeps the last clusters while the project cannot be listed, and says so', async () => {
    const { clusters, list, setFailing } = await start([gkeCluster('prod')]);
    try {
      setFailing(true);
      list([]);
      await eventually(() =>
        expect(clusters.problems()).toEqual([
          expect.objectContaining({
            locator: 'gke',
            kind: 'locatorNotRead',
            reason:
              'listing the clusters of GKE project "acme" failed: PERMISSION_DENIED',
          }),
        ]),
      );
      expect(names(clusters)).toEqual(['configured', 'prod']);
      setFailing(false);
      await eventually(() => expect(names(clusters)).toEqual(['configured']));
      expect(clusters.problems()).toEqual([]);
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it('cannot take the name of a configured cluster', async () => {
    const { clusters, list } = await start([]);
    try {
      list([{ ...gkeCluster('configured'), endpoint: 'elsewhere.example' }]);
      await eventually(() =>
        expect(clusters.problems()).toEqual([
          expect.objectContaining({
            cluster: 'configured',
            locator: 'gke',
            kind: 'invalidConfig',
            reason: expect.stringMatching(/comes from the config locator/),
          }),
        ]),
      );
      expect(names(clusters)).toEqual(['configured']);
      expect(clusters.locatorOf('configured')).toBe('config');
      expect(clusters.clusters[0].url).toBe(cluster.httpsUrl);
    } finally {
      clusters.stop();
    }
  }, 60_000);

  it("puts a GKE cluster's Gateways in the catalog through the provider of clusters that come and go, and takes them out when it goes", async () => {
    const { clusters, list } = await start([]);
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
      list([gkeCluster('prod')]);
      await eventually(() =>
        expect([...inCatalog().entries()]).toContainEqual([
          expect.stringMatching(/edge/),
          'gateway-api:prod',
        ]),
      );
      list([]);
      await eventually(() => expect(inCatalog().size).toBe(0));
    } finally {
      clusters.stop();
    }
  }, 60_000);
});
