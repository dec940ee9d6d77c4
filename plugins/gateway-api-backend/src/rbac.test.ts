import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  EXAMPLE_CLUSTER,
  permissionsAnswering,
} from './__testUtils__/devClusterHarness';
import { exampleCatalog, webComponentOf } from './__testUtils__/catalog';
import { GatewayApiCache } from './cache/GatewayApiCache';
import { ClusterClient } from './kubernetes/ClusterClient';
import { createExposeRouteAction } from './scaffolder/exposeRoute';
import { createProvisionTenantAction } from './scaffolder/provisionTenant';
import { createUnexposeRouteAction } from './scaffolder/unexposeRoute';

const clusterRole = parse(
  fs.readFileSync(path.resolve(__dirname, '../rbac/clusterrole.yaml'), 'utf8'),
);

/** The documented ClusterRole is enough for everything Gatehouse does; a missing right shows. */
describe('the minimal ClusterRole', () => {
  let cluster: DevCluster;
  const clientWith = (token: string) =>
    new ClusterClient(
      {
        name: 'dev-cluster',
        url: cluster.url,
        serviceAccountToken: token,
        skipTLSVerify: true,
      },
      { retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 } },
    );

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [EXAMPLE_CLUSTER],
      controllers: false,
      tokens: [
        { token: 'least', username: 'gatehouse', rules: clusterRole.rules },
        {
          token: 'no-routes',
          username: 'gatehouse-without-routes',
          rules: clusterRole.rules.map((r: { resources: string[] }) => ({
            ...r,
            resources: r.resources.filter(res => res !== 'httproutes'),
          })),
        },
      ],
    });
  }, 120_000);
  afterAll(() => cluster.close());

  const run = (
    action: { handler: (ctx: any) => Promise<void> },
    input: object,
  ) => action.handler(createMockActionContext({ input: input as any }));

  it('lets the cache list and watch every kind it needs', async () => {
    const cache = new GatewayApiCache([clientWith('least')], {
      logger: mockServices.logger.mock(),
    });
    cache.start();
    await cache.waitForSync();
    const snapshot = cache.snapshot('dev-cluster');
    cache.stop();
    expect(snapshot.byKind.get('HTTPRoute')!.length).toBeGreaterThan(0);
    expect(snapshot.byKind.get('Certificate')!.length).toBeGreaterThan(0);
    // Every kind the cluster serves was read: none is hidden by a missing rule.
    expect(snapshot.unreadable).toEqual([]);
  });

  it('provisions, exposes and unexposes with exactly these rights', async () => {
    const deps = {
      clients: [clientWith('least')],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog({ webOwners: ['team-r'] }),
      // The guard policies let only the platform's identity write tenant Namespaces; none is
      // configured here: provisioning asks the cluster who Gatehouse is (SelfSubjectReview)
      // and lets that user in, so the second tenant below can still be provisioned.
      guardPolicies: {
        mode: 'Deny' as const,
        platformUsers: [],
        platformGroups: [],
      },
    };
    await run(createProvisionTenantAction(deps), {
      name: 'team-r',
      domains: ['team-r.example.org'],
      ownerGroup: 'group:default/team-r',
      attachedNamespaces: ['checkout-r'],
      layout: 'cluster-shared',
      clientIp: { mode: 'proxy-protocol' },
      installGuardPolicies: true,
    });
    await run(createProvisionTenantAction(deps), {
      name: 'team-s',
      domains: ['team-s.example.org'],
      ownerGroup: 'group:default/team-s',
      layout: 'dedicated',
    });
    const admin = clientWith(cluster.adminToken);
    await admin.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'checkout-r' },
    });
    await admin.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'checkout-r' },
      spec: { ports: [{ port: 80 }] },
    });
    const exposure = {
      tenant: 'team-r',
      hostname: 'web.team-r.example.org',
      namespace: 'checkout-r',
      service: { name: 'web', port: 80 },
      entityRef: webComponentOf('team-r'),
    };
    await run(createExposeRouteAction(deps), exposure);
    await run(createUnexposeRouteAction(deps), exposure);
    expect(
      cluster.writes.some(
        w => w.user === 'gatehouse' && w.kind === 'HTTPRoute',
      ),
    ).toBe(true);
  });

  it('fails with Forbidden when a right is missing', async () => {
    const deps = {
      clients: [clientWith('no-routes')],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog(),
    };
    await expect(
      run(createExposeRouteAction(deps), {
        tenant: 'team-a',
        hostname: 'denied.team-a.example.org',
        namespace: 'checkout',
        service: { name: 'checkout', port: 8080 },
        entityRef: 'component:default/checkout',
      }),
      // The guards cannot see the hostnames HTTPRoutes serve, so they decide nothing.
    ).rejects.toThrow(
      /^Cluster dev-cluster: cannot read HTTPRoute .*Forbidden/,
    );
  });
});
