import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { exampleCatalog } from '../__testUtils__/catalog';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createExposeRouteAction } from './exposeRoute';
import { exposureNames } from './exposureNames';
import { createProvisionTenantAction } from './provisionTenant';
import { createUnexposeRouteAction } from './unexposeRoute';

/**
 * Hostile inputs against the guards: every request below must be refused with a message that
 * says what is wrong, and must leave the cluster's record of writes untouched.
 */
describe('guards against hostile input', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
    // Another tenant already serves names inside team-a's domain (a hijack the guards must
    // not let team-a collide with, nor let anyone repeat).
    await client.apply({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'squatter', namespace: 'payments' },
      spec: {
        parentRefs: [{ name: 'gateway', namespace: 'tenant-team-b' }],
        hostnames: ['taken.team-a.example.org', '*.wild.team-a.example.org'],
      },
    });
  }, 120_000);
  afterAll(() => cluster.close());

  const exposeBase = {
    tenant: 'team-a',
    hostname: 'shop.team-a.example.org',
    namespace: 'checkout',
    service: { name: 'checkout', port: 8080 },
    entityRef: 'component:default/checkout',
  };
  const provisionBase = {
    name: 'team-x',
    domains: ['team-x.example.org'],
    ownerGroup: 'group:default/team-x',
    layout: 'tenant-shared',
  };

  async function expectRefused(
    action: { handler: (ctx: any) => Promise<void> },
    input: Record<string, unknown>,
    message: RegExp,
  ) {
    const writes = cluster.writes.length;
    await expect(
      action.handler(createMockActionContext({ input: input as any })),
    ).rejects.toThrow(message);
    expect(cluster.writes.length).toBe(writes);
  }

  const expose = () =>
    createExposeRouteAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog(),
    });
  const provision = () =>
    createProvisionTenantAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    });

  const hostnames: Array<[string, string, RegExp]> = [
    [
      'another tenant’s domain',
      'shop.team-b.example.org',
      /not inside a domain of tenant "team-a"/,
    ],
    [
      'another tenant’s apex',
      'team-b.example.org',
      /not inside a domain of tenant "team-a"/,
    ],
    [
      'a suffix without a dot boundary',
      'evil-team-a.example.org',
      /not inside|No tenant owns/,
    ],
    [
      'the domain as a prefix',
      'team-a.example.org.evil.com',
      /No tenant owns|not inside/,
    ],
    ['a glued label', 'shopteam-a.example.org', /No tenant owns|not inside/],
    ['a parent domain', 'example.org', /No tenant owns|not inside/],
    [
      'a Cyrillic homograph of the domain',
      'shop.tеam-a.example.org',
      /mixes Latin and Cyrillic letters/,
    ],
    [
      'a mixed-script label',
      'shоp.team-a.example.org',
      /mixes Latin and Cyrillic letters/,
    ],
    ['an IPv4 literal', '10.0.0.1', /IP address/],
    ['a loopback IPv4 literal', '127.0.0.1', /IP address/],
    ['a short IPv4 form', '127.1', /IP address/],
    ['a hex IPv4 form', '0x7f.1', /IP address/],
    ['a decimal IPv4 form', '2130706433', /IP address|fully qualified/],
    ['an IPv6 literal', '::1', /IP address|not a valid/],
    ['a bracketed IPv6 literal', '[::1]', /IP address|not a valid/],
    ['an empty name', '', /empty/],
    ['only spaces', '   ', /empty|whitespace/],
    [
      'an empty label',
      'shop..team-a.example.org',
      /empty label|invalid|not a valid/i,
    ],
    ['a leading dash', '-shop.team-a.example.org', /invalid label|dash/i],
    ['a trailing dash', 'shop-.team-a.example.org', /invalid label|dash/i],
    [
      'a 64-character label',
      `${'a'.repeat(64)}.team-a.example.org`,
      /63|invalid label/,
    ],
    ['a 254-character name', `${'a.'.repeat(118)}team-a.example.org`, /253/],
    [
      'an underscore',
      'shop_1.team-a.example.org',
      /underscore|invalid|not a valid|character/i,
    ],
    ['a path', 'shop.team-a.example.org/evil', /not a valid|character/i],
    ['a port', 'shop.team-a.example.org:443', /includes a port/],
    ['user info', 'user@shop.team-a.example.org', /not a valid|character/i],
    ['a query', 'shop.team-a.example.org?x=1', /not a valid|character/i],
    [
      'inner whitespace',
      'shop team-a.example.org',
      /whitespace|not a valid|character/i,
    ],
    [
      'a newline injection',
      'shop\n.team-a.example.org',
      /whitespace|control|not a valid/i,
    ],
    [
      'a NUL byte',
      'shop.team-a.example.org\u0000',
      /control|not a valid|character/i,
    ],
    [
      'a percent-encoded label',
      '%73hop.team-a.example.org',
      /not a valid|character/i,
    ],
    ['a backslash', 'shop\\.team-a.example.org', /not a valid|character/i],
    [
      'a wildcard the tenant may not use',
      '*.team-a.example.org',
      /wildcard|not a valid/i,
    ],
    [
      'a wildcard over every tenant',
      '*.example.org',
      /wildcard|not a valid|No tenant/i,
    ],
    [
      'a wildcard in the middle',
      'shop.*.team-a.example.org',
      /wildcard|not a valid|character/i,
    ],
    [
      'a hostname another tenant serves',
      'taken.team-a.example.org',
      /already served by HTTPRoute\/payments\/squatter/,
    ],
    [
      'the same hostname in other case',
      'TAKEN.team-a.example.org.',
      /already served/,
    ],
    [
      'a hostname under another tenant’s wildcard',
      'x.wild.team-a.example.org',
      /already served/,
    ],
  ];

  it.each(hostnames)('refuses %s (%p)', async (_what, hostname, message) => {
    await expectRefused(expose(), { ...exposeBase, hostname }, message);
  });

  const exposures: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a tenant that does not exist',
      { tenant: 'team-z' },
      /Tenant "team-z" does not exist/,
    ],
    [
      'a tenant name with a comma',
      { tenant: 'team-a,team-b' },
      /does not exist/,
    ],
    ['a tenant name with a path', { tenant: '../team-b' }, /does not exist/],
    [
      'a route in another tenant’s namespace',
      { namespace: 'tenant-team-b' },
      /route namespace "tenant-team-b" is not one of tenant "team-a"/,
    ],
    [
      'a route in another tenant’s attached namespace',
      { namespace: 'payments' },
      /not one of tenant "team-a"/,
    ],
    [
      'a route in kube-system',
      { namespace: 'kube-system' },
      /not one of tenant "team-a"/,
    ],
    [
      'a Service in another tenant’s namespace',
      { service: { name: 'payments', namespace: 'payments', port: 8080 } },
      /Service namespace "payments" is not one of/,
    ],
    ['port 0', { service: { name: 'checkout', port: 0 } }, /not a TCP port/],
    [
      'port 65536',
      { service: { name: 'checkout', port: 65536 } },
      /not a TCP port/,
    ],
    [
      'a negative port',
      { service: { name: 'checkout', port: -1 } },
      /not a TCP port/,
    ],
    [
      'a fractional port',
      { service: { name: 'checkout', port: 80.5 } },
      /integer|not a TCP port/,
    ],
    [
      'a port the Service does not have',
      { service: { name: 'checkout', port: 9090 } },
      /has no port 9090/,
    ],
    [
      'a Service that does not exist',
      { service: { name: 'nope', port: 8080 } },
      /Service "checkout\/nope" does not exist/,
    ],
    ['a path prefix without a slash', { pathPrefix: 'admin' }, /path prefix/],
    ['a path prefix with a query', { pathPrefix: '/a?b=c' }, /path prefix/],
    [
      'a cluster that is not configured',
      { cluster: 'prod' },
      /Cluster "prod" is not configured/,
    ],
    ['an unknown route kind', { routeKind: 'TCPRoute' }, /routeKind/],
    [
      'another team’s component',
      { entityRef: 'component:default/payments' },
      /"component:default\/payments" is owned by group:default\/team-b, which is not group:default\/team-a/,
    ],
    [
      'another team’s component in a different spelling',
      { entityRef: 'Component:default/Payments' },
      /owned by group:default\/team-b/,
    ],
    [
      'a component that is not in the catalog',
      { entityRef: 'component:default/nope' },
      /"component:default\/nope" is not in the catalog/,
    ],
    [
      'an entity without an owner',
      { entityRef: 'group:default/team-a' },
      /has no owner/,
    ],
    [
      'an entity reference that is not one',
      { entityRef: 'component:default/' },
      /not an entity reference/,
    ],
  ];

  it.each(exposures)(
    'refuses an exposure with %s',
    async (_what, change, message) => {
      await expectRefused(expose(), { ...exposeBase, ...change }, message);
    },
  );

  it('refuses a user outside the tenant’s owner group', async () => {
    const denied = createExposeRouteAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.DENY),
      catalog: exampleCatalog(),
    });
    await expectRefused(
      denied,
      exposeBase,
      /only members of group:default\/team-a may/,
    );
  });

  // team-b's own exposure, and a route team-b left serving a name in team-a's domain: team-a
  // (whose owner group may act) must be able to remove neither.
  const routeOf = (hostname: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: exposureNames(hostname).route,
      namespace: 'payments',
      labels: { 'gateway-api.gatehouse.dev/tenant': 'team-b' },
    },
    spec: {
      parentRefs: [{ name: 'gateway', namespace: 'tenant-team-b' }],
      hostnames: [hostname],
    },
  });
  const unexposures: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'another tenant’s hostname',
      { hostname: 'victim.team-b.example.org', namespace: 'payments' },
      /not inside a domain of tenant "team-a"/,
    ],
    [
      'a route in another tenant’s namespace',
      { hostname: 'left.team-a.example.org', namespace: 'payments' },
      /route namespace "payments" is not one of tenant "team-a"/,
    ],
    [
      'a route of another tenant in its own namespace',
      { hostname: 'planted.team-a.example.org', namespace: 'checkout' },
      /belongs to tenant "team-b", not to "team-a"/,
    ],
    [
      'a hostname for another team’s component',
      {
        hostname: 'planted.team-a.example.org',
        namespace: 'checkout',
        entityRef: 'component:default/payments',
      },
      /owned by group:default\/team-b, which is not group:default\/team-a/,
    ],
    [
      'a hostname that is not one',
      { hostname: 'http://checkout.team-a.example.org/' },
      /not a valid|hostname/i,
    ],
  ];

  it.each(unexposures)(
    'refuses to unexpose %s',
    async (_what, change, message) => {
      for (const hostname of [
        'victim.team-b.example.org',
        'left.team-a.example.org',
      ]) {
        await client.apply(routeOf(hostname));
      }
      // Planted in team-a's namespace by someone else, still labelled team-b.
      await client.apply({
        ...routeOf('planted.team-a.example.org'),
        metadata: {
          ...routeOf('planted.team-a.example.org').metadata,
          namespace: 'checkout',
        },
      });
      const unexpose = createUnexposeRouteAction({
        clients: [client],
        permissions: permissionsAnswering(AuthorizeResult.ALLOW),
        catalog: exampleCatalog(),
      });
      await expectRefused(unexpose, { tenant: 'team-a', ...change }, message);
    },
  );

  const tenants: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'another tenant’s domain',
      { domains: ['team-a.example.org'] },
      /already claimed by tenant "team-a"/,
    ],
    [
      'a domain containing another tenant’s',
      { domains: ['example.org'] },
      /overlaps domain/,
    ],
    [
      'a subdomain of another tenant’s',
      { domains: ['x.team-b.example.org'] },
      /overlaps domain/,
    ],
    [
      'the same domain in other case',
      { domains: ['TEAM-A.Example.org.'] },
      /already claimed/,
    ],
    ['an IP literal domain', { domains: ['10.1.2.3'] }, /IP address/],
    [
      'a wildcard domain',
      { domains: ['*.team-x.example.org'] },
      /wildcard|not a valid/i,
    ],
    ['no domain', { domains: [] }, /domains/],
    [
      'a parent that does not exist',
      { parentTenant: 'ghost', domains: ['x.ghost.example.org'] },
      /parent tenant "ghost", which does not exist/,
    ],
    [
      'a child domain outside its parent',
      { parentTenant: 'team-a', domains: ['team-x.example.net'] },
      /not inside a domain of its parent/,
    ],
    [
      'another tenant’s namespace attached',
      { attachedNamespaces: ['tenant-team-b'] },
      /belongs to tenant "team-b"/,
    ],
    [
      'another tenant’s attached namespace',
      { attachedNamespaces: ['payments'] },
      /already attached to tenant "team-b"/,
    ],
    [
      'a reserved tenant- namespace',
      { attachedNamespaces: ['tenant-ghost'] },
      /reserved/,
    ],
    [
      'an invalid namespace name',
      { attachedNamespaces: ['Apps_1'] },
      /DNS label/,
    ],
    ['an upper-case tenant name', { name: 'Team-X' }, /DNS label/],
    ['a tenant name with a slash', { name: 'team/x' }, /DNS label/],
    ['an overlong tenant name', { name: 'x'.repeat(57) }, /at most 56/],
    [
      'an owner that is not a group ref',
      { ownerGroup: 'team-x' },
      /group entity ref/,
    ],
    ['an unknown layout', { layout: 'mesh' }, /layout/],
    [
      'an invalid ACME e-mail',
      { certificates: { type: 'acme-http01', email: 'nope' } },
      /email/i,
    ],
    [
      'zero trusted hops',
      { clientIp: { mode: 'x-forwarded-for', numTrustedHops: 0 } },
      /numTrustedHops/,
    ],
    [
      'a header with a line break',
      { clientIp: { mode: 'custom-header', header: 'X-Real-IP\r\nX: y' } },
      /header/,
    ],
    [
      'an external IP that is no IP',
      { serviceExposure: { type: 'ClusterIP', externalIPs: ['999.1.1.1'] } },
      /externalIPs/,
    ],
    [
      'a trusted address with a prefix too long',
      {
        clientIp: {
          mode: 'x-forwarded-for',
          trustedAddresses: ['10.0.0.0/33'],
        },
      },
      /IP address or CIDR/,
    ],
    [
      'a trusted address that is a hostname',
      {
        clientIp: {
          mode: 'proxy-protocol',
          trustedAddresses: ['lb.example.org'],
        },
      },
      /IP address or CIDR/,
    ],
    [
      'an IP pool block with two prefixes',
      {
        serviceExposure: { type: 'LoadBalancer', ipPool: ['10.0.0.0/8/8'] },
      },
      /IP address or CIDR/,
    ],
    [
      'a ClusterIssuer name that is no DNS label',
      {
        layout: 'cluster-shared',
        certificates: {
          type: 'acme-http01-cluster-issuer',
          name: '../letsencrypt',
          email: 'ops@example.org',
        },
      },
      /DNS label/,
    ],
    [
      'a GatewayClass name that is no DNS subdomain',
      { gatewayClassName: 'Eg Class' },
      /DNS subdomain/,
    ],
    [
      'a ClusterIssuer solving through a Gateway the tenant does not use',
      {
        layout: 'tenant-shared',
        certificates: {
          type: 'acme-http01-cluster-issuer',
          name: 'letsencrypt',
          email: 'ops@example.org',
        },
      },
      /only serve the cluster-shared layout/,
    ],
  ];

  it.each(tenants)(
    'refuses a tenant with %s',
    async (_what, change, message) => {
      await expectRefused(
        provision(),
        { ...provisionBase, ...change },
        message,
      );
    },
  );

  it('refuses provisioning to someone outside the platform team', async () => {
    const denied = createProvisionTenantAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.DENY),
    });
    await expectRefused(
      denied,
      provisionBase,
      /reserved for the platform team/,
    );
  });
});
