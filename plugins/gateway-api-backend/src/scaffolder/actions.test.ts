import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { exampleCatalog, webComponentOf } from '../__testUtils__/catalog';
import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createAnalyzeAction } from './analyze';
import { createExposeRouteAction } from './exposeRoute';
import { createProvisionTenantAction } from './provisionTenant';
import { createUnexposeRouteAction } from './unexposeRoute';

/** The groups owning the tenants these tests provision, each owning a `web` component. */
const TEST_TEAMS = [
  'team-d',
  'team-e',
  'team-f',
  'team-w',
  'team-h',
  'team-dry',
];

describe('gatewayApi actions against the dev cluster', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
  }, 120_000);
  afterAll(() => cluster.close());

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog({ webOwners: TEST_TEAMS }),
  });
  const run = async (
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    // createMockActionContext keeps only some fields (not isDryRun): set the rest after.
    const ctx = {
      ...createMockActionContext({ input: input as any, ...extra }),
      ...extra,
    };
    await action.handler(ctx);
    return ctx;
  };
  /** resourceVersion of every object the writes so far touched. */
  const versions = async () => {
    const seen = new Map<string, string | undefined>();
    for (const w of cluster.writes) {
      const key = `${w.apiVersion}/${w.kind}/${w.namespace ?? ''}/${w.name}`;
      if (seen.has(key)) continue;
      const object = await client.get({
        apiVersion: w.apiVersion,
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
      });
      seen.set(key, object?.metadata?.resourceVersion);
    }
    return seen;
  };

  const tenants = [
    {
      name: 'team-d',
      domains: ['team-d.example.org'],
      ownerGroup: 'group:default/team-d',
      attachedNamespaces: ['team-d-apps'],
      layout: 'tenant-shared',
    },
    {
      name: 'team-e',
      domains: ['team-e.example.org'],
      ownerGroup: 'group:default/team-e',
      attachedNamespaces: ['team-e-apps'],
      layout: 'dedicated',
      clientIp: { mode: 'proxy-protocol' },
    },
    {
      name: 'team-f',
      domains: ['team-f.example.org'],
      ownerGroup: 'group:default/team-f',
      attachedNamespaces: ['team-f-apps'],
      layout: 'cluster-shared',
      clientIp: { mode: 'x-forwarded-for', numTrustedHops: 2 },
    },
  ];

  it.each(tenants)(
    'provisions a $layout tenant, and a second run changes nothing',
    async tenant => {
      const action = createProvisionTenantAction(deps());
      await run(action, tenant);
      const namespace = await client.get({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: `tenant-${tenant.name}`,
      });
      expect(namespace?.metadata?.labels).toMatchObject({
        'gateway-api.gatehouse.dev/tenant': tenant.name,
        'gateway-api.gatehouse.dev/layout': tenant.layout,
      });
      const before = await versions();
      await run(action, tenant);
      expect(await versions()).toEqual(before);
    },
  );

  it.each([
    ['team-d', 'shop.team-d.example.org', 'HTTPRoute'],
    ['team-e', 'shop.team-e.example.org', 'HTTPRoute'],
    ['team-f', 'shop.team-f.example.org', 'HTTPRoute'],
    ['team-d', 'db.team-d.example.org', 'TLSRoute'],
  ])(
    'exposes a Service for %s on %s as an %s, idempotently',
    async (tenant, hostname, routeKind) => {
      const ns = `${tenant}-apps`;
      await client.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
      await client.apply({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: ns },
        spec: { ports: [{ name: 'main', port: 8443 }] },
      });
      const action = createExposeRouteAction(deps());
      const input = {
        tenant,
        hostname,
        routeKind,
        namespace: ns,
        service: { name: 'web', port: 8443 },
        entityRef: webComponentOf(tenant),
      };
      const ctx = await run(action, input);
      expect(ctx.output).toHaveBeenCalledWith('url', `https://${hostname}`);
      expect(ctx.output).toHaveBeenCalledWith(
        'routeRef',
        `${routeKind}/${ns}/${hostname}`,
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'hostnameEntityRef',
        `resource:dev-cluster/${hostname}`,
      );
      // Read back at the version the action wrote: the one the cluster serves.
      const served = await client.servedApis.kind(
        routeKind as 'HTTPRoute' | 'TLSRoute',
      );
      const route = await client.get({
        apiVersion: served!.apiVersion,
        kind: routeKind,
        namespace: ns,
        name: hostname,
      });
      expect(route?.metadata?.labels?.['backstage.io/kubernetes-id']).toBe(
        `web-${tenant}`,
      );
      expect(
        route?.metadata?.annotations?.['gateway-api.gatehouse.dev/entity-ref'],
      ).toBe(webComponentOf(tenant));

      const before = await versions();
      await run(action, input);
      expect(await versions()).toEqual(before);
    },
  );

  it('exposes a wildcard only for a tenant that allows wildcards, and never through HTTP-01', async () => {
    const provision = createProvisionTenantAction(deps());
    const expose = createExposeRouteAction(deps());
    for (const [name, certificates] of [
      ['team-w', { type: 'self-signed' }],
      ['team-h', { type: 'acme-http01', email: 'platform@example.org' }],
    ] as const) {
      await run(provision, {
        name,
        domains: [`${name}.example.org`],
        ownerGroup: `group:default/${name}`,
        layout: 'tenant-shared',
        allowWildcards: true,
        certificates,
      });
      await client.apply({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: `tenant-${name}` },
        spec: { ports: [{ name: 'main', port: 8443 }] },
      });
    }
    const exposure = (tenant: string, hostname: string, routeKind: string) => ({
      tenant,
      hostname,
      routeKind,
      service: { name: 'web', port: 8443 },
      entityRef: webComponentOf(tenant),
    });

    const ctx = await run(
      expose,
      exposure('team-w', '*.apps.team-w.example.org', 'HTTPRoute'),
    );
    const routeRef = String(
      jest
        .mocked(ctx.output)
        .mock.calls.find(([name]) => name === 'routeRef')?.[1],
    );
    const route = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'tenant-team-w',
      name: routeRef.split('/')[2],
    });
    expect(route.spec.hostnames).toEqual(['*.apps.team-w.example.org']);
    const gateway = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'tenant-team-w',
      name: 'team-w',
    });
    expect(gateway.spec.listeners.map((l: any) => l.hostname)).toContain(
      '*.apps.team-w.example.org',
    );

    const writes = cluster.writes.length;
    await expect(
      run(expose, exposure('team-h', '*.apps.team-h.example.org', 'HTTPRoute')),
    ).rejects.toThrow(/HTTP-01, which cannot issue wildcard certificates/);
    // team-d was provisioned without allowWildcards.
    await expect(
      run(expose, exposure('team-d', '*.apps.team-d.example.org', 'HTTPRoute')),
    ).rejects.toThrow(/wildcard/i);
    expect(cluster.writes.length).toBe(writes);
    // Passthrough needs no certificate at the Gateway, so HTTP-01 does not matter.
    await run(
      expose,
      exposure('team-h', '*.db.team-h.example.org', 'TLSRoute'),
    );
  });

  it('dry-runs a new tenant whose namespace does not exist yet', async () => {
    const writes = cluster.writes.length;
    const ctx = await run(
      createProvisionTenantAction(deps()),
      {
        name: 'team-dry',
        domains: ['team-dry.example.org'],
        ownerGroup: 'group:default/team-dry',
        layout: 'tenant-shared',
      },
      { isDryRun: true },
    );
    expect(cluster.writes.length).toBe(writes);
    expect(ctx.output).toHaveBeenCalledWith(
      'tenantNamespace',
      'tenant-team-dry',
    );
  });

  it('dry-runs an exposure: the cluster validates it and stores nothing', async () => {
    const writes = cluster.writes.length;
    const ctx = await run(
      createExposeRouteAction(deps()),
      {
        tenant: 'team-a',
        hostname: 'preview.team-a.example.org',
        namespace: 'checkout',
        service: { name: 'checkout', port: 8080 },
        entityRef: 'component:default/checkout',
      },
      { isDryRun: true },
    );
    expect(cluster.writes.length).toBe(writes);
    expect(ctx.output).toHaveBeenCalledWith('status', 'planned');
    expect(ctx.output).toHaveBeenCalledWith(
      'manifests',
      expect.stringContaining('preview.team-a.example.org'),
    );
  });

  it('writes manifest files and a kustomization instead of applying', async () => {
    const writes = cluster.writes.length;
    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-'));
    await run(
      createExposeRouteAction(deps()),
      {
        tenant: 'team-a',
        hostname: 'orders.team-a.example.org',
        namespace: 'checkout',
        service: { name: 'checkout', port: 8080 },
        entityRef: 'component:default/checkout',
        output: 'files',
        targetPath: 'manifests/orders',
      },
      { workspacePath },
    );
    expect(cluster.writes.length).toBe(writes);
    const dir = path.join(workspacePath, 'manifests/orders');
    const files = fs.readdirSync(dir).sort();
    expect(files).toContain('kustomization.yaml');
    expect(files).toContain(
      'httproute-checkout-orders.team-a.example.org.yaml',
    );
    const kustomization = fs.readFileSync(
      path.join(dir, 'kustomization.yaml'),
      'utf8',
    );
    for (const file of files.filter(f => f !== 'kustomization.yaml')) {
      expect(kustomization).toContain(file);
    }
  });

  it('unexposes exactly what the exposure created', async () => {
    const input = {
      tenant: 'team-f',
      hostname: 'gone.team-f.example.org',
      namespace: 'team-f-apps',
      service: { name: 'web', port: 8443 },
      entityRef: webComponentOf('team-f'),
    };
    await run(createExposeRouteAction(deps()), input);
    const shared = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'gateway',
      name: 'shared',
    });
    const listeners = shared.spec.listeners.map(
      (l: { name: string }) => l.name,
    );
    expect(listeners).toEqual(
      expect.arrayContaining([
        'gone.team-f.example.org',
        'shop.team-f.example.org',
      ]),
    );

    const ctx = await run(createUnexposeRouteAction(deps()), {
      tenant: 'team-f',
      hostname: 'gone.team-f.example.org',
      namespace: 'team-f-apps',
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'removed',
      expect.arrayContaining(['HTTPRoute/team-f-apps/gone.team-f.example.org']),
    );
    expect(
      await client.get({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace: 'team-f-apps',
        name: 'gone.team-f.example.org',
      }),
    ).toBeUndefined();
    const after = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'gateway',
      name: 'shared',
    });
    const remaining = after.spec.listeners.map((l: { name: string }) => l.name);
    expect(remaining).not.toContain('gone.team-f.example.org');
    expect(remaining).toContain('shop.team-f.example.org');
  });

  it('analyzes an exposure: the namespace opt-in it brings does not open the shared http listener to the preview route', async () => {
    const writes = cluster.writes.length;
    const ctx = await run(createAnalyzeAction(deps()), {
      tenant: 'team-c',
      hostname: 'preview.team-c.example.org',
      namespace: 'billing-preview',
      service: { name: 'legacy-billing', port: 8080 },
      entityRef: 'component:default/catalog-api',
    });
    expect(cluster.writes.length).toBe(writes);
    expect(ctx.output).toHaveBeenCalledWith('introduced', []);
    // Port 80 of the shared Gateway admits only the platform's namespaces (redirects and
    // certificate challenges), whatever the opt-in label says.
    expect(ctx.output).not.toHaveBeenCalledWith(
      'fixed',
      expect.arrayContaining([
        expect.stringMatching(
          /^HTTPRoute\/billing-preview\/legacy-billing-preview /,
        ),
      ]),
    );
  });

  it('converges when a task that failed half-way is run again', async () => {
    // A client whose third apply fails, as a connection lost mid-task would.
    class FlakyClient extends ClusterClient {
      applies = 0;
      async apply<T extends KubernetesObject>(
        object: T,
        options?: object,
      ): Promise<T> {
        if (++this.applies === 3) throw new Error('connection reset by peer');
        return super.apply(object, options);
      }
    }
    const flaky = new FlakyClient({
      name: 'dev-cluster',
      url: cluster.url,
      serviceAccountToken: cluster.adminToken,
      skipTLSVerify: true,
    });
    const input = {
      tenant: 'team-f',
      hostname: 'retried.team-f.example.org',
      namespace: 'team-f-apps',
      service: { name: 'web', port: 8443 },
      entityRef: webComponentOf('team-f'),
    };
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await expect(
      run(
        createExposeRouteAction({
          clients: [flaky],
          permissions,
          catalog: exampleCatalog({ webOwners: TEST_TEAMS }),
        }),
        input,
      ),
    ).rejects.toThrow('connection reset by peer');
    await run(
      createExposeRouteAction({
        clients: [flaky],
        permissions,
        catalog: exampleCatalog({ webOwners: TEST_TEAMS }),
      }),
      input,
    );

    const route = await client.get({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'team-f-apps',
      name: 'retried.team-f.example.org',
    });
    expect(route).toBeDefined();
    const before = await versions();
    await run(createExposeRouteAction(deps()), input);
    expect(await versions()).toEqual(before);
  });
});
