/**
 * A child tenant of a dedicated parent exposes its own hostnames. Every dedicated tenant's
 * `http-redirect` Gateway listens on `*.<its domain>`, which covers its children's domains too:
 * the hostname guards must leave a child's own names to it (the parent delegated that
 * subdomain), and still refuse what the parent serves by name and what lies outside the child's
 * domains. Through the real actions, on the dev cluster with its controllers and the guard
 * policies installed as the demo installs them.
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
import { createExposeRouteAction } from './exposeRoute';

const GW = 'gateway.networking.k8s.io/v1';
const PORTAL_TOKEN = 'child-of-dedicated-parent-portal-token';

describe('a child tenant of a dedicated parent', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog({ webOwners: ['kids'] }),
  });
  async function run(
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
  ) {
    const ctx = createMockActionContext({ input: input as any });
    await action.handler(ctx);
    return ctx;
  }

  beforeAll(async () => {
    ({ cluster, client } = await startGuardedPortalCluster(PORTAL_TOKEN));
    // The parent served this name before the child existed: once it does, the guard policies
    // refuse the parent a name in the child's domain.
    await client.apply({
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { name: 'taken', namespace: 'tenant-team-a' },
      spec: {
        parentRefs: [{ name: 'gateway' }],
        hostnames: ['taken.kids.team-a.example.org'],
      },
    });
    await provisionChild(client, { name: 'kids', parentTenant: 'team-a' });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'tenant-kids' },
      spec: { ports: [{ name: 'main', port: 8443 }] },
    });
  }, 120_000);
  afterAll(() => cluster?.close());

  const expose = (hostname: string) =>
    run(createExposeRouteAction(deps()), {
      tenant: 'kids',
      hostname,
      routeKind: 'HTTPRoute',
      service: { name: 'web', port: 8443 },
      entityRef: webComponentOf('kids'),
    });
  // The controllers keep writing (as the admin) meanwhile.
  const actionWrites = () => cluster.writes.filter(w => w.user === 'backstage');
  async function expectRefused(hostname: string, message: RegExp) {
    const writes = actionWrites().length;
    await expect(expose(hostname)).rejects.toThrow(message);
    expect(actionWrites().length).toBe(writes);
  }

  it('has a parent serving a wildcard over its domain', async () => {
    const redirect = await client.get<any>({
      apiVersion: GW,
      kind: 'Gateway',
      namespace: 'tenant-team-a',
      name: 'http-redirect',
    });
    expect(
      redirect.spec.listeners.map((l: { hostname?: string }) => l.hostname),
    ).toContain('*.team-a.example.org');
  });

  it('exposes a hostname of its own domain, Accepted on a Programmed Gateway', async () => {
    const hostname = 'Shop.Kids.team-a.example.org.';
    await expose(hostname);

    const routes = await client.list<any>(GW, 'HTTPRoute', {
      namespace: 'tenant-kids',
    });
    const route = routes.find(r =>
      (r.spec.hostnames ?? []).includes('shop.kids.team-a.example.org'),
    );
    expect(route).toBeDefined();
    await eventually(async () => {
      const current = await client.get<any>({
        apiVersion: GW,
        kind: 'HTTPRoute',
        namespace: 'tenant-kids',
        name: route.metadata.name,
      });
      const parents = current?.status?.parents ?? [];
      expect(parents.length).toBeGreaterThan(0);
      for (const parent of parents) {
        expect(parent.parentRef.namespace ?? 'tenant-kids').toBe('tenant-kids');
        expect(parent.conditions).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: 'Accepted', status: 'True' }),
            expect.objectContaining({ type: 'ResolvedRefs', status: 'True' }),
          ]),
        );
      }
      const gateway = await client.get<any>({
        apiVersion: GW,
        kind: 'Gateway',
        namespace: 'tenant-kids',
        name: parents[0].parentRef.name,
      });
      expect(gateway.spec.gatewayClassName).toBe('tenant-kids');
      expect(gateway.status.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'Programmed', status: 'True' }),
        ]),
      );
    }, 30_000);
  }, 60_000);

  it('is still refused a name its parent serves by name inside its domain', async () => {
    await expectRefused(
      'TAKEN.kids.team-a.example.org',
      /overlaps "taken\.kids\.team-a\.example\.org", already served by HTTPRoute\/tenant-team-a\/taken .* for tenant "team-a"/,
    );
  });

  it.each([
    [
      'a name of its parent outside its domain',
      'shop.team-a.example.org',
      /is not inside a domain of tenant "kids" \(kids\.team-a\.example\.org\)/,
    ],
    [
      'its parent’s own wildcard',
      '*.team-a.example.org',
      /wildcard|not inside a domain of tenant "kids"/,
    ],
    [
      'another tenant’s name',
      'shop.team-b.example.org',
      /is not inside a domain of tenant "kids"/,
    ],
  ])('is refused %s, and nothing is written', async (_, hostname, message) => {
    await expectRefused(hostname, message);
  });
});
