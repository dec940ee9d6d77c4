/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "refused", "admitted"] }] */
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
import { TENANT_METADATA } from '../manifests';

const GW = 'gateway.networking.k8s.io/v1';
const KIDS_TOKEN = 'parent-child-kids-token';

describe('a parent tenant and its child, with kubectl', () => {
  let cluster: DevCluster;
  let parent: (args: string[], stdin?: string) => Promise<KubectlResult>;
  let child: (args: string[], stdin?: string) => Promise<KubectlResult>;

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
    // The platform provisions the child of team-a, a dedicated tenant.
    await provisionChild(started.admin, {
      name: 'kids',
      parentTenant: 'team-a',
    });
    parent = kubectlAs(cluster.kubeconfig('dev-cluster-team-a-token'));
    child = kubectlAs(cluster.kubeconfig(KIDS_TOKEN));
  }, 120_000);
  afterAll(() => cluster?.close());

  let count = 0;
  const route = (namespace: string, hostname: string) => ({
    apiVersion: GW,
    kind: 'HTTPRoute',
    metadata: { name: `r-${++count}`, namespace },
    spec: {
      parentRefs: [{ name: 'gateway' }],
      hostnames: [hostname],
      rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
    },
  });
  const certificate = (namespace: string, hostname: string) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: `c-${++count}`, namespace },
    spec: {
      secretName: `c-${count}`,
      issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
      dnsNames: [hostname],
    },
  });
  const listenerSet = (namespace: string, hostname: string) => ({
    apiVersion: GW,
    kind: 'ListenerSet',
    metadata: { name: `l-${++count}`, namespace },
    spec: {
      parentRef: { name: 'gateway', namespace },
      listeners: [{ name: 'http', hostname, port: 80, protocol: 'HTTP' }],
    },
  });
  const apply = (
    kubectl: typeof parent,
    object: object,
  ): Promise<KubectlResult> =>
    kubectl(['apply', '-f', '-'], JSON.stringify(object));
  const label = (kubectl: typeof parent, namespace: string, pair: string) =>
    kubectl(['label', '--overwrite', 'namespace', namespace, pair]);
  const annotate = (kubectl: typeof parent, namespace: string, pair: string) =>
    kubectl(['annotate', '--overwrite', 'namespace', namespace, pair]);

  async function admitted(result: Promise<KubectlResult>) {
    const { code, stderr } = await result;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }
  async function refused(result: Promise<KubectlResult>, message: RegExp) {
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
      await admitted(apply(child, route('tenant-kids', hostname)));
      await admitted(apply(child, certificate('tenant-kids', hostname)));
    }
    await admitted(
      apply(child, listenerSet('tenant-kids', 'api.kids.team-a.example.org')),
    );
  });

  it("refuses the child its parent's names and wildcard, and another tenant's", async () => {
    for (const hostname of [
      'shop.team-a.example.org',
      '*.team-a.example.org',
      'pay.team-b.example.org',
    ]) {
      await refused(
        apply(child, route('tenant-kids', hostname)),
        /gatehouse-route-hostnames.*(lie outside the domains of tenant kids|overlap the domains of tenant team-[ab],)/,
      );
      await refused(
        apply(child, certificate('tenant-kids', hostname)),
        /gatehouse-certificate-names/,
      );
    }
  });

  it('refuses the parent a name of the domain it delegated to its child, exact or wildcard', async () => {
    // The parent's own new name is admitted: the policies do not refuse it everything.
    await admitted(
      apply(parent, route('tenant-team-a', 'new.team-a.example.org')),
    );
    for (const hostname of [
      'shop.kids.team-a.example.org',
      'other.kids.team-a.example.org',
      '*.kids.team-a.example.org',
    ]) {
      for (const namespace of ['tenant-team-a', 'checkout']) {
        await refused(
          apply(parent, route(namespace, hostname)),
          new RegExp(
            `overlap the domains of tenant kids, and namespace ${namespace} is not one of its namespaces`,
          ),
        );
        await refused(
          apply(parent, certificate(namespace, hostname)),
          /overlap the domains of tenant kids/,
        );
      }
      await refused(
        apply(parent, listenerSet('tenant-team-a', hostname)),
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
        await refused(label(kubectl, namespace, pair), notThePlatform);
      }
      await refused(annotate(kubectl, namespace, domains), notThePlatform);
    }
  });
});
