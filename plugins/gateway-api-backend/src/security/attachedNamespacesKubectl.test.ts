/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "refused", "admitted"] }] */
/**
 * Two children of a dedicated tenant (team-a), each with an attached namespace, and the tenants'
 * own kubectl rights, against the guard policies. A child serves its own names from its attached
 * namespace (provisioning labels it with the child and its domains); its parent, its sibling and
 * another tenant cannot take them from namespaces of their own, nor relabel a namespace to pass
 * as the child's.
 */
import { DevCluster } from '@gatehouse/dev-cluster';
import {
  provisionChild,
  startGuardedExampleCluster,
  teamRules,
} from '../__testUtils__/guardedCluster';
import { kubectlAs } from '../__testUtils__/kubectl';
import { Kubectl, tenantWrites } from '../__testUtils__/tenantWrites';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { TENANT_METADATA } from '../manifests';
import { ATTACHED_TO_LABEL } from '../manifests/metadata';

describe("a child tenant's attached namespace, with kubectl", () => {
  // Each kubectl call is a process of its own, and a test makes tens of them on shared cores.
  jest.setTimeout(60_000);
  let cluster: DevCluster;
  let admin: ClusterClient;
  let parent: Kubectl;
  let kids: Kubectl;
  let teens: Kubectl;
  let teamB: Kubectl;

  /** The platform provisions a child of team-a (again). */
  const provision = (name: string, attachedNamespaces: string[]) =>
    provisionChild(admin, { name, parentTenant: 'team-a', attachedNamespaces });

  beforeAll(async () => {
    ({ cluster, admin } = await startGuardedExampleCluster({
      tokens: [
        {
          token: 'kids-token',
          username: 'kids-dev',
          rules: teamRules(['tenant-kids', 'kids-apps']),
        },
        {
          token: 'teens-token',
          username: 'teens-dev',
          rules: teamRules(['tenant-teens', 'teens-apps']),
        },
      ],
    }));
    // The platform provisions two children of team-a, each with an attached namespace.
    for (const name of ['kids', 'teens'])
      await provision(name, [`${name}-apps`]);
    parent = kubectlAs(cluster.kubeconfig('dev-cluster-team-a-token'));
    teamB = kubectlAs(cluster.kubeconfig('dev-cluster-team-b-token'));
    kids = kubectlAs(cluster.kubeconfig('kids-token'));
    teens = kubectlAs(cluster.kubeconfig('teens-token'));
  }, 120_000);
  afterAll(() => cluster?.close());

  const { route, certificate, admitted, refused } = tenantWrites(() => admin);

  it("labels the attached namespaces with their tenant and its domains, the parent's too", async () => {
    for (const [namespace, tenant, domains] of [
      ['kids-apps', 'kids', 'kids.team-a.example.org'],
      ['teens-apps', 'teens', 'teens.team-a.example.org'],
      ['checkout', 'team-a', 'team-a.example.org'],
      ['payments', 'team-b', 'team-b.example.org'],
    ]) {
      const ns = await admin.get({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: namespace,
      });
      expect(ns?.metadata?.labels?.[ATTACHED_TO_LABEL]).toBe(tenant);
      expect(ns?.metadata?.annotations?.[TENANT_METADATA.domains]).toBe(
        domains,
      );
      // Not a tenant namespace: it is no param of the guard policies.
      expect(ns?.metadata?.labels?.[TENANT_METADATA.tenant]).toBeUndefined();
    }
  });

  it('admits the child its own names from its attached namespace', async () => {
    for (const hostname of [
      'shop.kids.team-a.example.org',
      '*.kids.team-a.example.org',
      'kids.team-a.example.org',
    ]) {
      await admitted(kids, route('kids-apps', hostname));
      await admitted(kids, certificate('kids-apps', hostname));
    }
  });

  it("refuses the child its parent's exact names and wildcard from its attached namespace", async () => {
    for (const hostname of [
      'shop.team-a.example.org',
      'team-a.example.org',
      '*.team-a.example.org',
    ]) {
      await refused(
        kids,
        route('kids-apps', hostname),
        // Refused by the child's param, or first by its parent's.
        /gatehouse-route-hostnames.*(lie outside the domains of tenant kids \(kids\.team-a\.example\.org\), which owns namespace kids-apps|overlap the domains of tenant team-a, and namespace kids-apps is not one of its namespaces)/,
      );
      await refused(
        kids,
        certificate('kids-apps', hostname),
        /gatehouse-certificate-names.*(lie outside the domains of tenant kids|overlap the domains of tenant team-a,)/,
      );
    }
  });

  it("refuses the child's names to its parent, its sibling and another tenant, from their own namespaces", async () => {
    const tries: Array<[Kubectl, string[]]> = [
      [parent, ['tenant-team-a', 'checkout']],
      [teens, ['tenant-teens', 'teens-apps']],
      [teamB, ['tenant-team-b', 'payments']],
    ];
    for (const [kubectl, namespaces] of tries) {
      for (const namespace of namespaces) {
        for (const hostname of [
          'shop.kids.team-a.example.org',
          '*.kids.team-a.example.org',
        ]) {
          await refused(
            kubectl,
            route(namespace, hostname),
            new RegExp(
              `gatehouse-route-hostnames.*overlap the domains of tenant kids, and namespace ${namespace} is not one of its namespaces`,
            ),
          );
          await refused(
            kubectl,
            certificate(namespace, hostname),
            /gatehouse-certificate-names.*overlap the domains of tenant kids/,
          );
        }
      }
    }
  });

  it('admits the sibling its own names from its attached namespace', async () => {
    await admitted(teens, route('teens-apps', 'shop.teens.team-a.example.org'));
  });

  it("refuses anyone but the platform labelling a namespace as another tenant's attached namespace", async () => {
    // The child's domains, and its parent's beside them.
    const domains = `${TENANT_METADATA.domains}=kids.team-a.example.org,team-a.example.org`;
    const tries: Array<[Kubectl, string, string[]]> = [
      // The sibling passing its namespaces off as the child's, or as team-b's.
      [
        teens,
        'teens-apps',
        [`${ATTACHED_TO_LABEL}=kids`, `${ATTACHED_TO_LABEL}=team-b`],
      ],
      [teens, 'tenant-teens', [`${ATTACHED_TO_LABEL}=kids`]],
      // The parent and another tenant doing the same with theirs.
      [parent, 'checkout', [`${ATTACHED_TO_LABEL}=kids`]],
      [parent, 'tenant-team-a', [`${ATTACHED_TO_LABEL}=kids`]],
      [
        teamB,
        'payments',
        [`${ATTACHED_TO_LABEL}=kids`, `${ATTACHED_TO_LABEL}-`],
      ],
      // The child attaching its namespace to its parent, or dropping the label.
      [
        kids,
        'kids-apps',
        [`${ATTACHED_TO_LABEL}=team-a`, `${ATTACHED_TO_LABEL}-`],
      ],
    ];
    for (const [kubectl, namespace, labels] of tries) {
      const before = await admin.get({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: namespace,
      });
      for (const pair of labels) {
        const { code, stderr } = await kubectl([
          'label',
          '--overwrite',
          'namespace',
          namespace,
          pair,
        ]);
        expect(code).not.toBe(0);
        expect(stderr).toMatch(
          new RegExp(
            `gatehouse-tenant-metadata.*tenant labels and annotations \\(gateway-api\\.gatehouse\\.dev/\\*\\) of namespace ${namespace} were not set, changed or removed`,
          ),
        );
      }
      const { code, stderr } = await kubectl([
        'annotate',
        '--overwrite',
        'namespace',
        namespace,
        domains,
      ]);
      expect(code).not.toBe(0);
      // On a tenant namespace the tenant-domains policy may refuse it first.
      expect(stderr).toMatch(
        /gatehouse-tenant-metadata.*only the platform grants a tenant its domains|gatehouse-tenant-domains.*already claimed by tenant/,
      );
      const after = await admin.get({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: namespace,
      });
      expect(after?.metadata?.labels).toEqual(before?.metadata?.labels);
      expect(after?.metadata?.annotations).toEqual(
        before?.metadata?.annotations,
      );
    }
  });

  it('takes the label and the domains back from a namespace the child no longer attaches', async () => {
    await provision('teens', []);
    const ns = await admin.get({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'teens-apps',
    });
    expect(ns?.metadata?.labels?.[ATTACHED_TO_LABEL]).toBeUndefined();
    expect(
      ns?.metadata?.annotations?.[TENANT_METADATA.domains],
    ).toBeUndefined();
    // No longer the child's: its names there are refused, by its param or its parent's.
    await refused(
      teens,
      route('teens-apps', 'new.teens.team-a.example.org'),
      /gatehouse-route-hostnames.*overlap the domains of tenant (teens|team-a), and namespace teens-apps is not one of its namespaces/,
    );
  });
});
