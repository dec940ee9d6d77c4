/**
 * Validates everything the builders generate against the real CRDs (OpenAPI schemas and CEL
 * rules) of every Gateway API install the dev cluster serves, with what each install serves
 * (guardPolicies.test.ts puts the guard policies through admission).
 */
import path from 'path';
import {
  DevCluster,
  gatewayApiInstallCases,
  startDevCluster,
} from '@gatehouse/dev-cluster';
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
  CILIUM_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
} from './implementations';
import {
  CertificateOption,
  ClientIpOption,
  ExposureSpec,
  KubernetesObject,
  ServedGatewayApi,
  TenantSpec,
} from './types';

/** What each install serves, as ServedApis reports it for a GatewayClass supporting ListenerSet. */
const SERVED: Record<string, ServedGatewayApi> = {
  'v1.4.1/standard': {},
  'v1.4.1/experimental': { tlsRoute: 'gateway.networking.k8s.io/v1alpha3' },
  'v1.6.1/standard': {
    tlsRoute: 'gateway.networking.k8s.io/v1',
    listenerSet: 'gateway.networking.k8s.io/v1',
  },
  'v1.6.1/experimental': {
    tlsRoute: 'gateway.networking.k8s.io/v1',
    listenerSet: 'gateway.networking.k8s.io/v1',
  },
};

/** Loading and compiling the CRDs takes seconds, more with other suites running. */
const STARTUP_TIMEOUT = 60_000;

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Service: 'services',
  GatewayClass: 'gatewayclasses',
  Gateway: 'gateways',
  ListenerSet: 'listenersets',
  HTTPRoute: 'httproutes',
  TLSRoute: 'tlsroutes',
  ReferenceGrant: 'referencegrants',
  Issuer: 'issuers',
  Certificate: 'certificates',
  EnvoyProxy: 'envoyproxies',
  NginxProxy: 'nginxproxies',
  ClusterIssuer: 'clusterissuers',
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
  { mode: 'x-forwarded-for', trustedAddresses: ['10.0.0.0/8', '192.0.2.7'] },
  { mode: 'custom-header', header: 'X-Real-IP', failClosed: true },
];

/**
 * The other implementations' variants of a tenant, where its layout suits them: NGINX Gateway
 * Fabric's NginxProxy (client IP from trusted addresses, external IPs) and Cilium's core-only
 * tenants (its IP pool is a CRD not here: see CILIUM_UNVALIDATED).
 */
function implementationVariants(tenant: TenantSpec): TenantSpec[] {
  if (tenant.layout === 'dedicated') return [];
  const ngf = {
    ...tenant,
    controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
    gatewayClassName: 'nginx',
  };
  const cilium = {
    ...tenant,
    controllerName: CILIUM_CONTROLLER,
    gatewayClassName: 'cilium',
    clientIp: { mode: 'none' as const },
  };
  return [
    { ...ngf, clientIp: { mode: 'none' } },
    {
      ...ngf,
      clientIp: { mode: 'proxy-protocol', trustedAddresses: ['10.0.0.0/8'] },
    },
    {
      ...ngf,
      clientIp: { mode: 'x-forwarded-for', trustedAddresses: ['192.0.2.7'] },
      serviceExposure: { type: 'ClusterIP', externalIPs: ['192.0.2.10'] },
    },
    cilium,
    ...(tenant.layout === 'tenant-shared'
      ? [
          {
            ...cilium,
            serviceExposure: {
              type: 'LoadBalancer' as const,
              ipPool: ['192.0.2.64/28'],
            },
          },
        ]
      : [
          {
            ...tenant,
            certificates: {
              type: 'acme-http01-cluster-issuer' as const,
              name: 'letsencrypt-shared',
              server: 'staging' as const,
              email: 'ops@example.org',
            },
          },
        ]),
  ];
}

/**
 * Cilium's CRDs are not among the pinned ones, so its pool is checked against the shape of
 * Cilium's LB-IPAM documentation (implementations.test.ts) and left out here.
 */
const CILIUM_UNVALIDATED = new Set(['CiliumLoadBalancerIPPool']);

/**
 * Every layout with every option, an HTTPRoute and a TLSRoute exposure each (the TLSRoute only
 * where the install serves TLSRoute), and the guard policies.
 */
function scenarios(
  served: ServedGatewayApi,
): Array<[string, KubernetesObject[]]> {
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
      ...implementationVariants(tenant),
    ];
    variants.forEach((variant, i) => {
      result.push([
        `${tenant.layout} #${i}`,
        mergeAppliedObjects([
          ...buildTenantObjects(variant, served),
          ...tenantExposures
            .filter(e => e.kind === 'HTTPRoute' || served.tlsRoute)
            .flatMap(e => buildExposureObjects(e, variant, served)),
        ]).filter(o => !CILIUM_UNVALIDATED.has(o.kind)),
      ]);
    });
  }
  result.push([
    'guard policies',
    guardPolicies({
      validationActions: ['Deny'],
      platformNamespaces: ['gateway'],
      platformUsers: ['system:serviceaccount:backstage:backstage'],
      platformGroups: ['system:masters'],
    }),
  ]);
  return result;
}

/** Namespaces the builders reference but do not create. */
const APP_NAMESPACES = [
  'envoy-gateway-system',
  'checkout',
  'payments',
  'catalog',
  'billing',
  'billing-backend',
];

describe.each(gatewayApiInstallCases())(
  'generated objects against the CRDs of Gateway API %s',
  (name, install) => {
    let cluster: DevCluster;
    const served = SERVED[name];

    beforeAll(async () => {
      cluster = await startDevCluster({
        seed: [],
        controllers: false,
        gatewayApi: install,
      });
      for (const ns of APP_NAMESPACES) {
        await createIn(cluster, {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: ns },
        });
      }
    }, STARTUP_TIMEOUT);

    afterAll(async () => {
      await cluster?.close();
    });

    it.each(scenarios(served))(
      '%s is accepted by every CRD schema and CEL rule',
      async (_, objects) => {
        expect(await failuresIn(cluster, objects)).toEqual([]);
      },
    );

    it('validates NginxProxy and the cluster-shared ClusterIssuer against their CRDs', () => {
      const written = new Set(
        scenarios(served).flatMap(([, objects]) => objects.map(o => o.kind)),
      );
      expect([...written]).toEqual(
        expect.arrayContaining(['NginxProxy', 'ClusterIssuer']),
      );
    });

    it('writes ListenerSets exactly where the install serves them', () => {
      const written = scenarios(served)
        .flatMap(([, objects]) => objects)
        .filter(o => o.kind === 'ListenerSet');
      expect(written.length > 0).toBe(served.listenerSet !== undefined);
    });
  },
);

async function createIn(
  cluster: DevCluster,
  object: KubernetesObject,
  dryRun = false,
) {
  const query = `?fieldManager=gatehouse${dryRun ? '&dryRun=All' : ''}`;
  const response = await fetch(
    `${cluster.url}${collectionPath(object)}${query}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cluster.adminToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(object),
    },
  );
  return { status: response.status, body: await response.json() };
}

/** Namespaces are created for real (namespaced dry-runs need them), the rest only dry-run. */
async function failuresIn(cluster: DevCluster, objects: KubernetesObject[]) {
  const failed: string[] = [];
  for (const object of objects) {
    const isNamespace = object.kind === 'Namespace';
    const { status, body } = await createIn(cluster, object, !isNamespace);
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

describe('the example cluster and listener patches on the default install', () => {
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
        // Gateway API v1.6: the hostnames' listeners live in team-c's ListenerSets.
        expect(
          gateway.spec.listeners.map((l: { name: string }) => l.name),
        ).toEqual(['http']);
        const sets = await (
          await fetch(
            `${seeded.url}/apis/gateway.networking.k8s.io/v1/namespaces/tenant-team-c/listenersets`,
            { headers: { authorization: `Bearer ${seeded.adminToken}` } },
          )
        ).json();
        expect(
          sets.items.map(
            (s: { metadata: { name: string } }) => s.metadata.name,
          ),
        ).toEqual(['billing.team-c.example.org', 'catalog.team-c.example.org']);
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
});
