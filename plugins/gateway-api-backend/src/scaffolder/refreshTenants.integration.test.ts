/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "refused", "admitted"] }] */
/**
 * A child tenant provisioned by an older Gatehouse, before the ancestors annotation and the
 * attached-to label: the platform takes both off, as that version never wrote them. The tenant is
 * reported behind, the guard policies refuse its route in its attached namespace, and the refresh
 * action, through the real action on the demo cluster with the guard policies installed, brings
 * it up to date from its stored input; a second refresh writes nothing.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { permissionsAnswering } from '../__testUtils__/devClusterHarness';
import {
  provisionChild,
  startGuardedExampleCluster,
  teamRules,
} from '../__testUtils__/guardedCluster';
import { kubectlAs } from '../__testUtils__/kubectl';
import { Kubectl, tenantWrites } from '../__testUtils__/tenantWrites';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject, TENANT_METADATA } from '../manifests';
import { ATTACHED_TO_LABEL } from '../manifests/metadata';
import { tenantFromNamespace } from '../tenants/tenantFromNamespace';
import { tenantMetadataDrift } from '../tenants/tenantMetadataDrift';
import { createRefreshTenantsAction, TenantRefresh } from './refreshTenants';

describe('refreshing a tenant provisioned by an older Gatehouse', () => {
  // Each kubectl call is a process of its own, on shared cores.
  jest.setTimeout(60_000);
  let cluster: DevCluster;
  let admin: ClusterClient;
  let platform: Kubectl;
  let kids: Kubectl;

  beforeAll(async () => {
    ({ cluster, admin } = await startGuardedExampleCluster({
      tokens: [
        {
          token: 'kids-token',
          username: 'kids-dev',
          rules: teamRules(['tenant-kids', 'kids-apps']),
        },
      ],
    }));
    await provisionChild(admin, {
      name: 'kids',
      parentTenant: 'team-a',
      attachedNamespaces: ['kids-apps'],
    });
    platform = kubectlAs(cluster.kubeconfig());
    kids = kubectlAs(cluster.kubeconfig('kids-token'));
    // What the older version wrote: no ancestors on the child, no attached-to on its namespace.
    for (const args of [
      ['annotate', 'namespace', 'tenant-kids', `${TENANT_METADATA.ancestors}-`],
      ['label', 'namespace', 'kids-apps', `${ATTACHED_TO_LABEL}-`],
      ['annotate', 'namespace', 'kids-apps', `${TENANT_METADATA.domains}-`],
    ]) {
      const { code, stderr } = await platform(args);
      if (code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${stderr}`);
    }
  }, 120_000);
  afterAll(() => cluster?.close());

  const { route, admitted, refused } = tenantWrites(() => admin);

  async function refresh(
    input: Record<string, unknown>,
    options: { isDryRun?: boolean; allowed?: boolean } = {},
  ) {
    // createMockActionContext keeps no isDryRun: set it after.
    const ctx = {
      ...createMockActionContext({ input: input as any }),
      isDryRun: options.isDryRun === true,
    };
    await createRefreshTenantsAction({
      clients: [admin],
      permissions: permissionsAnswering(
        options.allowed === false
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      ),
    }).handler(ctx);
    const outputs = new Map<string, unknown>(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return outputs.get('tenants') as TenantRefresh[];
  }
  async function behind(name: string): Promise<string[]> {
    const namespaces = await admin.list<KubernetesObject>('v1', 'Namespace');
    const tenants = namespaces
      .map(ns => tenantFromNamespace('dev-cluster', ns))
      .filter(t => t !== undefined);
    return tenantMetadataDrift(
      tenants.find(t => t.name === name)!,
      tenants,
      namespaces,
    );
  }

  it('reports the child behind, naming what provisioning writes today', async () => {
    expect(await behind('kids')).toEqual([
      `namespace tenant-kids lacks the annotation ${TENANT_METADATA.ancestors}="team-a"`,
      `namespace kids-apps lacks the label ${ATTACHED_TO_LABEL}="kids"`,
      `namespace kids-apps lacks the annotation ${TENANT_METADATA.domains}="kids.team-a.example.org"`,
    ]);
    // Its parent, provisioned as the demo seeds it, is not.
    expect(await behind('team-a')).toEqual([]);
  });

  it("refuses the child's own route in its attached namespace, by its parent's param", async () => {
    await refused(
      kids,
      route('kids-apps', 'shop.kids.team-a.example.org'),
      /gatehouse-route-hostnames.*overlap the domains of tenant team-a, and namespace kids-apps is not one of its namespaces/,
    );
  });

  it('refuses a caller without the provisioning permission, writing nothing', async () => {
    const writes = cluster.writes.length;
    await expect(
      refresh({ tenant: 'kids' }, { allowed: false }),
    ).rejects.toThrow(
      /may not refresh tenants.*gateway-api\.tenant\.provision/,
    );
    expect(cluster.writes.length).toBe(writes);
  });

  it('in a dry run, reports what would change and writes nothing', async () => {
    const writes = cluster.writes.length;
    const [kidsRefresh] = await refresh({ tenant: 'kids' }, { isDryRun: true });
    expect(kidsRefresh).toMatchObject({ tenant: 'kids', outcome: 'refreshed' });
    expect(cluster.writes.length).toBe(writes);
    expect(await behind('kids')).toHaveLength(3);
  });

  it('refreshes the child from its stored input: up to date, and its route admitted', async () => {
    const [kidsRefresh] = await refresh({ tenant: 'kids' });
    expect(kidsRefresh.outcome).toBe('refreshed');
    expect(kidsRefresh.changes).toEqual(
      expect.arrayContaining([
        `Namespace/tenant-kids: metadata.annotations["${TENANT_METADATA.ancestors}"] added`,
        `Namespace/kids-apps: metadata.labels["${ATTACHED_TO_LABEL}"] added`,
        `Namespace/kids-apps: metadata.annotations["${TENANT_METADATA.domains}"] added`,
      ]),
    );
    expect(await behind('kids')).toEqual([]);
    await admitted(kids, route('kids-apps', 'shop.kids.team-a.example.org'));
  });

  it('writes nothing on a second refresh', async () => {
    const writes = cluster.writes.length;
    expect(await refresh({ tenant: 'kids' })).toEqual([
      { tenant: 'kids', outcome: 'upToDate', changes: [] },
    ]);
    expect(cluster.writes.length).toBe(writes);
  });

  it('takes the attached-to label back from a namespace the tenant no longer attaches', async () => {
    // As an older Gatehouse left it: applied under provisioning's field manager.
    await admin.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'old-kids-apps',
        labels: { [ATTACHED_TO_LABEL]: 'kids' },
      },
    });
    expect(await behind('kids')).toEqual([
      `namespace old-kids-apps is still labelled ${ATTACHED_TO_LABEL}=kids, which no longer attaches it`,
    ]);
    const [kidsRefresh] = await refresh({ tenant: 'kids' });
    expect(kidsRefresh.changes).toEqual([
      `Namespace/old-kids-apps: metadata.labels["${ATTACHED_TO_LABEL}"] removed`,
    ]);
    expect(await behind('kids')).toEqual([]);
  });

  it('skips a tenant without a stored input, or with one it cannot read, saying why and writing nothing', async () => {
    for (const [name, spec] of [
      ['handmade', undefined],
      ['garbled', '{not json'],
    ] as const) {
      await admin.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: `tenant-${name}`,
          labels: { [TENANT_METADATA.tenant]: name },
          annotations: {
            [TENANT_METADATA.ownerGroup]: `group:default/${name}`,
            [TENANT_METADATA.domains]: `${name}.example.net`,
            ...(spec ? { [TENANT_METADATA.spec]: spec } : {}),
          },
        },
      });
    }
    const writes = cluster.writes.length;
    expect(await refresh({ tenant: 'handmade' })).toEqual([
      {
        tenant: 'handmade',
        outcome: 'skipped',
        changes: [],
        reason: expect.stringMatching(
          /namespace tenant-handmade has no gateway-api\.gatehouse\.dev\/spec annotation/,
        ),
      },
    ]);
    expect(await refresh({ tenant: 'garbled' })).toEqual([
      expect.objectContaining({
        tenant: 'garbled',
        outcome: 'skipped',
        reason: expect.stringMatching(/is not a provisioning input/),
      }),
    ]);
    expect(cluster.writes.length).toBe(writes);
  });

  it('skips every tenant, writing nothing, while the tenant-metadata guard policy only warns: a tenant could have rewritten its stored input', async () => {
    const ref = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      name: 'gatehouse-tenant-metadata',
    };
    const enforcing = (await admin.get<any>(ref))!;
    const {
      resourceVersion: _rv,
      managedFields: _mf,
      ...metadata
    } = enforcing.metadata;
    const withActions = (validationActions: string[]) => ({
      ...enforcing,
      metadata,
      spec: { ...enforcing.spec, validationActions },
    });
    await admin.apply(withActions(['Warn']));
    try {
      // Kids falls behind again.
      await admin.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'old-kids-apps',
          labels: { [ATTACHED_TO_LABEL]: 'kids' },
        },
      });
      const writes = cluster.writes.length;
      const all = await refresh({});
      expect(all.length).toBeGreaterThan(3);
      for (const result of all) {
        expect(result).toEqual({
          tenant: result.tenant,
          outcome: 'skipped',
          changes: [],
          reason: expect.stringMatching(
            /guard policy gatehouse-tenant-metadata.*is not enforcing \(Deny\) on cluster dev-cluster/,
          ),
        });
      }
      expect(cluster.writes.length).toBe(writes);
    } finally {
      await admin.apply(withActions(['Deny']));
    }
  });

  it('refreshes every tenant of the cluster, the unreadable ones skipped', async () => {
    const all = await refresh({});
    const byTenant = new Map(all.map(r => [r.tenant, r]));
    expect(byTenant.get('kids')).toEqual({
      tenant: 'kids',
      outcome: 'refreshed',
      changes: [
        `Namespace/old-kids-apps: metadata.labels["${ATTACHED_TO_LABEL}"] removed`,
      ],
    });
    expect(byTenant.get('handmade')?.outcome).toBe('skipped');
    expect(byTenant.get('garbled')?.outcome).toBe('skipped');
    expect(all.filter(r => r.outcome === 'failed')).toEqual([]);
    // Whatever the first pass wrote, a second one writes nothing.
    const writes = cluster.writes.length;
    const again = await refresh({});
    expect(again.filter(r => r.outcome === 'refreshed')).toEqual([]);
    expect(cluster.writes.length).toBe(writes);
  });
});
