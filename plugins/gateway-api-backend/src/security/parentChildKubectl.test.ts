/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "refused", "admitted", "refusedCommand"] }] */
/**
 * A parent tenant and its child, each with its own kubectl rights (a team's rights in its own
 * namespaces), against the guard policies. The child serves its own names though the parent's
 * dedicated http-redirect Gateway listens on a wildcard over them; the parent cannot take a name
 * of the domain it delegated, nor can either rewrite the tenancy labels that say who is whose
 * parent.
 */
import { DevCluster } from '@gatehouse/dev-cluster';
import {
  provisionChild,
  startGuardedExampleCluster,
  teamRules,
} from '../__testUtils__/guardedCluster';
import { kubectlAs, KubectlResult } from '../__testUtils__/kubectl';
import { Kubectl, tenantWrites } from '../__testUtils__/tenantWrites';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { TENANT_METADATA } from '../manifests';

const KIDS_TOKEN = 'parent-child-kids-token';

describe('a parent tenant and its child, with kubectl', () => {
  // Each kubectl call is a process of its own, and a test makes tens of them on shared cores.
  jest.setTimeout(60_000);
  let cluster: DevCluster;
  let admin: ClusterClient;
  let parent: Kubectl;
  let child: Kubectl;

  beforeAll(async () => {
    const started = await startGuardedExampleCluster({
      tokens: [
        {
          token: KIDS_TOKEN,
          username: 'kids-dev',
          rules: teamRules(['tenant-kids']),
        },
      ],
    });
    cluster = started.cluster;
    admin = started.admin;
    // The platform provisions the child of team-a, a dedicated tenant.
    await provisionChild(admin, {
      name: 'kids',
      parentTenant: 'team-a',
    });
    parent = kubectlAs(cluster.kubeconfig('dev-cluster-team-a-token'));
    child = kubectlAs(cluster.kubeconfig(KIDS_TOKEN));
  }, 120_000);
  afterAll(() => cluster?.close());

  const { route, certificate, listenerSet, admitted, refused } = tenantWrites(
    () => admin,
  );
  const label = (kubectl: Kubectl, namespace: string, pair: string) =>
    kubectl(['label', '--overwrite', 'namespace', namespace, pair]);
  const annotate = (kubectl: Kubectl, namespace: string, pair: string) =>
    kubectl(['annotate', '--overwrite', 'namespace', namespace, pair]);
  /** A kubectl command refused with the reason. */
  async function refusedCommand(
    result: Promise<KubectlResult>,
    message: RegExp,
  ) {
    const { code, stderr } = await result;
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
  }

  it('lets the child serve its own names, its wildcard and its domain', async () => {
    for (const hostname of [
      'shop.kids.team-a.example.org',
      '*.kids.team-a.example.org',
      'kids.team-a.example.org',
    ]) {
      await admitted(child, route('tenant-kids', hostname));
      await admitted(child, certificate('tenant-kids', hostname));
    }
    await admitted(
      child,
      listenerSet('tenant-kids', 'api.kids.team-a.example.org'),
    );
  });

  it("refuses the child its parent's names and wildcard, and another tenant's", async () => {
    for (const hostname of [
      'shop.team-a.example.org',
      '*.team-a.example.org',
      'pay.team-b.example.org',
    ]) {
      await refused(
        child,
        route('tenant-kids', hostname),
        /gatehouse-route-hostnames.*(lie outside the domains of tenant kids|overlap the domains of tenant team-[ab],)/,
      );
      await refused(
        child,
        certificate('tenant-kids', hostname),
        /gatehouse-certificate-names/,
      );
    }
  });

  it('refuses the parent a name of the domain it delegated to its child, exact or wildcard', async () => {
    // The parent's own new name is admitted: the policies do not refuse it everything.
    await admitted(parent, route('tenant-team-a', 'new.team-a.example.org'));
    for (const hostname of [
      'shop.kids.team-a.example.org',
      'other.kids.team-a.example.org',
      '*.kids.team-a.example.org',
    ]) {
      for (const namespace of ['tenant-team-a', 'checkout']) {
        await refused(
          parent,
          route(namespace, hostname),
          new RegExp(
            `overlap the domains of tenant kids, and namespace ${namespace} is not one of its namespaces`,
          ),
        );
        await refused(
          parent,
          certificate(namespace, hostname),
          /overlap the domains of tenant kids/,
        );
      }
      await refused(
        parent,
        listenerSet('tenant-team-a', hostname),
        /overlap the domains of tenant kids/,
      );
    }
  });

  it('refuses either of them rewriting who is whose parent, or whose a namespace is', async () => {
    // The tenant-metadata policy refuses anyone but the platform; the tenant-domains policy
    // may refuse first a parent change that would leave the domains outside the new parent's.
    const notThePlatform = /gatehouse-tenant-(metadata|domains)/;
    const parentLabel = TENANT_METADATA.parentTenant;
    const tenantLabel = TENANT_METADATA.tenant;
    // Domains wide enough to take every other tenant's names.
    const domains = `${TENANT_METADATA.domains}=example.org`;
    const tries: Array<[typeof parent, string, string[]]> = [
      // The child leaving its parent, or naming another, or passing as its parent.
      [
        child,
        'tenant-kids',
        [`${parentLabel}=team-b`, `${parentLabel}-`, `${tenantLabel}=team-a`],
      ],
      // The parent making itself the child's child, or its namespaces the child's.
      [parent, 'tenant-team-a', [`${parentLabel}=kids`, `${tenantLabel}=kids`]],
      [parent, 'checkout', [`${parentLabel}=kids`, `${tenantLabel}=kids`]],
    ];
    for (const [kubectl, namespace, labels] of tries) {
      for (const pair of labels) {
        await refusedCommand(label(kubectl, namespace, pair), notThePlatform);
      }
      await refusedCommand(
        annotate(kubectl, namespace, domains),
        notThePlatform,
      );
    }
  });
});
