/**
 * A child tenant's ACME HTTP-01 challenges in the dedicated layout. A ClusterIssuer naming the
 * root tenant's acme-challenge Gateway cannot solve for a child: the child's hostnames resolve
 * to its own load balancer, and its challenge routes live in its own namespace, which the
 * root's Gateway does not admit. Gatehouse gives every tenant, child or not, its own Issuer
 * solving through its own acme-challenge and http-redirect Gateways, which share the address of
 * its service Gateways (mergeGateways): the challenge route is admitted where Let's Encrypt
 * connects. (The parent here is team-c; childOfDedicatedParent.integration.test.ts has a child
 * of a dedicated parent, whose http-redirect listener serves a wildcard over the child's domain.)
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { exampleCatalog, webComponentOf } from '../__testUtils__/catalog';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createExposeRouteAction } from './exposeRoute';
import { provisionChild } from '../__testUtils__/guardedCluster';

const GW = 'gateway.networking.k8s.io/v1';

describe("a child tenant's HTTP-01 challenges (dedicated layout)", () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        // Slow enough to see the challenge's solver route before cert-manager removes it.
        certManager: { stepDelayMs: 1500 },
        ingressNginx: { enabled: false },
      },
    }));
  }, 120_000);
  afterAll(() => cluster?.close());

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog({ webOwners: ['kids'] }),
  });
  const run = async (
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
  ) => {
    const ctx = createMockActionContext({ input: input as any });
    await action.handler(ctx);
    return ctx;
  };

  async function eventually<T>(
    read: () => Promise<T>,
    ok: (value: T) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T = await read();
    while (!ok(last)) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: still ${JSON.stringify(last, null, 1)}`);
      }
      await new Promise(r => setTimeout(r, 50));
      last = await read();
    }
    return last;
  }

  const gateway = (namespace: string, name: string) =>
    client.get<any>({ apiVersion: GW, kind: 'Gateway', namespace, name });
  const addressOf = async (namespace: string, name: string) =>
    (
      await eventually(
        () => gateway(namespace, name),
        g => (g?.status?.addresses ?? []).length > 0,
        `Gateway ${namespace}/${name} has an address`,
      )
    ).status.addresses[0].value;

  it("solves through the child's own Gateways, at the child's own address, and issues its certificate", async () => {
    await provisionChild(client, { name: 'kids', parentTenant: 'team-c' });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'tenant-kids' },
      spec: { ports: [{ name: 'main', port: 8443 }] },
    });
    const hostname = 'shop.kids.team-c.example.org';
    await run(createExposeRouteAction(deps()), {
      tenant: 'kids',
      hostname,
      routeKind: 'HTTPRoute',
      service: { name: 'web', port: 8443 },
      entityRef: webComponentOf('kids'),
    });

    // cert-manager's solver route for the challenge, in the child's namespace, admitted by
    // the child's acme-challenge Gateway.
    const solver = await eventually(
      async () =>
        (
          await client.list<any>(GW, 'HTTPRoute', {
            namespace: 'tenant-kids',
          })
        ).find(
          r =>
            r.metadata.labels?.['acme.cert-manager.io/http01-solver'] ===
              'true' &&
            (r.status?.parents ?? []).some(
              (p: any) =>
                p.parentRef.name === 'acme-challenge' &&
                p.conditions?.some(
                  (c: any) => c.type === 'Accepted' && c.status === 'True',
                ),
            ),
        ),
      r => r !== undefined,
      `a solver route of ${hostname} Accepted on tenant-kids/acme-challenge`,
    );
    expect(solver.spec.hostnames).toEqual([hostname]);
    expect(
      solver.spec.parentRefs.map((p: any) => `${p.namespace}/${p.name}`),
    ).toEqual(['tenant-kids/acme-challenge', 'tenant-kids/http-redirect']);

    // Where Let's Encrypt connects: the hostname's Gateway and the acme-challenge Gateway share
    // the child's address, which is not its parent's.
    const serviceGateway = (
      await client.list<any>(GW, 'Gateway', { namespace: 'tenant-kids' })
    ).find(g =>
      (g.spec.listeners ?? []).some((l: any) => l.hostname === hostname),
    );
    expect(serviceGateway).toBeDefined();
    const childAddress = await addressOf(
      'tenant-kids',
      serviceGateway.metadata.name,
    );
    expect(await addressOf('tenant-kids', 'acme-challenge')).toBe(childAddress);
    expect(await addressOf('gateway', 'shared')).not.toBe(childAddress);

    // The certificate is issued by the child's own Issuer.
    const certificate = await eventually(
      async () =>
        (
          await client.list<any>('cert-manager.io/v1', 'Certificate', {
            namespace: 'tenant-kids',
          })
        ).find(c => (c.spec.dnsNames ?? []).includes(hostname)),
      c =>
        (c?.status?.conditions ?? []).some(
          (x: any) => x.type === 'Ready' && x.status === 'True',
        ),
      `the Certificate of ${hostname} Ready`,
    );
    expect(certificate.spec.issuerRef).toMatchObject({
      kind: 'Issuer',
      name: 'kids',
    });
  }, 90_000);
});
