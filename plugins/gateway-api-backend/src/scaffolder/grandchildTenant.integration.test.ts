/**
 * A tenant hierarchy three deep: team-c, its child `kids`, and kids' child `tots`. Provisioning
 * records each tenant's ancestry on its namespace, so the guard policies, which see one tenant
 * namespace per param, let a grandchild's domains lie inside its grandparent's. Through the real
 * actions, on the dev cluster with its controllers and the guard policies installed as the demo
 * installs them; the portal's refusals write nothing.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { exampleCatalog, webComponentOf } from '../__testUtils__/catalog';
import { permissionsAnswering } from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import {
  provisionChild,
  startGuardedPortalCluster,
} from '../__testUtils__/guardedCluster';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { TENANT_METADATA } from '../manifests';
import { createExposeRouteAction } from './exposeRoute';

const GW = 'gateway.networking.k8s.io/v1';
const PORTAL_TOKEN = 'grandchild-tenant-portal-token';

describe('a grandchild tenant (team-c → kids → tots)', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog({ webOwners: ['tots'] }),
  });
  async function run(
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
  ) {
    const ctx = createMockActionContext({ input: input as any });
    await action.handler(ctx);
    return ctx;
  }
  const provision = (name: string, parentTenant: string, domain: string) =>
    provisionChild(client, { name, parentTenant, domains: [domain] });
  const tenantNamespace = (name: string) =>
    client.get<any>({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: `tenant-${name}`,
    });

  beforeAll(async () => {
    ({ cluster, client } = await startGuardedPortalCluster(PORTAL_TOKEN));
    await provision('kids', 'team-c', 'kids.team-c.example.org');
  }, 120_000);
  afterAll(() => cluster?.close());

  // The controllers keep writing (as the admin) meanwhile.
  const actionWrites = () => cluster.writes.filter(w => w.user === 'backstage');
  async function expectRefused(attempt: Promise<unknown>, message: RegExp) {
    const writes = actionWrites().length;
    await expect(attempt).rejects.toThrow(message);
    expect(actionWrites().length).toBe(writes);
  }

  it('provisions the grandchild inside its parent, recording its ancestors nearest first', async () => {
    await provision('tots', 'kids', 'tots.kids.team-c.example.org');
    const namespace = await tenantNamespace('tots');
    expect(namespace.metadata.labels[TENANT_METADATA.parentTenant]).toBe(
      'kids',
    );
    expect(namespace.metadata.annotations[TENANT_METADATA.ancestors]).toBe(
      'kids,team-c',
    );
    expect(
      (await tenantNamespace('kids')).metadata.annotations[
        TENANT_METADATA.ancestors
      ],
    ).toBe('team-c');
  }, 60_000);

  it('exposes a name of the grandchild’s own domain, Accepted, under its parent’s wildcard', async () => {
    await client.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'tenant-tots' },
      spec: { ports: [{ name: 'main', port: 8443 }] },
    });
    await run(createExposeRouteAction(deps()), {
      tenant: 'tots',
      hostname: 'shop.tots.kids.team-c.example.org',
      routeKind: 'HTTPRoute',
      service: { name: 'web', port: 8443 },
      entityRef: webComponentOf('tots'),
    });
    const routes = await client.list<any>(GW, 'HTTPRoute', {
      namespace: 'tenant-tots',
    });
    const route = routes.find(r =>
      (r.spec.hostnames ?? []).includes('shop.tots.kids.team-c.example.org'),
    );
    expect(route).toBeDefined();
    await eventually(async () => {
      const current = await client.get<any>({
        apiVersion: GW,
        kind: 'HTTPRoute',
        namespace: 'tenant-tots',
        name: route.metadata.name,
      });
      const parents = current?.status?.parents ?? [];
      expect(parents.length).toBeGreaterThan(0);
      for (const parent of parents) {
        expect(parent.conditions).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: 'Accepted', status: 'True' }),
          ]),
        );
      }
    }, 30_000);
    // The parent, dedicated, listens on a wildcard over the grandchild's domain.
    const redirect = await client.get<any>({
      apiVersion: GW,
      kind: 'Gateway',
      namespace: 'tenant-kids',
      name: 'http-redirect',
    });
    expect(
      redirect.spec.listeners.map((l: { hostname?: string }) => l.hostname),
    ).toContain('*.kids.team-c.example.org');
  }, 60_000);

  it('refuses a grandchild whose domain lies outside its parent’s, though inside its grandparent’s, and writes nothing', async () => {
    await expectRefused(
      provision('strays', 'kids', 'strays.team-c.example.org'),
      /"strays\.team-c\.example\.org" of tenant "strays" is not inside a domain of its parent tenant "kids"/,
    );
    expect(await tenantNamespace('strays')).toBeUndefined();
  });

  it('refuses a sibling of the child a domain inside the child’s, and writes nothing', async () => {
    await expectRefused(
      provision('sibling', 'team-c', 'sibling.kids.team-c.example.org'),
      /overlaps domain "kids\.team-c\.example\.org" of tenant "kids", which is neither its parent nor its child/,
    );
    expect(await tenantNamespace('sibling')).toBeUndefined();
  });

  it('keeps a child provisioned before the ancestors annotation: a new grandchild under it is admitted, and provisioning it again writes the annotation', async () => {
    // As provisioned before the annotation existed: the parent label alone.
    const patched = await fetch(
      `${cluster.url}/api/v1/namespaces/tenant-kids`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${cluster.adminToken}`,
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify({
          metadata: { annotations: { [TENANT_METADATA.ancestors]: null } },
        }),
      },
    );
    expect(patched.status).toBe(200);
    expect(
      (await tenantNamespace('kids')).metadata.annotations[
        TENANT_METADATA.ancestors
      ],
    ).toBeUndefined();

    // A new grandchild under it (its ancestry walked from the parent labels).
    await provision('twins', 'kids', 'twins.kids.team-c.example.org');
    expect(
      (await tenantNamespace('twins')).metadata.annotations[
        TENANT_METADATA.ancestors
      ],
    ).toBe('kids,team-c');
    await provision('kids', 'team-c', 'kids.team-c.example.org');
    expect(
      (await tenantNamespace('kids')).metadata.annotations[
        TENANT_METADATA.ancestors
      ],
    ).toBe('team-c');
  }, 60_000);
});
