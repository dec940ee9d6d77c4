import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { DevCluster, gatewayApiInstallCases } from '@gatehouse/dev-cluster';
import request from 'supertest';
import gatewayApiFeatures from '..';
import { eventually } from '../__testUtils__/eventually';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';

/** TLSRoute's preferred served version on each install; none where it is not served. */
const TLS_ROUTE_VERSION: Record<string, string | undefined> = {
  'v1.4.1/standard': undefined,
  'v1.4.1/experimental': 'gateway.networking.k8s.io/v1alpha3',
  'v1.6.1/standard': 'gateway.networking.k8s.io/v1',
  'v1.6.1/experimental': 'gateway.networking.k8s.io/v1',
};

const PASSTHROUGH = 'vault.team-b.example.org';

// The REST paths the pages and forms read, through the whole backend plugin, on each install.
describe.each(gatewayApiInstallCases())(
  'the REST API on Gateway API %s',
  (name, install) => {
    const tlsRouteVersion = TLS_ROUTE_VERSION[name];
    let cluster: DevCluster;
    let client: ClusterClient;
    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;

    beforeAll(async () => {
      ({ cluster, client } = await startExampleCluster({
        gatewayApi: install,
      }));
      if (tlsRouteVersion) {
        // A passthrough listener of its own: the example tenant's lives in a ListenerSet,
        // which the v1.4.1 installs do not serve.
        await client.apply({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: 'passthrough', namespace: 'tenant-team-b' },
          spec: {
            gatewayClassName: 'eg',
            listeners: [
              {
                name: 'tls',
                hostname: '*.team-b.example.org',
                port: 443,
                protocol: 'TLS',
                tls: { mode: 'Passthrough' },
                allowedRoutes: { namespaces: { from: 'All' } },
              },
            ],
          },
        });
        await client.apply({
          apiVersion: tlsRouteVersion,
          kind: 'TLSRoute',
          metadata: { name: 'vault', namespace: 'payments' },
          spec: {
            parentRefs: [
              {
                name: 'passthrough',
                namespace: 'tenant-team-b',
                sectionName: 'tls',
              },
            ],
            hostnames: [PASSTHROUGH],
            rules: [{ backendRefs: [{ name: 'ledger', port: 5432 }] }],
          },
        });
      }
      const backend = await startTestBackend({
        features: [
          gatewayApiFeatures,
          mockServices.rootConfig.factory({
            data: {
              gatewayApi: { notifications: { enabled: false } },
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
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    }, 120_000);

    afterAll(async () => {
      await stop?.();
      await cluster?.close();
    });

    it('GET /clusters answers what the cluster serves', async () => {
      const res = await request(server).get('/api/gateway-api/clusters');
      expect(res.status).toBe(200);
      const [{ apis }] = res.body.items;
      expect(apis.served.HTTPRoute).toBe('gateway.networking.k8s.io/v1');
      expect(apis.served.TLSRoute).toBe(tlsRouteVersion);
      expect(apis.unserved.includes('TLSRoute')).toBe(!tlsRouteVersion);
      expect(apis.unreadable).toEqual([]);
    });

    it('GET /hostnames lists the passthrough hostname where TLSRoute is served, and says where it is not', async () => {
      let body: any;
      await eventually(async () => {
        const res = await request(server).get(
          `/api/gateway-api/hostnames?search=${PASSTHROUGH}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.pendingClusters).toEqual([]);
        body = res.body;
      });
      expect(
        body.items.map((e: { route: { kind: string } }) => e.route.kind),
      ).toEqual(tlsRouteVersion ? ['TLSRoute'] : []);
      const unserved = (body.unservedKinds as { kinds: string[] }[]).flatMap(
        u => u.kinds,
      );
      expect(unserved.includes('TLSRoute')).toBe(!tlsRouteVersion);
    });
  },
);
