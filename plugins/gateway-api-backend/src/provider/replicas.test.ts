import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { DevCluster } from '@gatehouse/dev-cluster';
import { Server } from 'node:http';
import request from 'supertest';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import { startPostgres, TestPostgres } from '../__testUtils__/postgres';
import { catalogModuleGatewayApiEntityProvider } from '../catalogModule';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { gatewayApiPlugin } from '../plugin';

/**
 * Two backend replicas on one PostgreSQL database, as a production install runs them: each
 * watches the cluster and applies deltas; the scheduler runs each full mutation on one replica
 * at a time. Both must serve the same entities, each once, and none may flap.
 */
describe('two backend replicas on PostgreSQL', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  let postgres: TestPostgres;
  const replicas: Array<{ server: Server; stop(): Promise<void> }> = [];

  const startReplica = async () => {
    const backend = await startTestBackend({
      features: [
        databaseServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'pg', connection: postgres.connection },
            },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'dev-cluster',
                      url: cluster.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: cluster.adminToken,
                      skipTLSVerify: true,
                    },
                  ],
                },
              ],
            },
            catalog: {
              providers: {
                gatewayApi: {
                  // Full mutations often, so the replicas race each other many times.
                  schedule: {
                    frequency: { seconds: 2 },
                    timeout: { seconds: 30 },
                    initialDelay: { seconds: 0 },
                  },
                },
              },
            },
            gatewayApi: { notifications: { enabled: false } },
          },
        }),
        catalogPlugin,
        gatewayApiPlugin,
        catalogModuleGatewayApiEntityProvider,
      ],
    });
    replicas.push(backend);
    return backend;
  };

  /** The refs of the cluster's entities as one replica's catalog serves them. */
  const refsOn = async (server: Server) => {
    const response = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'metadata.namespace=dev-cluster', limit: 1000 });
    expect(response.status).toBe(200);
    return (
      response.body.items as Array<{
        kind: string;
        metadata: { namespace: string; name: string };
      }>
    ).map(e => `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`);
  };

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: { debounceMs: 5, gatewayApi: { addressDelayMs: 10 } },
    }));
    postgres = await startPostgres();
    await startReplica();
    await startReplica();
  }, 180_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await cluster?.close();
    postgres?.stop();
  });

  it('serve the same entities, each once, and none flaps while both run full mutations', async () => {
    const [a, b] = replicas;
    let settled: string[] = [];
    // Settled: both replicas agree, and have agreed on the same set for 3 s (the examples'
    // kinds arrive one after another, so one moment of agreement can be partway through).
    let agreedSince = 0;
    await eventually(async () => {
      const [onA, onB] = [await refsOn(a.server), await refsOn(b.server)];
      expect(onA).toContain('Resource:dev-cluster/team-a');
      expect(onA).toContain('Resource:dev-cluster/checkout.team-a.example.org');
      expect(onB.sort()).toEqual([...onA].sort());
      if (onA.sort().join() !== settled.join()) {
        settled = onA;
        agreedSince = Date.now();
      }
      expect(Date.now() - agreedSince).toBeGreaterThanOrEqual(3_000);
    }, 120_000);
    expect(new Set(settled).size).toBe(settled.length);

    // Several full-mutation periods on both replicas: the set must hold still.
    const until = Date.now() + 8_000;
    while (Date.now() < until) {
      for (const replica of replicas) {
        expect((await refsOn(replica.server)).sort()).toEqual(settled);
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }, 180_000);

  it('add a new hostname on both replicas, and a removed one never comes back', async () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'replicas', namespace: 'checkout' },
      spec: {
        parentRefs: [{ name: 'checkout', namespace: 'tenant-team-a' }],
        hostnames: ['replicas.team-a.example.org'],
        rules: [{ backendRefs: [{ name: 'checkout', port: 8080 }] }],
      },
    };
    const ref = 'Resource:dev-cluster/replicas.team-a.example.org';
    await client.apply(route);
    await eventually(async () => {
      for (const replica of replicas) {
        expect(await refsOn(replica.server)).toContain(ref);
      }
    }, 60_000);

    await client.delete({ ...route, ...route.metadata });
    await eventually(async () => {
      for (const replica of replicas) {
        expect(await refsOn(replica.server)).not.toContain(ref);
      }
    }, 60_000);
    // A replica whose full mutation ran on a stale view would bring it back here.
    const until = Date.now() + 6_000;
    while (Date.now() < until) {
      for (const replica of replicas) {
        expect(await refsOn(replica.server)).not.toContain(ref);
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }, 180_000);
});
