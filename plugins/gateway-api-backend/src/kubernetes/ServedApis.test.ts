import { mockServices } from '@backstage/backend-test-utils';
import {
  DevCluster,
  gatewayApiInstallCases,
  startDevCluster,
} from '@gatehouse/dev-cluster';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { checkHostname } from '../guards/exposureGuards';
import { loadWorld, World, worldFromCache } from '../world/loadWorld';
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
              {
                verbs: ['get', 'list', 'watch'],
                apiGroups: [''],
                resources: ['namespaces'],
              },
              {
                verbs: ['get', 'list', 'watch'],
                apiGroups: [GROUP],
                resources: [
                  'gateways',
                  'httproutes',
                  'grpcroutes',
                  'listenersets',
                ],
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

    it('reads the RequestRedirect status codes its HTTPRoute schema takes (the published enum)', async () => {
      expect(
        [...(await client.servedApis.redirectStatusCodes())].sort(),
      ).toEqual(
        name.startsWith('v1.4.1/') ? [301, 302] : [301, 302, 303, 307, 308],
      );
    });

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
      const gatewayApi = await client.servedApis.gatewayApi(
        'claims-listenersets',
      );
      expect(gatewayApi.tlsRoute).toBe(
        expected.tlsRoute && `${GROUP}/${expected.tlsRoute[0]}`,
      );
      // No status.supportedFeatures yet: no ListenerSet, whatever the cluster serves.
      expect(gatewayApi.listenerSet).toBeUndefined();

      // The class claims the feature (GEP-2162): ListenerSet wherever the cluster serves it.
      const status = await fetch(
        `${cluster.url}/apis/${GROUP}/v1/gatewayclasses/claims-listenersets/status`,
        {
          method: 'PATCH',
          headers: {
            Authorization: `Bearer ${cluster.adminToken}`,
            'Content-Type': 'application/merge-patch+json',
          },
          body: JSON.stringify({
            status: {
              supportedFeatures: [
                { name: 'HTTPRoute' },
                { name: 'ListenerSet' },
              ],
            },
          }),
        },
      );
      expect(status.ok).toBe(true);
      expect(
        (await client.servedApis.gatewayApi('claims-listenersets')).listenerSet,
      ).toBe(expected.listenerSet && `${GROUP}/${expected.listenerSet}`);
    });

    const tlsRouteVersion =
      expected.tlsRoute && `${GROUP}/${expected.tlsRoute[0]}`;
    /** The cache's snapshot of the cluster after a first list of every kind. */
    const cachedSnapshot = async () => {
      const cache = new GatewayApiCache([client], {
        logger: mockServices.logger.mock(),
        backoff: { initialMs: 50, maxMs: 200 },
      });
      cache.start();
      try {
        await cache.waitForSync();
        return cache.snapshot('dev');
      } finally {
        cache.stop();
      }
    };
    const ask = (world: World, hostname = 'db.team-a.example.org') =>
      checkHostname({ cluster: 'dev', tenant: 'team-a', hostname }, world);

    it('the cache says whether ListenerSet is served, and reads every served kind', async () => {
      const snapshot = await cachedSnapshot();
      expect(snapshot.unserved?.includes('ListenerSet')).toBe(
        !expected.listenerSet,
      );
      expect(snapshot.unreadable).toEqual([]);
    });

    if (tlsRouteVersion) {
      it(`the cache reads TLSRoutes at ${tlsRouteVersion}`, async () => {
        await client.apply(tlsRoute(tlsRouteVersion));
        const snapshot = await cachedSnapshot();
        expect(snapshot.unserved).not.toContain('TLSRoute');
        expect(
          (snapshot.byKind.get('TLSRoute') ?? []).map(r => [
            r.apiVersion,
            r.metadata?.name,
          ]),
        ).toEqual([[tlsRouteVersion, 'passthrough']]);
      });

      it('the guards refuse another tenant a hostname a TLSRoute serves', async () => {
        // team-b's TLSRoute serves a name of team-a's domain: team-a may not take it over.
        await client.apply(tlsRoute(tlsRouteVersion));
        expect(ask(await loadWorld([client]))).toMatchObject({
          ok: false,
          reason: expect.stringContaining(
            'already served by TLSRoute/tenant-team-b/passthrough',
          ),
        });
      });

      it('the cache says a TLSRoute it may not list is unreadable, and the hostname check refuses', async () => {
        const cache = new GatewayApiCache([clientOf(cluster, 'no-tlsroutes')], {
          logger: mockServices.logger.mock(),
          backoff: { initialMs: 50, maxMs: 200 },
        });
        cache.start();
        try {
          await cache.waitForSync();
          expect(cache.snapshot('dev').unreadable).toEqual(
            expect.arrayContaining([
              {
                kind: 'TLSRoute',
                reason: expect.stringContaining('not allowed to list TLSRoute'),
              },
            ]),
          );
          expect(
            ask(worldFromCache(cache), 'free.team-a.example.org'),
          ).toMatchObject({
            ok: false,
            reason: expect.stringMatching(/^Cluster dev: cannot read TLSRoute/),
          });
        } finally {
          cache.stop();
        }
      });

      it('the guards decide nothing while TLSRoutes cannot be read', async () => {
        const blind = await loadWorld([clientOf(cluster, 'no-tlsroutes')]);
        expect(blind.unreadable).toEqual([
          expect.objectContaining({ cluster: 'dev', kind: 'TLSRoute' }),
        ]);
        expect(ask(blind, 'free.team-a.example.org')).toMatchObject({
          ok: false,
          reason: expect.stringMatching(
            /^Cluster dev: cannot read TLSRoute \(.*forbidden/,
          ),
        });
      });
    } else {
      it('the cache says TLSRoute is not served and holds none', async () => {
        const snapshot = await cachedSnapshot();
        expect(snapshot.unserved).toContain('TLSRoute');
        expect(snapshot.byKind.get('TLSRoute')).toEqual([]);
      });

      it('the guards count no TLSRoute where none can exist, even without the right to read them', async () => {
        // Not served: nothing can serve the hostname through it, so it is no blind spot.
        const world = await loadWorld([clientOf(cluster, 'no-tlsroutes')]);
        expect(world.unserved).toEqual([
          { cluster: 'dev', kinds: expect.arrayContaining(['TLSRoute']) },
        ]);
        expect(world.unreadable).toEqual([]);
        expect(ask(world)).toMatchObject({ ok: true });
      });
    }

    if (expected.listenerSet) {
      it('the guards refuse another tenant a hostname a tenant ListenerSet listens on', async () => {
        await client.apply({
          apiVersion: `${GROUP}/${expected.listenerSet}`,
          kind: 'ListenerSet',
          metadata: { name: 'squat', namespace: 'tenant-team-b' },
          spec: {
            parentRef: { name: 'shared', namespace: 'gateway' },
            listeners: [
              {
                name: 'squat',
                hostname: 'ls.team-a.example.org',
                port: 443,
                protocol: 'TLS',
                tls: { mode: 'Passthrough' },
              },
            ],
          },
        });
        expect(
          ask(await loadWorld([client]), 'ls.team-a.example.org'),
        ).toMatchObject({
          ok: false,
          reason: expect.stringContaining(
            'already served by ListenerSet/tenant-team-b/squat',
          ),
        });
      });
    }
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
