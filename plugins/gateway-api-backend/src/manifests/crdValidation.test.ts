/**
 * Validates everything the builders generate against the real CRDs (OpenAPI schemas and CEL
 * rules) and the guard policies against real admission, through the dev cluster.
 */
import path from 'path';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { exampleClusterFiles } from './__fixtures__/exampleCluster';
import {
  catalogApi,
  checkout,
  ledger,
  legacyBilling,
  payments,
  teamA,
  teamB,
  teamC,
} from './__fixtures__/examples';
import {
  buildExposureObjects,
  buildTenantObjects,
  exposureFieldManager,
  guardPolicies,
  mergeAppliedObjects,
} from './index';
import {
  CertificateOption,
  ClientIpOption,
  ExposureSpec,
  KubernetesObject,
  TenantSpec,
} from './types';

/** Loading and compiling the CRDs takes seconds, more with other suites running. */
const STARTUP_TIMEOUT = 60_000;

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Service: 'services',
  GatewayClass: 'gatewayclasses',
  Gateway: 'gateways',
  HTTPRoute: 'httproutes',
  TLSRoute: 'tlsroutes',
  ReferenceGrant: 'referencegrants',
  Issuer: 'issuers',
  Certificate: 'certificates',
  EnvoyProxy: 'envoyproxies',
  ClientTrafficPolicy: 'clienttrafficpolicies',
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  ValidatingAdmissionPolicyBinding: 'validatingadmissionpolicybindings',
};

function collectionPath(object: KubernetesObject): string {
  const prefix = object.apiVersion.includes('/')
    ? `/apis/${object.apiVersion}`
    : `/api/${object.apiVersion}`;
  const ns = object.metadata.namespace
    ? `/namespaces/${object.metadata.namespace}`
    : '';
  return `${prefix}${ns}/${PLURALS[object.kind]}`;
}

const certificateOptions: CertificateOption[] = [
  { type: 'acme-http01', server: 'staging', email: 'ops@example.org' },
  {
    type: 'acme-dns01',
    server: 'production',
    email: 'ops@example.org',
    solver: {
      cloudflare: { apiTokenSecretRef: { name: 'cloudflare', key: 'token' } },
    },
  },
  { type: 'self-signed' },
  { type: 'cluster-issuer', name: 'letsencrypt-prod' },
];
const clientIpOptions: ClientIpOption[] = [
  { mode: 'none' },
  { mode: 'proxy-protocol' },
  { mode: 'x-forwarded-for', numTrustedHops: 2 },
  { mode: 'custom-header', header: 'X-Real-IP', failClosed: true },
];

/** Every layout with every option, and an HTTPRoute and a TLSRoute exposure each. */
function scenarios(): Array<[string, KubernetesObject[]]> {
  const exposures: Array<[TenantSpec, ExposureSpec[]]> = [
    [
      teamA,
      [
        checkout,
        {
          ...checkout,
          hostname: 'db.team-a.example.org',
          kind: 'TLSRoute',
          service: { namespace: 'tenant-team-a', name: 'db', port: 5432 },
          names: { ...checkout.names, route: 'db', gateway: 'db' },
        },
      ],
    ],
    [teamB, [payments, ledger]],
    [teamC, [catalogApi, legacyBilling]],
  ];
  const result: Array<[string, KubernetesObject[]]> = [];
  for (const [tenant, tenantExposures] of exposures) {
    const variants: TenantSpec[] = [
      ...certificateOptions.map(certificates => ({ ...tenant, certificates })),
      ...clientIpOptions.map(clientIp => ({ ...tenant, clientIp })),
      {
        ...tenant,
        serviceExposure: { type: 'ClusterIP', externalIPs: ['192.0.2.10'] },
      },
    ];
    variants.forEach((variant, i) => {
      result.push([
        `${tenant.layout} #${i}`,
        mergeAppliedObjects([
          ...buildTenantObjects(variant),
          ...tenantExposures.flatMap(e => buildExposureObjects(e, variant)),
        ]),
      ]);
    });
  }
  return result;
}

describe('generated objects against the real CRDs and admission', () => {
  let cluster: DevCluster;

  async function request(
    method: string,
    urlPath: string,
    body?: unknown,
    contentType = 'application/json',
  ) {
    const response = await fetch(`${cluster.url}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${cluster.adminToken}`,
        'content-type': contentType,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  async function create(object: KubernetesObject, dryRun: boolean) {
    const query = `?fieldManager=gatehouse${dryRun ? '&dryRun=All' : ''}`;
    return request('POST', `${collectionPath(object)}${query}`, object);
  }

  /** Namespaces are created for real (namespaced dry-runs need them), the rest only dry-run. */
  async function failures(objects: KubernetesObject[]) {
    const failed: string[] = [];
    for (const object of objects) {
      const isNamespace = object.kind === 'Namespace';
      const { status, body } = await create(object, !isNamespace);
      const ok = status < 300 || (isNamespace && status === 409);
      if (!ok) {
        failed.push(
          `${object.kind} ${object.metadata.namespace ?? ''}/${
            object.metadata.name
          }: ${status} ${body.message}`,
        );
      }
    }
    return failed;
  }

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: false });
    // Namespaces the builders reference but do not create.
    for (const name of [
      'envoy-gateway-system',
      'checkout',
      'payments',
      'catalog',
      'billing',
      'billing-backend',
    ]) {
      await create(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
        false,
      );
    }
  }, STARTUP_TIMEOUT);

  afterAll(async () => {
    await cluster?.close();
  });

  it.each(scenarios())(
    '%s is accepted by every CRD schema and CEL rule',
    async (_, objects) => {
      expect(await failures(objects)).toEqual([]);
    },
  );

  it(
    'starts the dev cluster with the example files as its seed',
    async () => {
      const seeded = await startDevCluster({
        seed: [path.resolve(__dirname, '../../../../examples/cluster')],
        controllers: false,
      });
      try {
        const response = await fetch(
          `${seeded.url}/apis/gateway.networking.k8s.io/v1/namespaces/gateway/gateways/shared`,
          { headers: { authorization: `Bearer ${seeded.adminToken}` } },
        );
        const gateway = await response.json();
        expect(
          gateway.spec.listeners.map((l: { name: string }) => l.name),
        ).toEqual([
          'http',
          'catalog.team-c.example.org',
          'billing.team-c.example.org',
        ]);
      } finally {
        await seeded.close();
      }
    },
    STARTUP_TIMEOUT,
  );

  it('accepts every example file', async () => {
    const objects = Object.values(exampleClusterFiles()).flat();
    expect(await failures(objects)).toEqual([]);
  });

  describe('listener patches under per-hostname field managers', () => {
    const [gateway] = buildTenantObjects(teamC).filter(
      o => o.kind === 'Gateway',
    );
    const gatewayPath = `${collectionPath(gateway)}/${gateway.metadata.name}`;
    const apply = (body: unknown, hostname: string) =>
      request(
        'PATCH',
        `${gatewayPath}?fieldManager=${encodeURIComponent(
          exposureFieldManager(hostname),
        )}`,
        body,
        'application/apply-patch+yaml',
      );
    const listenerNames = async () =>
      (await request('GET', gatewayPath)).body.spec.listeners.map(
        (l: { name: string }) => l.name,
      );

    beforeAll(async () => {
      const namespaces = buildTenantObjects(teamC).filter(
        o => o.kind === 'Namespace',
      );
      const failed = await failures(namespaces);
      const { status, body } = await create(gateway, false);
      if (failed.length || status !== 201) {
        throw new Error(`${failed.join('; ')} ${status} ${body.message}`);
      }
      for (const exposure of [catalogApi, legacyBilling]) {
        const patch = buildExposureObjects(exposure, teamC).find(
          o => o.kind === 'Gateway',
        );
        const applied = await apply(patch, exposure.hostname);
        if (applied.status !== 200) {
          throw new Error(`${applied.status} ${applied.body.message}`);
        }
      }
    });

    it('keeps every hostname listener side by side', async () => {
      expect(await listenerNames()).toEqual([
        'http',
        'catalog.team-c.example.org',
        'billing.team-c.example.org',
      ]);
    });

    it('removes exactly the listener of an unexposed hostname', async () => {
      const bare = {
        apiVersion: gateway.apiVersion,
        kind: gateway.kind,
        metadata: {
          name: gateway.metadata.name,
          namespace: gateway.metadata.namespace,
        },
      };
      expect((await apply(bare, catalogApi.hostname)).status).toBe(200);
      expect(await listenerNames()).toEqual([
        'http',
        'billing.team-c.example.org',
      ]);
    });
  });

  describe('guard policies', () => {
    const hijack = (namespace: string, hostname: string): KubernetesObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'hijack', namespace },
      spec: { hostnames: [hostname], rules: [{}] },
    });

    beforeAll(async () => {
      const policies = guardPolicies({
        validationActions: ['Deny'],
        platformNamespaces: ['gateway'],
      });
      for (const policy of policies) {
        const { status, body } = await create(policy, false);
        if (status !== 201) {
          throw new Error(`${policy.metadata.name}: ${status} ${body.message}`);
        }
      }
      for (const tenant of [teamA, teamB, teamC]) {
        await failures([buildTenantObjects(tenant)[0]]);
      }
      await create(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'intruder' } },
        false,
      );
    });

    it('admits a route inside its tenant domains', async () => {
      expect(
        (await create(hijack('checkout', 'shop.team-a.example.org'), true))
          .status,
      ).toBe(201);
    });

    it('refuses a tenant route outside its domains', async () => {
      const { status, body } = await create(
        hijack('checkout', 'pay.team-b.example.org'),
        true,
      );
      expect(status).toBe(403);
      expect(body.message).toMatch(/domains of tenant team-[ab]/);
    });

    it('refuses another namespace taking a tenant hostname, wildcards included', async () => {
      for (const hostname of ['pay.team-b.example.org', '*.example.org']) {
        const { status } = await create(hijack('intruder', hostname), true);
        expect(status).toBe(403);
      }
    });

    it('refuses a listener hostname outside the tenant domains', async () => {
      const gateway = buildExposureObjects(checkout, teamA)[0];
      const spec = gateway.spec as { listeners: Array<{ hostname: string }> };
      const stolen = {
        ...gateway,
        spec: {
          ...spec,
          listeners: [
            { ...spec.listeners[0], hostname: 'x.team-b.example.org' },
          ],
        },
      };
      expect((await create(gateway, true)).status).toBe(201);
      expect((await create(stolen, true)).status).toBe(403);
    });

    it('refuses a tenant claiming a domain of another tenant or attaching its namespaces', async () => {
      const [claim] = buildTenantObjects({
        ...teamA,
        name: 'team-d',
        namespace: 'tenant-team-d',
        domains: ['shop.team-b.example.org'],
        attachedNamespaces: [],
      });
      expect((await create(claim, true)).status).toBe(403);
      const [attach] = buildTenantObjects({
        ...teamA,
        name: 'team-d',
        namespace: 'tenant-team-d',
        domains: ['team-d.example.org'],
        attachedNamespaces: ['payments'],
      });
      expect((await create(attach, true)).status).toBe(403);
      const [ok] = buildTenantObjects({
        ...teamA,
        name: 'team-d',
        namespace: 'tenant-team-d',
        domains: ['team-d.example.org'],
        attachedNamespaces: ['shop'],
      });
      expect((await create(ok, true)).status).toBe(201);
    });

    it('admits a child tenant inside its parent domains only', async () => {
      const child = (domains: string[]) =>
        buildTenantObjects({
          ...teamB,
          name: 'team-b-eu',
          namespace: 'tenant-team-b-eu',
          parentTenant: 'team-b',
          domains,
          attachedNamespaces: [],
        })[0];
      expect(
        (await create(child(['eu.team-b.example.org']), true)).status,
      ).toBe(201);
      expect(
        (await create(child(['eu.team-c.example.org']), true)).status,
      ).toBe(403);
    });
  });
});
