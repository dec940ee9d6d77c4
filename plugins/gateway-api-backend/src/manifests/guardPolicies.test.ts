/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "refused", "admitted"] }] */
/**
 * The guard policies, each through real admission in the dev cluster: what the platform and the
 * builders write is admitted, what a tenant tries against another tenant is refused, and says why.
 */
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import {
  catalogApi,
  legacyBilling,
  SERVED_V1_6_1,
  teamA,
  teamB,
  teamC,
} from './__fixtures__/examples';
import {
  buildExposureObjects,
  buildTenantObjects,
  guardPolicies,
} from './index';
import { TENANT_METADATA } from './metadata';
import { KubernetesObject } from './types';

const STARTUP_TIMEOUT = 60_000;

const options = {
  validationActions: ['Deny' as const],
  platformNamespaces: ['gateway'],
  platformUsers: ['admin'],
  platformGroups: ['system:masters'],
};

describe('guardPolicies', () => {
  const objects = guardPolicies(options) as any[];
  const policies = objects.filter(o => o.kind === 'ValidatingAdmissionPolicy');
  const bindings = objects.filter(
    o => o.kind === 'ValidatingAdmissionPolicyBinding',
  );

  it('has every policy, each with a binding', () => {
    expect(policies.map(p => p.metadata.name)).toEqual([
      'gatehouse-tenant-metadata',
      'gatehouse-tenant-domains',
      'gatehouse-attached-namespaces',
      'gatehouse-listener-hostnames',
      'gatehouse-route-hostnames',
      'gatehouse-certificate-names',
    ]);
    expect(bindings.map(b => b.spec.policyName)).toEqual(
      policies.map(p => p.metadata.name),
    );
    for (const object of objects) {
      expect(object.apiVersion).toBe('admissionregistration.k8s.io/v1');
    }
  });

  it('reads every tenant Namespace as a param, except the metadata policy, which compares with the stored object', () => {
    for (const policy of policies.slice(1)) {
      expect(policy.spec.paramKind).toEqual({
        apiVersion: 'v1',
        kind: 'Namespace',
      });
    }
    expect(policies[0].spec.paramKind).toBeUndefined();
    expect(bindings[0].spec.paramRef).toBeUndefined();
    for (const policy of policies)
      expect(policy.spec.failurePolicy).toBe('Fail');
    for (const binding of bindings.slice(1)) {
      expect(binding.spec).toMatchObject({
        validationActions: ['Deny'],
        paramRef: {
          selector: {
            matchExpressions: [
              { key: 'gateway-api.gatehouse.dev/tenant', operator: 'Exists' },
            ],
          },
          parameterNotFoundAction: 'Allow',
        },
      });
    }
  });

  it('guards Namespaces, Gateways and ListenerSets, routes of every kind and version, and Certificates', () => {
    expect(
      policies.map(p => p.spec.matchConstraints.resourceRules[0].resources),
    ).toEqual([
      ['namespaces'],
      ['namespaces'],
      ['namespaces'],
      ['gateways', 'listenersets'],
      ['httproutes', 'tlsroutes', 'grpcroutes'],
      ['certificates'],
    ]);
    for (const policy of policies) {
      expect(policy.spec.matchConstraints.resourceRules[0].apiVersions).toEqual(
        ['*'],
      );
    }
  });

  it('binds with the mode asked for', () => {
    for (const mode of ['Warn', 'Audit'] as const) {
      const warn = guardPolicies({ ...options, validationActions: [mode] });
      for (const b of warn.filter(
        o => o.kind === 'ValidatingAdmissionPolicyBinding',
      ) as any[]) {
        expect(b.spec.validationActions).toEqual([mode]);
      }
    }
  });

  it('exempts the platform namespaces from the route, listener and certificate checks', () => {
    for (const policy of policies.slice(3)) {
      expect(policy.spec.matchConditions).toEqual([
        {
          name: 'outside-platform-namespaces',
          expression: "!(object.metadata.namespace in ['gateway'])",
        },
      ]);
    }
  });
});

describe('guard policies in admission', () => {
  let cluster: DevCluster;
  const TENANT_TOKEN = 'tenant-c-token';

  async function request(
    method: string,
    urlPath: string,
    body: unknown,
    token: string,
  ) {
    const response = await fetch(`${cluster.url}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const PLURALS: Record<string, string> = {
    Namespace: 'namespaces',
    Gateway: 'gateways',
    ListenerSet: 'listenersets',
    HTTPRoute: 'httproutes',
    GRPCRoute: 'grpcroutes',
    TLSRoute: 'tlsroutes',
    Certificate: 'certificates',
    ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
    ValidatingAdmissionPolicyBinding: 'validatingadmissionpolicybindings',
  };
  const collection = (o: KubernetesObject) =>
    `${o.apiVersion.includes('/') ? '/apis' : '/api'}/${o.apiVersion}${
      o.metadata.namespace ? `/namespaces/${o.metadata.namespace}` : ''
    }/${PLURALS[o.kind]}`;

  /** A dry-run create, as the tenant (default) or the platform. */
  const create = (o: KubernetesObject, as: 'tenant' | 'platform' = 'tenant') =>
    request(
      'POST',
      `${collection(o)}?dryRun=All`,
      o,
      as === 'tenant' ? TENANT_TOKEN : cluster.adminToken,
    );
  const update = (o: KubernetesObject, as: 'tenant' | 'platform') =>
    request(
      'PUT',
      `${collection(o)}/${o.metadata.name}?dryRun=All`,
      o,
      as === 'tenant' ? TENANT_TOKEN : cluster.adminToken,
    );
  const store = (o: KubernetesObject) =>
    request('POST', collection(o), o, cluster.adminToken);

  /** Expects a refusal whose message matches. */
  async function refused(
    result: Promise<{ status: number; body: any }>,
    message: RegExp,
  ) {
    const { status, body } = await result;
    expect({ status, message: body.message }).toEqual({
      status: 403,
      message: expect.stringMatching(message),
    });
  }
  async function admitted(result: Promise<{ status: number; body: any }>) {
    const { status, body } = await result;
    expect({ status, message: body.message }).toEqual({
      status: 201,
      message: undefined,
    });
  }

  const namespaceOf = (tenant: typeof teamA) =>
    buildTenantObjects(tenant).find(o => o.kind === 'Namespace')!;

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [],
      controllers: false,
      tokens: [
        {
          token: TENANT_TOKEN,
          username: 'team-c-developer',
          rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        },
      ],
    });
    for (const tenant of [teamA, teamB, teamC])
      await store(namespaceOf(tenant));
    for (const name of [
      'gateway',
      'checkout',
      'payments',
      'catalog',
      'billing',
      'intruder',
    ]) {
      await store({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
    for (const policy of guardPolicies(options)) {
      const { status, body } = await store(policy);
      if (status !== 201) {
        throw new Error(`${policy.metadata.name}: ${status} ${body.message}`);
      }
    }
  }, STARTUP_TIMEOUT);

  afterAll(async () => {
    await cluster?.close();
  });

  describe('tenant metadata (only the platform sets a tenant or its domains)', () => {
    const teamCNamespace = () => namespaceOf(teamC);
    const withAnnotation = (key: string, value: string) => {
      const ns = teamCNamespace();
      return {
        ...ns,
        metadata: {
          ...ns.metadata,
          annotations: { ...ns.metadata.annotations, [key]: value },
        },
      };
    };

    it("lets the platform change a tenant's domains, and refuses anyone else", async () => {
      const wider = withAnnotation(
        'gateway-api.gatehouse.dev/domains',
        'team-c.example.org,team-z.example.org',
      );
      await refused(
        update(wider, 'tenant'),
        /domains of namespace tenant-team-c .*only the platform grants a tenant its domains, and team-c-developer is not the platform/,
      );
      const narrower = withAnnotation(
        'gateway-api.gatehouse.dev/domains',
        'c.team-c.example.org',
      );
      await refused(update(narrower, 'tenant'), /team-c-developer/);
      expect((await update(narrower, 'platform')).status).toBe(200);
    });

    it('refuses anyone but the platform setting, changing or removing a tenant label', async () => {
      const ns = teamCNamespace();
      const relabelled = {
        ...ns,
        metadata: {
          ...ns.metadata,
          labels: {
            ...ns.metadata.labels,
            'gateway-api.gatehouse.dev/tenant': 'team-a',
          },
        },
      };
      await refused(
        update(relabelled, 'tenant'),
        /tenant labels and annotations .* of namespace tenant-team-c were not set, changed or removed/,
      );
      const { 'gateway-api.gatehouse.dev/layout': _, ...rest } =
        ns.metadata.labels!;
      await refused(
        update({ ...ns, metadata: { ...ns.metadata, labels: rest } }, 'tenant'),
        /were not set, changed or removed/,
      );
      // A namespace labelling itself into a tenant, or into the shared http listener.
      for (const label of [
        'gateway-api.gatehouse.dev/tenant',
        'gateway-api.gatehouse.dev/shared-http',
      ]) {
        await refused(
          update(
            {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name: 'intruder', labels: { [label]: 'true' } },
            },
            'tenant',
          ),
          /namespace intruder were not set, changed or removed/,
        );
      }
      await refused(
        create(
          namespaceOf({
            ...teamC,
            name: 'team-x',
            namespace: 'tenant-team-x',
            domains: ['x.example.org'],
            attachedNamespaces: [],
          }),
        ),
        /namespace tenant-team-x/,
      );
      // A new namespace created as another tenant's attached namespace, with its domains.
      await refused(
        create({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: 'posing-as-team-a',
            labels: { 'gateway-api.gatehouse.dev/attached-to': 'team-a' },
          },
        }),
        /tenant labels and annotations .* of namespace posing-as-team-a were not set, changed or removed/,
      );
      await refused(
        create({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: 'posing-as-team-a',
            labels: { 'gateway-api.gatehouse.dev/attached-to': 'team-a' },
            annotations: {
              'gateway-api.gatehouse.dev/domains': 'team-a.example.org',
            },
          },
        }),
        /gatehouse-tenant-metadata.*posing-as-team-a/,
      );
    });

    it("lets anyone change a namespace's other labels and annotations", async () => {
      const ns = teamCNamespace();
      const { status } = await update(
        {
          ...ns,
          metadata: {
            ...ns.metadata,
            labels: { ...ns.metadata.labels, team: 'c' },
            annotations: { ...ns.metadata.annotations, note: 'hello' },
          },
        },
        'tenant',
      );
      expect(status).toBe(200);
    });
  });

  describe('tenant domains and attached namespaces', () => {
    it('refuses a tenant claiming a domain of another tenant or attaching its namespaces', async () => {
      const team = (domains: string[], attachedNamespaces: string[]) =>
        namespaceOf({
          ...teamA,
          name: 'team-d',
          namespace: 'tenant-team-d',
          domains,
          attachedNamespaces,
        });
      await refused(
        create(team(['shop.team-b.example.org'], []), 'platform'),
        /already claimed by tenant team-b/,
      );
      await refused(
        create(team(['team-d.example.org'], ['payments']), 'platform'),
        /attached namespaces payments already belong to tenant team-b/,
      );
      await refused(
        create(team(['team-d.example.org'], ['tenant-team-b']), 'platform'),
        /attached namespaces tenant-team-b are tenant namespaces/,
      );
      await admitted(
        create(team(['team-d.example.org'], ['shop']), 'platform'),
      );
    });

    it('admits a child tenant inside its parent domains only', async () => {
      const child = (domains: string[]) =>
        namespaceOf({
          ...teamB,
          name: 'team-b-eu',
          namespace: 'tenant-team-b-eu',
          parentTenant: 'team-b',
          domains,
          attachedNamespaces: [],
        });
      await admitted(create(child(['eu.team-b.example.org']), 'platform'));
      await refused(
        create(child(['eu.team-c.example.org']), 'platform'),
        /inside those of its parent team-b/,
      );
    });
  });

  describe('listener hostnames', () => {
    const gateway = (
      namespace: string,
      hostname: string,
    ): KubernetesObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'mine', namespace },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'web',
            hostname,
            port: 443,
            protocol: 'TLS',
            tls: { mode: 'Passthrough' },
          },
        ],
      },
    });

    it('admits a tenant Gateway for its own domains, refuses one for another tenant', async () => {
      await admitted(create(gateway('tenant-team-c', 'a.team-c.example.org')));
      await refused(
        create(gateway('tenant-team-c', 'billing.team-a.example.org')),
        /Gateway tenant-team-c\/mine was refused: its listener hostnames billing.team-a.example.org (lie outside the domains of tenant team-c|overlap the domains of tenant team-a)/,
      );
    });

    it('refuses a Gateway elsewhere taking a tenant hostname, wildcards included', async () => {
      await admitted(create(gateway('intruder', 'intruder.example.net')));
      for (const hostname of ['pay.team-b.example.org', '*.example.org']) {
        await refused(
          create(gateway('intruder', hostname)),
          /overlap the domains of tenant team-[abc], and namespace intruder is not one of its namespaces/,
        );
      }
    });

    it("admits a child tenant's Gateway for its own names in its namespace, and nothing wider", async () => {
      // A child of team-c, as provisioning labels it (the platform writes it).
      await store(
        namespaceOf({
          ...teamC,
          name: 'team-c-kids',
          namespace: 'tenant-team-c-kids',
          parentTenant: 'team-c',
          domains: ['kids.team-c.example.org'],
          attachedNamespaces: [],
          layout: 'dedicated',
        }),
      );
      await admitted(
        create(gateway('tenant-team-c-kids', 'shop.kids.team-c.example.org')),
      );
      await admitted(
        create(gateway('tenant-team-c-kids', '*.kids.team-c.example.org')),
      );
      // A name of the parent's outside the child's domains: the parent's param refuses it.
      await refused(
        create(gateway('tenant-team-c-kids', 'catalog.team-c.example.org')),
        /catalog.team-c.example.org (lie outside the domains of tenant team-c-kids|overlap the domains of tenant team-c)/,
      );
      await refused(
        create(gateway('tenant-team-c-kids', '*.team-c.example.org')),
        /refused/,
      );
      // The child's names from anywhere else stay refused, by the child's param and the parent's.
      await refused(
        create(gateway('intruder', 'shop.kids.team-c.example.org')),
        /overlap the domains of tenant team-c(-kids)?, and namespace intruder is not one of its namespaces/,
      );
      await refused(
        create(gateway('tenant-team-a', 'shop.kids.team-c.example.org')),
        /refused/,
      );
    });

    it('admits what the builders write for a tenant Gateway', async () => {
      const [patch] = buildExposureObjects(
        { ...catalogApi, hostname: 'x.team-a.example.org' },
        { ...teamA },
      );
      await admitted(create(patch));
    });

    const listenerSet = (
      namespace: string,
      hostname: string | undefined,
    ): KubernetesObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { name: 'mine', namespace },
      spec: {
        parentRef: { name: 'shared', namespace: 'gateway' },
        listeners: [
          {
            name: 'web',
            ...(hostname ? { hostname } : {}),
            port: 443,
            protocol: 'TLS',
            tls: { mode: 'Passthrough' },
          },
        ],
      },
    });

    it('admits the ListenerSets the builders write for a tenant, refuses one for another tenant or without hostname', async () => {
      const [set] = buildExposureObjects(
        legacyBilling,
        teamC,
        SERVED_V1_6_1,
      ).filter(o => o.kind === 'ListenerSet');
      await admitted(create(set));
      await refused(
        create(listenerSet('tenant-team-c', 'checkout.team-a.example.org')),
        /ListenerSet tenant-team-c\/mine was refused: its listener hostnames checkout.team-a.example.org/,
      );
      await refused(
        create(listenerSet('tenant-team-c', undefined)),
        /ListenerSet tenant-team-c\/mine was refused: its listeners web have no hostname/,
      );
    });
  });

  describe('route hostnames', () => {
    const route = (
      namespace: string,
      hostnames: string[] | undefined,
      parent: {
        namespace?: string;
        name: string;
        sectionName?: string;
        kind?: string;
      },
      kind = 'HTTPRoute',
    ): KubernetesObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind,
      metadata: { name: 'r', namespace },
      spec: {
        parentRefs: [parent],
        ...(hostnames ? { hostnames } : {}),
        rules: [{}],
      },
    });
    const shared = { namespace: 'gateway', name: 'shared' };

    it('admits what the builders write for a tenant route', async () => {
      const objects = buildExposureObjects(legacyBilling, teamC);
      await admitted(create(objects.find(o => o.kind === 'HTTPRoute')!));
    });

    it("refuses a route in a tenant namespace serving another tenant's hostname", async () => {
      await refused(
        create(route('billing', ['pay.team-b.example.org'], shared)),
        /route billing\/r was refused: its hostnames pay.team-b.example.org (lie outside the domains of tenant team-c|overlap the domains of tenant team-b)/,
      );
      await refused(
        create(
          route('intruder', ['pay.team-b.example.org'], shared, 'GRPCRoute'),
        ),
        /overlap the domains of tenant team-b/,
      );
    });

    it("refuses a route without hostnames on another tenant's listener of the shared Gateway (the sectionName hijack)", async () => {
      for (const namespace of ['billing', 'tenant-team-c', 'intruder']) {
        await refused(
          create(
            route(namespace, undefined, {
              ...shared,
              sectionName: 'checkout.team-a.example.org',
            }),
          ),
          new RegExp(
            `route ${namespace}/r was refused: it attaches to a Gateway or ListenerSet in namespace gateway without hostnames`,
          ),
        );
      }
      await refused(
        create(
          route('billing', undefined, {
            kind: 'ListenerSet',
            namespace: 'tenant-team-a',
            name: 'checkout',
            sectionName: 'checkout',
          }),
        ),
        /in namespace tenant-team-a without hostnames/,
      );
      // Its own namespace's Gateway: the listener's hostnames are its tenant's own.
      await admitted(
        create(route('tenant-team-c', undefined, { name: 'own' })),
      );
    });

    it("admits a tenant's own challenge route on the shared http listener, refuses a TLSRoute for another tenant's name", async () => {
      await admitted(
        create(
          route('tenant-team-c', ['billing.team-c.example.org'], {
            ...shared,
            sectionName: 'http',
          }),
        ),
      );
      await refused(
        create({
          ...route('tenant-team-c', ['db.team-b.example.org'], shared),
          kind: 'TLSRoute',
          spec: {
            parentRefs: [shared],
            hostnames: ['db.team-b.example.org'],
            rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }],
          },
        }),
        /route tenant-team-c\/r was refused: its hostnames db.team-b.example.org/,
      );
    });

    it('leaves the platform namespace to the platform (redirects and challenge routes)', async () => {
      await admitted(create(route('gateway', undefined, { name: 'shared' })));
    });
  });

  describe('certificate names', () => {
    const certificate = (
      namespace: string,
      dnsNames: string[],
      commonName?: string,
    ): KubernetesObject => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'c', namespace },
      spec: {
        secretName: 'c',
        issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
        dnsNames,
        ...(commonName ? { commonName } : {}),
      },
    });

    it('admits a tenant certificate for its own names', async () => {
      await admitted(
        create(certificate('tenant-team-c', ['billing.team-c.example.org'])),
      );
      await admitted(create(certificate('intruder', ['intruder.example.net'])));
    });

    it("refuses a certificate for another tenant's name, in dnsNames or commonName", async () => {
      await refused(
        create(certificate('tenant-team-c', ['checkout.team-a.example.org'])),
        /certificate tenant-team-c\/c was refused: its names checkout.team-a.example.org (lie outside the domains of tenant team-c|overlap the domains of tenant team-a)/,
      );
      await refused(
        create(
          certificate(
            'billing',
            ['billing.team-c.example.org'],
            'pay.team-b.example.org',
          ),
        ),
        /its names pay.team-b.example.org (lie outside|overlap)/,
      );
      await refused(
        create(certificate('intruder', ['*.team-b.example.org'])),
        /overlap the domains of tenant team-b/,
      );
    });
  });

  describe('a parent and its child', () => {
    // team-a is dedicated: its http-redirect Gateway listens on *.team-a.example.org.
    const family = [
      {
        name: 'team-a-kids',
        parentTenant: 'team-a',
        domains: ['kids.team-a.example.org'],
        attachedNamespaces: ['kids-apps', 'kids-legacy'],
      },
    ];
    beforeAll(async () => {
      // An attached namespace as provisioning labels it, and one from before it did.
      await store({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'kids-legacy' },
      });
      for (const tenant of family) {
        for (const namespace of buildTenantObjects({
          ...teamA,
          ...tenant,
          namespace: `tenant-${tenant.name}`,
        }).filter(
          o => o.kind === 'Namespace' && o.metadata.name !== 'kids-legacy',
        )) {
          const { status, body } = await store(namespace);
          if (status !== 201) throw new Error(`${status} ${body.message}`);
        }
      }
    });

    const named = (
      kind: 'Gateway' | 'HTTPRoute' | 'Certificate',
      namespace: string,
      hostname: string,
    ): KubernetesObject => {
      const metadata = { name: 'family', namespace };
      if (kind === 'Gateway') {
        return {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind,
          metadata,
          spec: {
            gatewayClassName: 'eg',
            listeners: [{ name: 'http', hostname, port: 80, protocol: 'HTTP' }],
          },
        };
      }
      if (kind === 'HTTPRoute') {
        return {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind,
          metadata,
          spec: { parentRefs: [{ name: 'gateway' }], hostnames: [hostname] },
        };
      }
      return {
        apiVersion: 'cert-manager.io/v1',
        kind,
        metadata,
        spec: {
          secretName: 'family',
          issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
          dnsNames: [hostname],
        },
      };
    };
    const KINDS = ['Gateway', 'HTTPRoute', 'Certificate'] as const;

    it("leaves the parent its wildcard over its own domain, the child's domain inside", async () => {
      await admitted(
        create(named('Gateway', 'tenant-team-a', '*.team-a.example.org')),
      );
    });

    it('admits the child its own names, its wildcard and its domain itself, the parent serving a wildcard over them', async () => {
      for (const kind of KINDS) {
        for (const hostname of [
          'shop.kids.team-a.example.org',
          '*.kids.team-a.example.org',
          'kids.team-a.example.org',
        ]) {
          await admitted(create(named(kind, 'tenant-team-a-kids', hostname)));
        }
      }
    });

    it("refuses the parent a name of its child's domain, exact or wildcard", async () => {
      for (const kind of KINDS) {
        for (const hostname of [
          'shop.kids.team-a.example.org',
          '*.kids.team-a.example.org',
          'kids.team-a.example.org',
        ]) {
          await refused(
            create(named(kind, 'tenant-team-a', hostname)),
            /overlap the domains of tenant team-a-kids, and namespace tenant-team-a is not one of its namespaces/,
          );
        }
      }
    });

    it("refuses the child its parent's names and wildcard, and a sibling the child's names", async () => {
      for (const kind of KINDS) {
        for (const hostname of [
          'shop.team-a.example.org',
          '*.team-a.example.org',
        ]) {
          await refused(
            create(named(kind, 'tenant-team-a-kids', hostname)),
            /(lie outside the domains of tenant team-a-kids|overlap the domains of tenant team-a,)/,
          );
        }
        await refused(
          create(named(kind, 'tenant-team-c', 'shop.kids.team-a.example.org')),
          /(lie outside the domains of tenant team-c|overlap the domains of tenant team-a(-kids)?,)/,
        );
      }
    });

    it('admits the child its own names from its attached namespace, labelled with it by provisioning', async () => {
      for (const kind of ['HTTPRoute', 'Certificate'] as const) {
        for (const hostname of [
          'api.kids.team-a.example.org',
          '*.kids.team-a.example.org',
          'kids.team-a.example.org',
        ]) {
          await admitted(create(named(kind, 'kids-apps', hostname)));
        }
      }
    });

    it("refuses the child its parent's exact names from its attached namespace", async () => {
      for (const kind of ['HTTPRoute', 'Certificate'] as const) {
        for (const hostname of [
          'api.team-a.example.org',
          'team-a.example.org',
        ]) {
          await refused(
            create(named(kind, 'kids-apps', hostname)),
            /(lie outside the domains of tenant team-a-kids \(kids.team-a.example.org\), which owns namespace kids-apps|overlap the domains of tenant team-a, and namespace kids-apps is not one of its namespaces)/,
          );
        }
      }
    });

    it("refuses the parent's own and delegated names from a namespace labelled as its own that it no longer lists (detached)", async () => {
      const detached = buildTenantObjects({
        ...teamA,
        attachedNamespaces: ['team-a-detached'],
      }).find(o => o.metadata.name === 'team-a-detached')!;
      expect(detached.metadata.labels).toMatchObject({
        'gateway-api.gatehouse.dev/attached-to': 'team-a',
      });
      await store(detached);
      await refused(
        create(
          named('HTTPRoute', 'team-a-detached', 'api.kids.team-a.example.org'),
        ),
        /overlap the domains of tenant team-a(-kids)?, and namespace team-a-detached is not one of its namespaces/,
      );
      await refused(
        create(named('HTTPRoute', 'team-a-detached', 'api.team-a.example.org')),
        /overlap the domains of tenant team-a, and namespace team-a-detached is not one of its namespaces/,
      );
    });

    it('refuses a route from an attached namespace provisioning has not labelled yet (the parent cannot see whose it is)', async () => {
      await refused(
        create(
          named('HTTPRoute', 'kids-legacy', 'api.kids.team-a.example.org'),
        ),
        /overlap the domains of tenant team-a, and namespace kids-legacy is not one of its namespaces/,
      );
    });

    describe('and a grandchild', () => {
      const TOTS = 'tots.kids.team-a.example.org';
      /** A tenant namespace under team-a as the platform's builder writes it. */
      const descendant = (tenant: {
        name: string;
        parentTenant?: string;
        ancestorTenants?: string[];
        domains: string[];
      }) =>
        namespaceOf({
          ...teamA,
          namespace: `tenant-${tenant.name}`,
          attachedNamespaces: [],
          ...tenant,
        });
      /** The namespace written again with a change (the dev cluster skips admission on a no-op). */
      let writes = 0;
      const changed = (namespace: KubernetesObject): KubernetesObject => ({
        ...namespace,
        metadata: {
          ...namespace.metadata,
          annotations: {
            ...namespace.metadata.annotations,
            'example.org/written': String(++writes),
          },
        },
      });
      const tots = descendant({
        name: 'team-a-tots',
        parentTenant: 'team-a-kids',
        ancestorTenants: ['team-a-kids', 'team-a'],
        domains: [TOTS],
      });

      beforeAll(async () => {
        const { status, body } = await store(tots);
        if (status !== 201) throw new Error(`${status} ${body.message}`);
      });

      it('was admitted with its ancestry as the builder writes it, nearest first', () => {
        expect(tots.metadata.annotations).toMatchObject({
          [TENANT_METADATA.ancestors]: 'team-a-kids,team-a',
        });
      });

      it('admits the grandparent and the parent provisioned again, and a great-grandchild', async () => {
        expect(
          (await update(changed(namespaceOf(teamA)), 'platform')).status,
        ).toBe(200);
        const kids = descendant({
          name: 'team-a-kids',
          parentTenant: 'team-a',
          ancestorTenants: ['team-a'],
          domains: ['kids.team-a.example.org'],
        });
        expect((await update(changed(kids), 'platform')).status).toBe(200);
        await admitted(
          create(
            descendant({
              name: 'team-a-tots-twins',
              parentTenant: 'team-a-tots',
              ancestorTenants: ['team-a-tots', 'team-a-kids', 'team-a'],
              domains: [`twins.${TOTS}`],
            }),
            'platform',
          ),
        );
      });

      it('refuses a grandchild without its ancestry (a child from before the annotation is one level deep)', async () => {
        await refused(
          create(
            descendant({
              name: 'team-a-legacy',
              parentTenant: 'team-a-kids',
              domains: ['legacy.kids.team-a.example.org'],
            }),
            'platform',
          ),
          /a domain of tenant team-a-legacy \(legacy.kids.team-a.example.org\) is already claimed by tenant team-a \(team-a.example.org\), which is neither its ancestor nor its descendant/,
        );
      });

      it('refuses a grandchild outside its parent though inside its grandparent', async () => {
        await refused(
          create(
            descendant({
              name: 'team-a-stray',
              parentTenant: 'team-a-kids',
              ancestorTenants: ['team-a-kids', 'team-a'],
              domains: ['stray.team-a.example.org'],
            }),
            'platform',
          ),
          /the domains of tenant team-a-stray must lie inside those of its parent team-a-kids \(kids.team-a.example.org\)/,
        );
      });

      it("refuses a child its grandparent's domain itself", async () => {
        await refused(
          create(
            descendant({
              name: 'team-a-apex',
              parentTenant: 'team-a-kids',
              ancestorTenants: ['team-a-kids', 'team-a'],
              domains: ['team-a.example.org'],
            }),
            'platform',
          ),
          /already claimed by tenant team-a(-kids)? .*, and the domains of a tenant lie strictly inside those of its ancestors|must lie inside those of its parent team-a-kids/,
        );
      });

      it("refuses a sibling of the parent the grandchild's domain", async () => {
        await refused(
          create(
            descendant({
              name: 'team-a-pets',
              parentTenant: 'team-a',
              ancestorTenants: ['team-a'],
              domains: [`pets.${TOTS}`],
            }),
            'platform',
          ),
          /is already claimed by tenant team-a-(kids|tots) \(.*\), which is neither its ancestor nor its descendant/,
        );
      });

      it('refuses an ancestry its parent does not have, or that does not begin with its parent', async () => {
        // A sibling of the parent claiming to descend from it, to take a subdomain of its domain.
        await refused(
          create(
            descendant({
              name: 'team-a-pets',
              parentTenant: 'team-a',
              ancestorTenants: ['team-a', 'team-a-kids'],
              domains: ['pets.kids.team-a.example.org'],
            }),
            'platform',
          ),
          /the ancestors of tenant team-a-pets \(annotation gateway-api.gatehouse.dev\/ancestor-tenants: team-a, team-a-kids\) must be its parent team-a followed by the ancestors of its parent \(\)/,
        );
        await refused(
          create(
            descendant({
              name: 'team-a-pets',
              parentTenant: 'team-a',
              ancestorTenants: ['team-a-kids', 'team-a'],
              domains: ['pets.kids.team-a.example.org'],
            }),
            'platform',
          ),
          /the ancestors of tenant team-a-pets .* must (be its parent team-a followed by|begin with its parent tenant \(label gateway-api.gatehouse.dev\/parent-tenant: team-a\))/,
        );
        // A root tenant naming an ancestor.
        const rooted = descendant({
          name: 'team-z',
          domains: ['z.kids.team-a.example.org'],
        });
        rooted.metadata.annotations![TENANT_METADATA.ancestors] =
          'team-a-kids,team-a';
        await refused(
          create(rooted, 'platform'),
          /the ancestors of tenant team-z .* must begin with its parent tenant \(label gateway-api.gatehouse.dev\/parent-tenant, absent\)/,
        );
      });

      it('admits the grandchild its own names, the parent serving a wildcard over them', async () => {
        await admitted(
          create(
            named('Gateway', 'tenant-team-a-kids', `*.kids.team-a.example.org`),
          ),
        );
        for (const kind of KINDS) {
          for (const hostname of [`shop.${TOTS}`, `*.${TOTS}`, TOTS]) {
            await admitted(create(named(kind, 'tenant-team-a-tots', hostname)));
          }
        }
      });

      it("refuses the grandparent and the parent the grandchild's names", async () => {
        for (const kind of KINDS) {
          for (const hostname of [`shop.${TOTS}`, `*.${TOTS}`, TOTS]) {
            for (const namespace of ['tenant-team-a', 'tenant-team-a-kids']) {
              await refused(
                create(named(kind, namespace, hostname)),
                new RegExp(
                  `overlap the domains of tenant team-a-(kids|tots), and namespace ${namespace} is not one of its namespaces`,
                ),
              );
            }
          }
        }
      });

      it('refuses the grandparent a change of its namespace while a grandchild from before the annotation is not provisioned again', async () => {
        // Made while the tenant-domains policy was not installed, with the parent label alone.
        const binding = guardPolicies(options).find(
          o =>
            o.kind === 'ValidatingAdmissionPolicyBinding' &&
            o.metadata.name === 'gatehouse-tenant-domains',
        )!;
        const bindingPath = `${collection(binding)}/${binding.metadata.name}`;
        expect(
          (await request('DELETE', bindingPath, {}, cluster.adminToken)).status,
        ).toBe(200);
        const old = descendant({
          name: 'team-a-old',
          parentTenant: 'team-a-kids',
          domains: ['old.kids.team-a.example.org'],
        });
        delete old.metadata.annotations![TENANT_METADATA.ancestors];
        const stored = await store(old);
        expect((await store(binding)).status).toBe(201);
        expect(stored.status).toBe(201);

        await refused(
          update(changed(namespaceOf(teamA)), 'platform'),
          /a domain of tenant team-a \(team-a.example.org\) is already claimed by tenant team-a-old \(old.kids.team-a.example.org\), which is neither its ancestor nor its descendant/,
        );
        // Provisioned again: its ancestry written, the grandparent's change is admitted.
        const again = descendant({
          name: 'team-a-old',
          parentTenant: 'team-a-kids',
          ancestorTenants: ['team-a-kids', 'team-a'],
          domains: ['old.kids.team-a.example.org'],
        });
        expect(
          (
            await request(
              'PUT',
              `${collection(again)}/${again.metadata.name}`,
              again,
              cluster.adminToken,
            )
          ).status,
        ).toBe(200);
        expect(
          (await update(changed(namespaceOf(teamA)), 'platform')).status,
        ).toBe(200);
      });

      it("refuses the grandchild its parent's and grandparent's names", async () => {
        for (const kind of KINDS) {
          for (const hostname of [
            'shop.kids.team-a.example.org',
            '*.kids.team-a.example.org',
            'shop.team-a.example.org',
          ]) {
            await refused(
              create(named(kind, 'tenant-team-a-tots', hostname)),
              /(lie outside the domains of tenant team-a-tots|overlap the domains of tenant team-a(-kids)?,)/,
            );
          }
        }
      });
    });
  });
});

const PLURAL: Record<string, string> = {
  Namespace: 'namespaces',
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  ValidatingAdmissionPolicyBinding: 'validatingadmissionpolicybindings',
};

describe('guard policies in Warn mode', () => {
  let cluster: DevCluster;

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: false });
    const post = (o: KubernetesObject) =>
      fetch(
        `${cluster.url}${o.apiVersion.includes('/') ? '/apis' : '/api'}/${
          o.apiVersion
        }/${PLURAL[o.kind]}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${cluster.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(o),
        },
      );
    await post(buildTenantObjects(teamA).find(o => o.kind === 'Namespace')!);
    for (const o of guardPolicies({
      ...options,
      validationActions: ['Warn'],
    })) {
      await post(o);
    }
  }, STARTUP_TIMEOUT);
  afterAll(() => cluster?.close());

  it('lets a refused request through, with the refusal as a warning to the client', async () => {
    const response = await fetch(
      `${cluster.url}/api/v1/namespaces?dryRun=All`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${cluster.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(
          buildTenantObjects({
            ...teamA,
            name: 'team-d',
            namespace: 'tenant-team-d',
            domains: ['shop.team-a.example.org'],
            attachedNamespaces: [],
          }).find(o => o.kind === 'Namespace'),
        ),
      },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('warning')).toMatch(
      /already claimed by tenant team-a/,
    );
  });
});
