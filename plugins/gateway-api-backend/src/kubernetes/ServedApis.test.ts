import { mockServices } from '@backstage/backend-test-utils';
import {
  DevCluster,
  gatewayApiInstallCases,
  startDevCluster,
} from '@gatehouse/dev-cluster';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { checkHostname } from '../guards/exposureGuards';
import { loadWorld } from '../world/loadWorld';
import { ClusterClient } from './ClusterClient';

/** What each install serves, from its CRDs (served: true versions, in priority order). */
const EXPECTED: Record<
  string,
  {
    tlsRoute?: string[];
    listenerSet?: string;
    referenceGrant: string;
  }
> = {
  'v1.4.1/standard': { referenceGrant: 'v1beta1' },
  'v1.4.1/experimental': {
    tlsRoute: ['v1alpha3', 'v1alpha2'],
    referenceGrant: 'v1beta1',
  },
  'v1.6.1/standard': {
    tlsRoute: ['v1'],
    listenerSet: 'v1',
    referenceGrant: 'v1',
  },
  'v1.6.1/experimental': {
    tlsRoute: ['v1', 'v1alpha3', 'v1alpha2'],
    listenerSet: 'v1',
    referenceGrant: 'v1',
  },
};

const GROUP = 'gateway.networking.k8s.io';

const tenantNamespace = (tenant: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: `tenant-${tenant}`,
    labels: { 'gateway-api.gatehouse.dev/tenant': tenant },
    annotations: {
      'gateway-api.gatehouse.dev/owner-group': `group:default/${tenant}`,
      'gateway-api.gatehouse.dev/domains': `${tenant}.example.org`,
    },
  },
});

const clientOf = (cluster: DevCluster, token = cluster.adminToken) =>
  new ClusterClient(
    {
      name: 'dev',
      url: cluster.url,
      serviceAccountToken: token,
      skipTLSVerify: true,
    },
    { retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 } },
  );

describe.each(gatewayApiInstallCases())(
  'on Gateway API %s',
  (name, install) => {
    const expected = EXPECTED[name];
    let cluster: DevCluster;
    let client: ClusterClient;

    beforeAll(async () => {
      cluster = await startDevCluster({
        seed: [],
        controllers: false,
        gatewayApi: install,
        tokens: [
          {
            // Reads everything Gatehouse watches but TLSRoutes.
            token: 'no-tlsroutes',
            username: 'no-tlsroutes',
            rules: [
              { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['namespaces'] },
              {
                verbs: ['get', 'list', 'watch'],
                apiGroups: [GROUP],
                resources: ['gateways', 'httproutes', 'grpcroutes', 'listenersets'],
              },
              {
                verbs: ['get', 'list', 'watch'],
                apiGroups: ['networking.k8s.io'],
                resources: ['ingresses'],
              },
            ],
          },
        ],
      });
      client = clientOf(cluster);
      for (const tenant of ['team-a', 'team-b']) {
        await client.apply(tenantNamespace(tenant));
      }
    }, 60_000);

    afterAll(() => cluster.close());

    it('discovers each kind at its preferred served version', async () => {
      const served = await client.servedApis.current();
      expect(served.kinds.get('TLSRoute')?.servedVersions).toEqual(
        expected.tlsRoute,
      );
      expect(served.kinds.get('TLSRoute')?.apiVersion).toBe(
        expected.tlsRoute && `${GROUP}/${expected.tlsRoute[0]}`,
      );
      expect(served.kinds.get('ListenerSet')?.version).toBe(
        expected.listenerSet,
      );
      expect(served.kinds.get('ReferenceGrant')?.version).toBe(
        expected.referenceGrant,
      );
      expect(served.kinds.get('HTTPRoute')?.apiVersion).toBe(`${GROUP}/v1`);
      // One read, shared: a second ask is the same answer without another discovery.
      expect(await client.servedApis.current()).toBe(served);
    });

    it('writes for the builders what is served, ListenerSet only where the GatewayClass claims it', async () => {
      await client.apply({
        apiVersion: `${GROUP}/v1`,
        kind: 'GatewayClass',
        metadata: { name: 'claims-listenersets' },
        spec: { controllerName: 'example.com/gateway' },
      });
      const gatewayApi = await client.servedApis.gatewayApi('claims-listenersets');
      expect(gatewayApi.tlsRoute).toBe(
        expected.tlsRoute && `${GROUP}/${expected.tlsRoute[0]}`,
      );
      // No status.supportedFeatures yet: no ListenerSet, whatever the cluster serves.
      expect(gatewayApi.listenerSet).toBeUndefined();
    });

    it('the cache reads TLSRoutes where served and says where they are not', async () => {
      const cache = new GatewayApiCache([client], {
        logger: mockServices.logger.mock(),
        backoff: { initialMs: 50, maxMs: 200 },
      });
      if (expected.tlsRoute) {
        await client.apply(tlsRoute(`${GROUP}/${expected.tlsRoute[0]}`));
      }
      cache.start();
      try {
        await cache.waitForSync();
        const snapshot = cache.snapshot('dev');
        const routes = snapshot.byKind.get('TLSRoute') ?? [];
        if (expected.tlsRoute) {
          expect(snapshot.unserved).not.toContain('TLSRoute');
          expect(routes.map(r => [r.apiVersion, r.metadata?.name])).toEqual([
            [`${GROUP}/${expected.tlsRoute[0]}`, 'passthrough'],
          ]);
        } else {
          expect(snapshot.unserved).toContain('TLSRoute');
          expect(routes).toEqual([]);
        }
        expect(snapshot.unserved?.includes('ListenerSet')).toBe(
          !expected.listenerSet,
        );
        expect(snapshot.unreadable).toEqual([]);
      } finally {
        cache.stop();
      }
    });

    it('the guards refuse another tenant a hostname a TLSRoute serves, and never decide blind', async () => {
      const world = await loadWorld([client]);
      const ask = (w = world) =>
        checkHostname(
          { cluster: 'dev', tenant: 'team-a', hostname: 'db.team-a.example.org' },
          w,
        );
      if (expected.tlsRoute) {
        // team-b's TLSRoute serves a name of team-a's domain: team-a may not take it over.
        expect(ask()).toMatchObject({
          ok: false,
          reason: expect.stringContaining(
            'already served by TLSRoute/tenant-team-b/passthrough',
          ),
        });
      } else {
        // Nothing can serve it through a kind the cluster does not serve.
        expect(world.unserved).toEqual([
          { cluster: 'dev', kinds: expect.arrayContaining(['TLSRoute']) },
        ]);
        expect(ask()).toMatchObject({ ok: true });
      }

      // Served but forbidden: the guards cannot see the hostname, so they refuse.
      const blind = await loadWorld([clientOf(cluster, 'no-tlsroutes')]);
      if (expected.tlsRoute) {
        expect(blind.unreadable).toEqual([
          expect.objectContaining({ cluster: 'dev', kind: 'TLSRoute' }),
        ]);
        expect(ask(blind)).toMatchObject({
          ok: false,
          reason: expect.stringMatching(/^Cluster dev: cannot read TLSRoute/),
        });
      } else {
        expect(blind.unreadable).toEqual([]);
      }
    });
  },
);

function tlsRoute(apiVersion: string) {
  return {
    apiVersion,
    kind: 'TLSRoute',
    metadata: { name: 'passthrough', namespace: 'tenant-team-b' },
    spec: {
      parentRefs: [{ name: 'shared', namespace: 'gateway' }],
      hostnames: ['db.team-a.example.org'],
      rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }],
    },
  };
}
