import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { parse as parseYaml } from 'yaml';
import { exampleCatalog } from '../__testUtils__/catalog';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createExposeRouteAction } from './exposeRoute';
import { createMigrateIngressAction } from './migrateIngress';
import { createIngressCutoverAction } from './migrateIngressCutover';
import { createIngressRollbackAction } from './migrateIngressRollback';

const INGRESS = 'networking.k8s.io/v1';

const ingress = (
  namespace: string,
  name: string,
  hosts: string[],
  extra: { annotations?: Record<string, string>; service?: string } = {},
) => ({
  apiVersion: INGRESS,
  kind: 'Ingress',
  metadata: {
    name,
    namespace,
    labels: { 'backstage.io/kubernetes-id': extra.service ?? 'checkout' },
    annotations: extra.annotations ?? {},
  },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts, secretName: `${name}-tls` }],
    rules: hosts.map(host => ({
      host,
      http: {
        paths: [
          {
            path: '/',
            pathType: 'Prefix',
            backend: {
              service: {
                name: extra.service ?? 'checkout',
                port: { number: 8080 },
              },
            },
          },
        ],
      },
    })),
  },
});

/**
 * The Ingress migration against the dev cluster with its simulated controllers (ingress-nginx,
 * Envoy Gateway, cert-manager): migrate, both serve, cutover, rollback; and the guards.
 */
describe('gatewayApi:ingress:migrate, cutover and rollback', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
      },
    }));
    await client.apply({
      apiVersion: INGRESS,
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
  }, 120_000);
  afterAll(() => cluster.close());

  const deps = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) => ({
    clients: [client],
    permissions: permissionsAnswering(result),
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
  const outputOf = (ctx: { output: unknown }, name: string) =>
    (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];
  const getIngress = (namespace: string, name: string) =>
    client.get({ apiVersion: INGRESS, kind: 'Ingress', namespace, name });

  const expectRefused = async (
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
    message: RegExp,
  ) =>
    expect(
      action.handler(createMockActionContext({ input: input as any })),
    ).rejects.toThrow(message);

  it('plans only when asked (planOnly), like a dry run', async () => {
    await client.apply(
      ingress('checkout', 'mig-plan', ['plan.team-a.example.org']),
    );
    const ctx = await run(createMigrateIngressAction(deps()), {
      tenant: 'team-a',
      ingress: 'checkout/mig-plan',
      planOnly: true,
    });
    expect(outputOf(ctx, 'status')).toBe('planned');
    expect(outputOf(ctx, 'manifests')).toMatch(/name: mig-plan/);
    const routes = await client.list(
      'gateway.networking.k8s.io/v1',
      'HTTPRoute',
      { namespace: 'checkout' },
    );
    expect(
      routes.filter(
        r =>
          r.metadata?.annotations?.[
            'gateway-api.gatehouse.dev/migrated-from'
          ] === 'checkout/mig-plan',
      ),
    ).toEqual([]);
  });

  it('plans in a dry run: the report and the manifests, and writes nothing', async () => {
    await client.apply(
      ingress('checkout', 'mig-preview', ['preview.team-a.example.org']),
    );
    const ours = () =>
      cluster.writes.filter(
        w => w.kind === 'HTTPRoute' && w.name.startsWith('mig'),
      ).length;
    const writes = ours();
    const ctx = await run(
      createMigrateIngressAction(deps()),
      { tenant: 'team-a', ingress: 'checkout/mig-preview' },
      { isDryRun: true },
    );
    expect(outputOf(ctx, 'status')).toBe('planned');
    expect(outputOf(ctx, 'report')).toMatch(
      /Ingress checkout\/mig-preview: 1 route/,
    );
    expect(outputOf(ctx, 'report')).toMatch(
      /\| preview\.team-a\.example\.org \| \/ \(Prefix\)/,
    );
    expect(outputOf(ctx, 'manifests')).toMatch(/kind: HTTPRoute/);
    expect(outputOf(ctx, 'manifests')).toMatch(
      /gateway-api.gatehouse.dev\/migrated-from: checkout\/mig-preview/,
    );
    expect(ours()).toBe(writes);
  });

  it('migrates an Ingress to a route on the tenant’s Gateway; both serve; cutover removes the Ingress; rollback brings it back exactly', async () => {
    const original = ingress(
      'checkout',
      'mig-shop',
      ['mig.team-a.example.org'],
      {
        annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
      },
    );
    await client.apply(original);
    // ingress-nginx serves it.
    await eventually(async () => {
      const live: any = await getIngress('checkout', 'mig-shop');
      expect(live.status?.loadBalancer?.ingress?.length).toBeGreaterThan(0);
    });

    const migrate = createMigrateIngressAction(deps());
    const ctx = await run(migrate, {
      tenant: 'team-a',
      ingress: 'checkout/mig-shop',
    });
    expect(outputOf(ctx, 'status')).toBe('applied');
    const [routeRef] = outputOf(ctx, 'routes') as string[];
    const [, ns, name] = routeRef.split('/');
    const route: any = await client.get({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: ns,
      name,
    });
    expect(route.metadata.annotations).toMatchObject({
      'gateway-api.gatehouse.dev/migrated-from': 'checkout/mig-shop',
      'gateway-api.gatehouse.dev/entity-ref': 'component:default/checkout',
    });
    expect(route.spec.hostnames).toEqual(['mig.team-a.example.org']);
    // The tenant's own Gateway layout (dedicated: a Gateway for the hostname), not one per class.
    expect(route.spec.parentRefs[0]).toMatchObject({
      kind: 'Gateway',
      namespace: 'tenant-team-a',
    });
    // Side by side: the Ingress is untouched.
    expect(await getIngress('checkout', 'mig-shop')).toBeDefined();

    // A second run changes nothing.
    const writes = cluster.writes.length;
    await run(migrate, { tenant: 'team-a', ingress: 'checkout/mig-shop' });
    const again = cluster.writes.slice(writes);
    const routeBefore = route.metadata.generation;
    const routeAfter: any = await client.get({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: ns,
      name,
    });
    // Its spec is unchanged (status writes of the controller move resourceVersion).
    expect(routeAfter.metadata.generation).toBe(routeBefore);
    expect(again.every(w => w.kind !== 'Ingress')).toBe(true);

    const cutover = createIngressCutoverAction(deps());
    const input = { tenant: 'team-a', ingress: 'checkout/mig-shop' };
    // Allowed once the route is Accepted, its Gateway Programmed and the certificate Ready.
    await eventually(async () => {
      await run(cutover, input);
    }, 60_000);
    expect(await getIngress('checkout', 'mig-shop')).toBeUndefined();

    await expectRefused(cutover, input, /does not exist .*already cut over/);

    await run(createIngressRollbackAction(deps()), input);
    const back: any = await getIngress('checkout', 'mig-shop');
    expect(back.spec).toEqual(original.spec);
    expect(back.metadata.labels).toEqual(original.metadata.labels);
    expect(back.metadata.annotations).toEqual(original.metadata.annotations);
    await expectRefused(
      createIngressRollbackAction(deps()),
      input,
      /nothing to roll back/,
    );
  }, 120_000);

  it('reuses the Ingress’s TLS Secret on request: the listener serves it through a ReferenceGrant, no Certificate', async () => {
    await client.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: 'legacy-pay-tls', namespace: 'checkout' },
      data: { 'tls.crt': '', 'tls.key': '' },
    });
    const legacy = ingress('checkout', 'legacy-pay', [
      'legacy.team-a.example.org',
    ]);
    legacy.spec.tls[0].secretName = 'legacy-pay-tls';
    await client.apply(legacy);
    const input = {
      tenant: 'team-a',
      ingress: 'checkout/legacy-pay',
      tls: 'reuse-secret',
    };
    const ctx = await run(createMigrateIngressAction(deps()), input);
    const manifests = String(outputOf(ctx, 'manifests'));
    const objects = manifests
      .split(/^---$/m)
      .map(doc => doc.trim())
      .filter(Boolean)
      .map(doc => parseYaml(doc));
    const parent = objects.find(
      o =>
        (o.kind === 'Gateway' || o.kind === 'ListenerSet') &&
        o.spec.listeners.some(
          (l: any) => l.hostname === 'legacy.team-a.example.org',
        ),
    );
    const listener = parent.spec.listeners.find(
      (l: any) => l.hostname === 'legacy.team-a.example.org',
    );
    expect(listener.tls.certificateRefs).toEqual([
      {
        group: '',
        kind: 'Secret',
        name: 'legacy-pay-tls',
        namespace: 'checkout',
      },
    ]);
    expect(
      objects.find(
        o => o.kind === 'ReferenceGrant' && o.metadata.namespace === 'checkout',
      )?.spec,
    ).toEqual({
      from: [
        {
          group: 'gateway.networking.k8s.io',
          kind: parent.kind,
          namespace: parent.metadata.namespace,
        },
      ],
      to: [{ group: '', kind: 'Secret', name: 'legacy-pay-tls' }],
    });
    expect(
      objects.filter(
        o =>
          o.kind === 'Certificate' &&
          o.spec.dnsNames.includes('legacy.team-a.example.org'),
      ),
    ).toEqual([]);
    // Served by the route: cutover is allowed.
    await eventually(async () => {
      await run(createIngressCutoverAction(deps()), input);
    }, 60_000);
    expect(await getIngress('checkout', 'legacy-pay')).toBeUndefined();
  }, 120_000);
});

/**
 * Refusals, on a dev cluster without controllers: there every write is the action's, so
 * "writes nothing" is exact, and no route ever becomes Accepted.
 */
describe('the Ingress migration refuses, writing nothing', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
  }, 120_000);
  afterAll(() => cluster.close());

  const deps = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) => ({
    clients: [client],
    permissions: permissionsAnswering(result),
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
  const outputOf = (ctx: { output: unknown }, name: string) =>
    (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];
  const getIngress = (namespace: string, name: string) =>
    client.get({ apiVersion: INGRESS, kind: 'Ingress', namespace, name });

  async function expectRefused(
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
    message: RegExp,
  ) {
    const writes = cluster.writes.length;
    await expect(
      action.handler(createMockActionContext({ input: input as any })),
    ).rejects.toThrow(message);
    expect(cluster.writes.slice(writes)).toEqual([]);
  }

  it('migrates every Ingress of a component, each with its own report', async () => {
    await client.apply(
      ingress('checkout', 'second', ['second.team-a.example.org']),
    );
    const ctx = await run(createMigrateIngressAction(deps()), {
      tenant: 'team-a',
      entityRef: 'component:default/checkout',
      planOnly: true,
    });
    const report = String(outputOf(ctx, 'report'));
    // The example's checkout-api and this test's second Ingress of checkout.
    expect(report).toMatch(/### Ingress checkout\/checkout-api: blocked/);
    expect(report).toMatch(/### Ingress checkout\/second: 1 route/);
    expect(outputOf(ctx, 'status')).toBe('blocked');
    expect(outputOf(ctx, 'blocking')).toContain(
      'rate-limit-per-client:limit-rps',
    );
  });

  it('asks for exactly one way to name the Ingresses', async () => {
    await expectRefused(
      createMigrateIngressAction(deps()),
      { tenant: 'team-a', ingress: 'checkout/early', namespace: 'checkout' },
      /exactly one of ingress \(namespace\/name\), namespace or entityRef/,
    );
    await expectRefused(
      createMigrateIngressAction(deps()),
      { tenant: 'team-a', namespace: 'nowhere' },
      /No Ingress matches namespace nowhere/,
    );
  });

  it('refuses cutover before a route is made, then while it is not Accepted, saying why', async () => {
    await client.apply(
      ingress('checkout', 'early', ['early.team-a.example.org']),
    );
    const input = { tenant: 'team-a', ingress: 'checkout/early' };
    await expectRefused(
      createIngressCutoverAction(deps()),
      input,
      /No route was made from Ingress checkout\/early; migrate it first/,
    );
    await run(createMigrateIngressAction(deps()), input);
    await expectRefused(
      createIngressCutoverAction(deps()),
      input,
      /Ingress checkout\/early stays.*\n- HTTPRoute checkout\/early is not Accepted by Gateway tenant-team-a\/\S+ \(\S+\) yet/s,
    );
    expect(await getIngress('checkout', 'early')).toBeDefined();
  });

  describe('hostile input', () => {
    beforeAll(async () => {
      await client.apply(
        ingress('payments', 'pay', ['pay.team-b.example.org'], {
          service: 'payments',
        }),
      );
      await client.apply(
        ingress('checkout', 'outside', ['evil.team-b.example.org']),
      );
      // team-c's legacy billing route serves invoices.team-a.example.org (examples).
      await client.apply(
        ingress('checkout', 'invoices', ['invoices.team-a.example.org']),
      );
      await client.apply(
        ingress('checkout', 'snippet', ['snippet.team-a.example.org'], {
          annotations: {
            'nginx.ingress.kubernetes.io/configuration-snippet':
              'more_set_headers "X-Stolen: $http_authorization";',
          },
        }),
      );
    });

    it('refuses to expose a hostname another tenant’s Ingress serves, naming it', async () => {
      // team-b's Ingress took a name of team-a's domain past the guards (kubectl, say).
      await client.apply(
        ingress('payments', 'grab', ['grab.team-a.example.org'], {
          service: 'payments',
        }),
      );
      await expectRefused(
        createExposeRouteAction(deps()),
        {
          tenant: 'team-a',
          hostname: 'grab.team-a.example.org',
          namespace: 'checkout',
          service: { name: 'checkout', port: 8080 },
          entityRef: 'component:default/checkout',
        },
        /already served by Ingress\/payments\/grab in cluster "dev-cluster" for tenant "team-b"/,
      );
    });

    it('refuses to migrate another tenant’s Ingress', async () => {
      await expectRefused(
        createMigrateIngressAction(deps()),
        { tenant: 'team-a', ingress: 'payments/pay' },
        /namespace "payments" is not one of tenant "team-a"'s namespaces/,
      );
    });

    it('refuses an Ingress whose host lies outside the tenant’s domains', async () => {
      await expectRefused(
        createMigrateIngressAction(deps()),
        { tenant: 'team-a', ingress: 'checkout/outside' },
        /evil\.team-b\.example\.org/,
      );
    });

    it('refuses an Ingress sharing a host with another tenant’s route, naming it', async () => {
      await expectRefused(
        createMigrateIngressAction(deps()),
        { tenant: 'team-a', ingress: 'checkout/invoices' },
        /already served by HTTPRoute\/billing\/legacy-invoices .*tenant "team-c"/,
      );
    });

    it('always blocks a configuration snippet, even accepted, and writes nothing', async () => {
      const migrate = createMigrateIngressAction(deps());
      const plan = await run(
        migrate,
        { tenant: 'team-a', ingress: 'checkout/snippet' },
        { isDryRun: true },
      );
      const [id] = outputOf(plan, 'blocking') as string[];
      expect(id).toMatch(/^configuration-injection/);
      expect(outputOf(plan, 'status')).toBe('blocked');
      expect(outputOf(plan, 'report')).toMatch(/cannot be accepted/);
      await expectRefused(
        migrate,
        {
          tenant: 'team-a',
          ingress: 'checkout/snippet',
          acceptedDifferences: [id],
        },
        /Nothing was written.*\n- configuration-injection.*cannot be accepted/,
      );
    });

    it('refuses a caller outside the tenant’s owner group', async () => {
      await expectRefused(
        createMigrateIngressAction(deps(AuthorizeResult.DENY)),
        { tenant: 'team-a', ingress: 'checkout/mig-preview' },
        /only members of group:default\/team-a may/,
      );
      await expectRefused(
        createIngressCutoverAction(deps(AuthorizeResult.DENY)),
        { tenant: 'team-a', ingress: 'checkout/mig-preview' },
        /only members of group:default\/team-a may/,
      );
    });

    it('refuses to cut over or roll back another tenant’s Ingress', async () => {
      for (const action of [
        createIngressCutoverAction(deps()),
        createIngressRollbackAction(deps()),
      ]) {
        await expectRefused(
          action,
          { tenant: 'team-a', ingress: 'payments/pay' },
          /not one of tenant "team-a"'s namespaces/,
        );
      }
      expect(await getIngress('payments', 'pay')).toBeDefined();
    });
  });
});
