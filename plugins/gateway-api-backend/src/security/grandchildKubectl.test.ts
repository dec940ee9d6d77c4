/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "refused", "admitted", "unchanged"] }] */
/**
 * A tenant hierarchy three deep, team-c → kids → tots (each child dedicated, with an attached
 * namespace), and a sibling of kids, pets, with the tenants' own kubectl rights against the
 * guard policies. The grandchild serves its own names; its grandparent, its parent and the
 * parent's sibling cannot take them, and no tenant can rewrite the ancestry written on its
 * namespace, which the guard policies trust.
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

const TOTS = 'tots.kids.team-c.example.org';

describe('a grandchild tenant, with kubectl', () => {
  // Each kubectl call is a process of its own, and a test makes tens of them on shared cores.
  jest.setTimeout(60_000);
  let cluster: DevCluster;
  let admin: ClusterClient;
  let teamC: Kubectl;
  let kids: Kubectl;
  let tots: Kubectl;
  let pets: Kubectl;

  beforeAll(async () => {
    ({ cluster, admin } = await startGuardedExampleCluster({
      tokens: ['kids', 'tots', 'pets'].map(name => ({
        token: `${name}-token`,
        username: `${name}-dev`,
        rules: teamRules([`tenant-${name}`, `${name}-apps`]),
      })),
    }));
    // The platform provisions the hierarchy, and a sibling of the parent.
    await provisionChild(admin, {
      name: 'kids',
      parentTenant: 'team-c',
      attachedNamespaces: ['kids-apps'],
    });
    await provisionChild(admin, {
      name: 'tots',
      parentTenant: 'kids',
      domains: [TOTS],
      attachedNamespaces: ['tots-apps'],
    });
    await provisionChild(admin, {
      name: 'pets',
      parentTenant: 'team-c',
      attachedNamespaces: ['pets-apps'],
    });
    teamC = kubectlAs(cluster.kubeconfig('dev-cluster-team-c-token'));
    kids = kubectlAs(cluster.kubeconfig('kids-token'));
    tots = kubectlAs(cluster.kubeconfig('tots-token'));
    pets = kubectlAs(cluster.kubeconfig('pets-token'));
  }, 120_000);
  afterAll(() => cluster?.close());

  const { route, certificate, listenerSet, admitted, refused } = tenantWrites(
    () => admin,
  );
  const namespace = (name: string) =>
    admin.get({ apiVersion: 'v1', kind: 'Namespace', name });

  it('records each child’s ancestry on its tenant namespace, nearest first', async () => {
    const ancestors = async (name: string) =>
      (await namespace(`tenant-${name}`))?.metadata?.annotations?.[
        TENANT_METADATA.ancestors
      ];
    expect(await ancestors('tots')).toBe('kids,team-c');
    expect(await ancestors('kids')).toBe('team-c');
    expect(await ancestors('pets')).toBe('team-c');
    expect(await ancestors('team-c')).toBeUndefined();
    expect(
      (await namespace('tots-apps'))?.metadata?.labels?.[ATTACHED_TO_LABEL],
    ).toBe('tots');
  });

  it('admits the grandchild its own names, its wildcard and its domain, from its namespace and its attached one', async () => {
    for (const hostname of [`shop.${TOTS}`, `*.${TOTS}`, TOTS]) {
      for (const ns of ['tenant-tots', 'tots-apps']) {
        await admitted(tots, route(ns, hostname));
        await admitted(tots, certificate(ns, hostname));
      }
    }
    await admitted(tots, listenerSet('tenant-tots', `api.${TOTS}`));
  });

  it('admits the grandparent and the parent their own names beside it', async () => {
    await admitted(teamC, route('tenant-team-c', 'new.team-c.example.org'));
    await admitted(kids, route('tenant-kids', 'new.kids.team-c.example.org'));
    // The parent's wildcard over its own domain, the grandchild's inside.
    await admitted(
      kids,
      listenerSet('tenant-kids', '*.kids.team-c.example.org'),
    );
  });

  it("refuses the grandchild's exact names and wildcard to its grandparent, its parent and the parent's sibling, from their namespaces", async () => {
    const tries: Array<[Kubectl, string[]]> = [
      [teamC, ['tenant-team-c', 'catalog']],
      [kids, ['tenant-kids', 'kids-apps']],
      [pets, ['tenant-pets', 'pets-apps']],
    ];
    for (const [kubectl, namespaces] of tries) {
      for (const ns of namespaces) {
        for (const hostname of [`shop.${TOTS}`, `*.${TOTS}`, TOTS]) {
          // Refused by the grandchild's param, or first by its parent's.
          await refused(
            kubectl,
            route(ns, hostname),
            new RegExp(
              `gatehouse-route-hostnames.*overlap the domains of tenant (tots|kids), and namespace ${ns} is not one of its namespaces`,
            ),
          );
          await refused(
            kubectl,
            certificate(ns, hostname),
            /gatehouse-certificate-names.*overlap the domains of tenant (tots|kids),/,
          );
        }
      }
    }
    await refused(
      teamC,
      listenerSet('tenant-team-c', `shop.${TOTS}`),
      /gatehouse-listener-hostnames.*overlap the domains of tenant (tots|kids),/,
    );
    await refused(
      kids,
      listenerSet('tenant-kids', `shop.${TOTS}`),
      /gatehouse-listener-hostnames.*overlap the domains of tenant tots,/,
    );
  });

  it("refuses the grandchild its parent's and grandparent's names", async () => {
    for (const hostname of [
      'shop.kids.team-c.example.org',
      '*.kids.team-c.example.org',
      'shop.team-c.example.org',
      'shop.pets.team-c.example.org',
    ]) {
      for (const ns of ['tenant-tots', 'tots-apps']) {
        await refused(
          tots,
          route(ns, hostname),
          /gatehouse-route-hostnames.*(lie outside the domains of tenant tots|overlap the domains of tenant (kids|team-c|pets),)/,
        );
      }
    }
  });

  it('refuses any tenant rewriting its ancestry or its parent, and writes nothing', async () => {
    const ancestors = TENANT_METADATA.ancestors;
    const parent = TENANT_METADATA.parentTenant;
    const tries: Array<[Kubectl, string, string[], string[]]> = [
      // The parent's sibling claiming to descend from it.
      [
        pets,
        'tenant-pets',
        [`${ancestors}=kids,team-c`, `${ancestors}=team-c,kids`],
        [`${parent}=kids`],
      ],
      // The grandchild dropping its parent from its ancestry, or its ancestry altogether.
      [tots, 'tenant-tots', [`${ancestors}=team-c`, `${ancestors}-`], []],
      // The parent and the grandparent claiming to descend from the grandchild.
      [kids, 'tenant-kids', [`${ancestors}=tots,team-c`], [`${parent}=tots`]],
      [teamC, 'tenant-team-c', [`${ancestors}=tots`], [`${parent}=tots`]],
      // An attached namespace passing as a tenant namespace with an ancestry.
      [pets, 'pets-apps', [`${ancestors}=kids,team-c`], []],
    ];
    for (const [kubectl, ns, annotations, labels] of tries) {
      const before = await namespace(ns);
      const verbs: Array<[string, string[]]> = [
        ['annotate', annotations],
        ['label', labels],
      ];
      for (const [verb, pairs] of verbs) {
        for (const pair of pairs) {
          const { code, stderr } = await kubectl([
            verb,
            '--overwrite',
            'namespace',
            ns,
            pair,
          ]);
          expect(code).not.toBe(0);
          // The tenant-metadata policy refuses anyone but the platform; the tenant-domains
          // policy may refuse first an ancestry its domains or its parent contradict.
          expect(stderr).toMatch(
            new RegExp(
              `gatehouse-tenant-metadata.*tenant labels and annotations \\(gateway-api\\.gatehouse\\.dev/\\*\\) of namespace ${ns} were not set, changed or removed|gatehouse-tenant-domains.*namespace ${ns} was refused`,
            ),
          );
        }
      }
      const after = await namespace(ns);
      expect(after?.metadata?.labels).toEqual(before?.metadata?.labels);
      expect(after?.metadata?.annotations).toEqual(
        before?.metadata?.annotations,
      );
    }
  });
});
