import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { exampleCatalog } from '../__testUtils__/catalog';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createMigrateIngressAction } from './migrateIngress';

const INGRESS = 'networking.k8s.io/v1';

const ingress = (
  name: string,
  host: string,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: INGRESS,
  kind: 'Ingress',
  metadata: {
    name,
    namespace: 'checkout',
    labels: { 'backstage.io/kubernetes-id': 'checkout' },
    annotations,
  },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: [host], secretName: `${name}-tls` }],
    rules: [
      {
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: { name: 'checkout', port: { number: 8080 } },
              },
            },
          ],
        },
      },
    ],
  },
});

/**
 * The migration's redirects against the supportedFeatures of the tenant's GatewayClass, on a
 * dev cluster without controllers: the class's status is written here as its controller would,
 * and every write is the action's, so "writes nothing" is exact.
 */
describe('gatewayApi:ingress:migrate checks its redirects against the GatewayClass', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
  }, 120_000);
  afterAll(() => cluster.close());

  /** team-a's dedicated layout: its listeners belong to GatewayClass tenant-team-a. */
  const classFeatures = async (features: string[]) => {
    const patched = await fetch(
      `${cluster.url}/apis/gateway.networking.k8s.io/v1/gatewayclasses/tenant-team-a/status`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${cluster.adminToken}`,
          'Content-Type': 'application/merge-patch+json',
        },
        body: JSON.stringify({
          status: { supportedFeatures: features.map(name => ({ name })) },
        }),
      },
    );
    expect(patched.ok).toBe(true);
  };
  const migrate = () =>
    createMigrateIngressAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog(),
    });
  const run = async (input: Record<string, unknown>, isDryRun = false) => {
    const ctx = {
      ...createMockActionContext({ input: input as any }),
      isDryRun,
    };
    await migrate().handler(ctx as any);
    return ctx;
  };
  const outputOf = (ctx: { output: unknown }, name: string) =>
    (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];
  const routesFrom = async (name: string) =>
    (
      await client.list('gateway.networking.k8s.io/v1', 'HTTPRoute', {
        namespace: 'checkout',
      })
    ).filter(
      r =>
        r.metadata?.annotations?.['gateway-api.gatehouse.dev/migrated-from'] ===
        `checkout/${name}`,
    );

  it('a class without the scheme redirect: a permanent redirect is refused for good, the https redirect until accepted; nothing is written', async () => {
    await classFeatures([
      'Gateway',
      'HTTPRoute',
      'HTTPRoutePathRedirect',
      'HTTPRoutePortRedirect',
      'ReferenceGrant',
    ]);
    const host = 'moved.team-a.example.org';
    await client.apply(
      ingress('moved', host, {
        'nginx.ingress.kubernetes.io/permanent-redirect':
          'https://shop.team-a.example.org/',
      }),
    );
    const input = { tenant: 'team-a', ingress: 'checkout/moved' };
    const plan = await run(input, true);
    expect(outputOf(plan, 'status')).toBe('blocked');
    expect(outputOf(plan, 'blocking')).toEqual([
      `https-redirect-unsupported:${host}`,
      'redirect-unsupported:permanent-redirect',
    ]);

    const writes = cluster.writes.length;
    await expect(
      migrate().handler(
        createMockActionContext({
          input: {
            ...input,
            acceptedDifferences: [
              `https-redirect-unsupported:${host}`,
              'redirect-unsupported:permanent-redirect',
            ],
          } as any,
        }),
      ),
    ).rejects.toThrow(
      /Nothing was written.*\n- redirect-unsupported:permanent-redirect: nginx\.ingress\.kubernetes\.io\/permanent-redirect makes moved\.team-a\.example\.org answer with a redirect; GatewayClass tenant-team-a does not list HTTPRouteSchemeRedirect among its supportedFeatures, so its controller would refuse the route, and moved\.team-a\.example\.org would stop answering\..* \(cannot be accepted: change the Ingress first\)/,
    );
    expect(cluster.writes.slice(writes)).toEqual([]);
    expect(await routesFrom('moved')).toEqual([]);
  });

  it('a class without the scheme redirect: the HTTP → HTTPS redirect, once accepted, is not written, and the report says so', async () => {
    const host = 'plain.team-a.example.org';
    await client.apply(ingress('plain', host));
    const input = { tenant: 'team-a', ingress: 'checkout/plain' };
    const writes = cluster.writes.length;
    await expect(
      migrate().handler(createMockActionContext({ input: input as any })),
    ).rejects.toThrow(
      new RegExp(
        `Nothing was written.*\\n- https-redirect-unsupported:${host.replace(
          /\./g,
          '\\.',
        )}: ingress-nginx redirected HTTP to HTTPS for ${host.replace(
          /\./g,
          '\\.',
        )}; GatewayClass tenant-team-a does not list HTTPRouteSchemeRedirect`,
      ),
    );
    expect(cluster.writes.slice(writes)).toEqual([]);

    const ctx = await run({
      ...input,
      acceptedDifferences: [`https-redirect-unsupported:${host}`],
    });
    expect(outputOf(ctx, 'status')).toBe('applied');
    expect(outputOf(ctx, 'routes')).toEqual(['HTTPRoute/checkout/plain']);
    expect(String(outputOf(ctx, 'report'))).toMatch(
      /`https-redirect-unsupported:plain\.team-a\.example\.org` \(accepted\): .*plain HTTP on plain\.team-a\.example\.org is no longer redirected/,
    );
    const routes = await routesFrom('plain');
    expect(routes.map(r => r.metadata?.name)).toEqual(['plain']);
    expect(
      JSON.parse(
        routes[0].metadata!.annotations![
          'gateway-api.gatehouse.dev/accepted-differences'
        ],
      ),
    ).toEqual([`https-redirect-unsupported:${host}`]);
  });

  it('Cilium’s features (no 308 code): a permanent-redirect-code 308 is written as the 301 every Gateway API v1.4 install takes, and migrates', async () => {
    await classFeatures([
      'Gateway',
      'HTTPRoute',
      'HTTPRoutePathRedirect',
      'HTTPRoutePortRedirect',
      'HTTPRouteSchemeRedirect',
      'ReferenceGrant',
    ]);
    const host = 'gone.team-a.example.org';
    await client.apply(
      ingress('gone', host, {
        'nginx.ingress.kubernetes.io/ssl-redirect': 'false',
        'nginx.ingress.kubernetes.io/permanent-redirect':
          'https://shop.team-a.example.org/',
        'nginx.ingress.kubernetes.io/permanent-redirect-code': '308',
      }),
    );
    const ctx = await run({ tenant: 'team-a', ingress: 'checkout/gone' });
    expect(outputOf(ctx, 'status')).toBe('applied');
    const [route] = await routesFrom('gone');
    expect((route as any).spec.rules[0].filters).toEqual([
      {
        type: 'RequestRedirect',
        requestRedirect: {
          scheme: 'https',
          hostname: 'shop.team-a.example.org',
          path: { type: 'ReplaceFullPath', replaceFullPath: '/' },
          statusCode: 301,
        },
      },
    ]);
  });
});
