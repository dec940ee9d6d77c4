import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster, gatewayApiInstallCases } from '@gatehouse/dev-cluster';
import { exampleCatalog } from '../__testUtils__/catalog';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createExposeRouteAction } from './exposeRoute';
import { createUnexposeRouteAction } from './unexposeRoute';

/** TLSRoute's preferred served version on each install; none where it is not served. */
const TLS_ROUTE_VERSION: Record<string, string | undefined> = {
  'v1.4.1/standard': undefined,
  'v1.4.1/experimental': 'gateway.networking.k8s.io/v1alpha3',
  'v1.6.1/standard': 'gateway.networking.k8s.io/v1',
  'v1.6.1/experimental': 'gateway.networking.k8s.io/v1',
};

/** One Service of each layout's example tenant, owned by that tenant's group (or one beneath it). */
const EXPOSURES = [
  {
    layout: 'dedicated',
    tenant: 'team-a',
    namespace: 'checkout',
    service: { name: 'checkout', port: 8080 },
    entityRef: 'component:default/checkout',
  },
  {
    layout: 'tenant-shared',
    tenant: 'team-b',
    namespace: 'payments',
    service: { name: 'payments', port: 8080 },
    entityRef: 'component:default/payments',
  },
  {
    layout: 'cluster-shared',
    tenant: 'team-c',
    namespace: 'catalog',
    service: { name: 'catalog-api', port: 8080 },
    entityRef: 'component:default/catalog-api',
  },
];

describe.each(gatewayApiInstallCases())(
  'expose and unexpose on Gateway API %s',
  (name, install) => {
    const tlsRouteVersion = TLS_ROUTE_VERSION[name];
    const listenerSets = name.startsWith('v1.6.1/');
    let cluster: DevCluster;
    let client: ClusterClient;

    beforeAll(async () => {
      ({ cluster, client } = await startExampleCluster({
        gatewayApi: install,
      }));
      // The shared GatewayClass claims ListenerSet, the route kinds and the scheme redirect (as
      // its controller would in status), so tenant listeners go in ListenerSets wherever the
      // install serves them, beside their https redirect.
      const claimed = await fetch(
        `${cluster.url}/apis/gateway.networking.k8s.io/v1/gatewayclasses/eg/status`,
        {
          method: 'PATCH',
          headers: {
            Authorization: `Bearer ${cluster.adminToken}`,
            'Content-Type': 'application/merge-patch+json',
          },
          body: JSON.stringify({
            status: {
              supportedFeatures: [
                'Gateway',
                'HTTPRoute',
                'HTTPRouteSchemeRedirect',
                'ListenerSet',
                'ReferenceGrant',
                'TLSRoute',
              ].map(feature => ({ name: feature })),
            },
          }),
        },
      );
      if (!claimed.ok) throw new Error(`status patch: ${claimed.status}`);
    }, 120_000);
    afterAll(() => cluster.close());

    const deps = () => ({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog(),
    });
    const run = async (
      action: { handler: (ctx: any) => Promise<void> },
      input: Record<string, unknown>,
      extra: Record<string, unknown> = {},
    ) => {
      const ctx = {
        ...createMockActionContext({ input: input as any }),
        ...extra,
      };
      await action.handler(ctx);
      return ctx;
    };
    /** The routes of a kind in `checkout` that serve a hostname. */
    const routesServing = async (
      apiVersion: string,
      kind: string,
      hostname: string,
    ) =>
      (
        await client.list<any>(apiVersion, kind, { namespace: 'checkout' })
      ).filter(r => r.spec.hostnames.includes(hostname));

    const NOT_SERVED =
      /^Cluster dev-cluster does not serve TLSRoute; install the Gateway API standard channel v1\.5 or later, or the experimental channel\.$/;
    const dryRun = (exposure: (typeof EXPOSURES)[number], routeKind: string) =>
      run(
        createExposeRouteAction(deps()),
        {
          ...exposure,
          routeKind,
          hostname: `dry-${routeKind.toLowerCase()}.${
            exposure.tenant
          }.example.org`,
        },
        { isDryRun: true },
      );

    // The dev cluster validates every object against this install's CRDs and CEL rules.
    it.each(EXPOSURES)(
      'dry-runs an HTTPRoute for the $layout layout, writing nothing',
      async exposure => {
        const writes = cluster.writes.length;
        await expect(dryRun(exposure, 'HTTPRoute')).resolves.toBeDefined();
        expect(cluster.writes.length).toBe(writes);
      },
    );

    it(`puts a shared-Gateway tenant's listener ${
      listenerSets ? 'in a ListenerSet' : 'on the Gateway'
    }`, async () => {
      const ctx = await dryRun(EXPOSURES[2], 'HTTPRoute');
      const manifests: string = jest
        .mocked(ctx.output)
        .mock.calls.find(([output]) => output === 'manifests')?.[1];
      expect(manifests.includes('kind: ListenerSet')).toBe(listenerSets);
    });

    it('exposes and unexposes an HTTPRoute', async () => {
      const hostname = 'web.team-a.example.org';
      await run(createExposeRouteAction(deps()), { ...EXPOSURES[0], hostname });
      const httpRoutes = () =>
        routesServing('gateway.networking.k8s.io/v1', 'HTTPRoute', hostname);
      expect(await httpRoutes()).toHaveLength(1);
      await run(createUnexposeRouteAction(deps()), {
        tenant: 'team-a',
        hostname,
        namespace: 'checkout',
      });
      expect(await httpRoutes()).toEqual([]);
    });

    if (tlsRouteVersion) {
      it.each(EXPOSURES)(
        `dry-runs a TLSRoute at ${tlsRouteVersion} for the $layout layout, writing nothing`,
        async exposure => {
          const writes = cluster.writes.length;
          await expect(dryRun(exposure, 'TLSRoute')).resolves.toBeDefined();
          expect(cluster.writes.length).toBe(writes);
        },
      );

      it(`exposes a TLSRoute at ${tlsRouteVersion} and unexposes it`, async () => {
        const hostname = 'db.team-a.example.org';
        const writes = cluster.writes.length;
        await run(createExposeRouteAction(deps()), {
          ...EXPOSURES[0],
          routeKind: 'TLSRoute',
          hostname,
        });
        expect(
          cluster.writes
            .slice(writes)
            .filter(w => w.kind === 'TLSRoute')
            .map(w => w.apiVersion),
        ).toEqual([tlsRouteVersion]);
        const tlsRoutes = () =>
          routesServing(tlsRouteVersion, 'TLSRoute', hostname);
        expect(await tlsRoutes()).toHaveLength(1);

        await run(createUnexposeRouteAction(deps()), {
          tenant: 'team-a',
          hostname,
          namespace: 'checkout',
        });
        expect(await tlsRoutes()).toEqual([]);
      });
    } else {
      it.each(EXPOSURES)(
        'refuses a TLSRoute for the $layout layout, writing nothing, and says what to install',
        async exposure => {
          const writes = cluster.writes.length;
          await expect(dryRun(exposure, 'TLSRoute')).rejects.toThrow(
            NOT_SERVED,
          );
          await expect(
            run(createExposeRouteAction(deps()), {
              ...exposure,
              routeKind: 'TLSRoute',
              hostname: `db.${exposure.tenant}.example.org`,
            }),
          ).rejects.toThrow(NOT_SERVED);
          expect(cluster.writes.length).toBe(writes);
        },
      );
    }
  },
);
