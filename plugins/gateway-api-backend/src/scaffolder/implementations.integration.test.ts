/**
 * Provisioning and exposing on every implementation Gatehouse knows, in every layout that
 * implementation can serve, against the dev cluster with its controllers playing each one: the
 * tenant's Gateway is Programmed and the route Accepted by that implementation's controller. The
 * layouts an implementation cannot serve are refused with why, writing nothing.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { exampleCatalog, webComponentOf } from '../__testUtils__/catalog';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  CILIUM_CONTROLLER,
  ENVOY_GATEWAY_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
} from '../manifests';
import { unsupportedRedirects } from '../manifests/redirects';
import { httpsRedirectRoute } from '../manifests/routes';
import { createExposeRouteAction } from './exposeRoute';
import { createProvisionTenantAction } from './provisionTenant';

interface Case {
  tenant: string;
  implementation: string;
  controllerName: string;
  layout: 'dedicated' | 'tenant-shared' | 'cluster-shared';
  extra?: Record<string, unknown>;
  /** The Gateway the route's listener belongs to, and whether it lives in a ListenerSet. */
  gateway: (tenant: string, route: any) => { namespace: string; name: string };
  listenerSet: boolean;
}

const CASES: Case[] = [
  {
    tenant: 'impl-eg-d',
    implementation: 'Envoy Gateway',
    controllerName: ENVOY_GATEWAY_CONTROLLER,
    layout: 'dedicated',
    extra: { clientIp: { mode: 'proxy-protocol' } },
    // Its own Gateway per exposed service, as the route names it.
    gateway: (t, route) => ({
      namespace: `tenant-${t}`,
      name: route.spec.parentRefs[0].name,
    }),
    listenerSet: false,
  },
  {
    tenant: 'impl-eg-t',
    implementation: 'Envoy Gateway',
    controllerName: ENVOY_GATEWAY_CONTROLLER,
    layout: 'tenant-shared',
    extra: {
      clientIp: { mode: 'custom-header', header: 'X-Real-IP' },
      serviceExposure: { type: 'ClusterIP', externalIPs: ['192.0.2.200'] },
    },
    gateway: t => ({ namespace: `tenant-${t}`, name: t }),
    listenerSet: true,
  },
  {
    tenant: 'impl-eg-c',
    implementation: 'Envoy Gateway',
    controllerName: ENVOY_GATEWAY_CONTROLLER,
    layout: 'cluster-shared',
    gateway: () => ({ namespace: 'gateway', name: 'shared' }),
    listenerSet: true,
  },
  {
    tenant: 'impl-ngf-t',
    implementation: 'NGINX Gateway Fabric',
    controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
    layout: 'tenant-shared',
    extra: {
      clientIp: { mode: 'proxy-protocol', trustedAddresses: ['10.0.0.0/8'] },
    },
    gateway: t => ({ namespace: `tenant-${t}`, name: t }),
    listenerSet: true,
  },
  {
    tenant: 'impl-ngf-c',
    implementation: 'NGINX Gateway Fabric',
    controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
    layout: 'cluster-shared',
    extra: {
      certificates: {
        type: 'acme-http01-cluster-issuer',
        name: 'letsencrypt-flex',
        email: 'platform@example.org',
      },
    },
    // The implementation's defaults: seed 003's shared Gateway.
    gateway: () => ({ namespace: 'nginx-gateway', name: 'flex-gateway' }),
    listenerSet: true,
  },
  {
    tenant: 'impl-cilium-t',
    implementation: 'Cilium',
    controllerName: CILIUM_CONTROLLER,
    layout: 'tenant-shared',
    gateway: t => ({ namespace: `tenant-${t}`, name: t }),
    // Cilium has no ListenerSet feature: the listener goes on the Gateway.
    listenerSet: false,
  },
  {
    tenant: 'impl-cilium-c',
    implementation: 'Cilium',
    controllerName: CILIUM_CONTROLLER,
    layout: 'cluster-shared',
    extra: { sharedGateway: { namespace: 'cilium-gateway', name: 'shared' } },
    gateway: () => ({ namespace: 'cilium-gateway', name: 'shared' }),
    listenerSet: false,
  },
];

const TEAMS = [...CASES.map(c => c.tenant), 'impl-refused', 'impl-limited'];

describe('provisioning and exposing on every implementation', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
        ingressNginx: { enabled: false },
      },
    }));
    await client.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'cilium-gateway' },
    });
  }, 120_000);
  afterAll(() => cluster?.close());

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog({ webOwners: TEAMS }),
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
  ): Promise<T> {
    const deadline = Date.now() + 20_000;
    let last: T = await read();
    while (!ok(last)) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: still ${JSON.stringify(last, null, 1)}`);
      }
      await new Promise(r => setTimeout(r, 100));
      last = await read();
    }
    return last;
  }

  /** Writes other than status (the controllers keep writing status meanwhile). */
  const specWrites = () =>
    cluster.writes.filter(w => w.subresource !== 'status').length;

  const conditionOf = (object: any, type: string) =>
    object?.status?.conditions?.find((c: any) => c.type === type);

  it.each(CASES)(
    '$implementation, $layout: provisions, exposes, and the controller programs the route',
    async c => {
      await run(createProvisionTenantAction(deps()), {
        name: c.tenant,
        domains: [`${c.tenant}.example.org`],
        ownerGroup: `group:default/${c.tenant}`,
        layout: c.layout,
        controllerName: c.controllerName,
        ...c.extra,
      });
      await client.apply({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: `tenant-${c.tenant}` },
        spec: { ports: [{ name: 'main', port: 8443 }] },
      });
      const hostname = `shop.${c.tenant}.example.org`;
      await run(createExposeRouteAction(deps()), {
        tenant: c.tenant,
        hostname,
        routeKind: 'HTTPRoute',
        service: { name: 'web', port: 8443 },
        entityRef: webComponentOf(c.tenant),
      });

      const route = await eventually(
        () =>
          client.get<any>({
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'HTTPRoute',
            namespace: `tenant-${c.tenant}`,
            name: hostname,
          }),
        r =>
          (r?.status?.parents ?? []).some(
            (p: any) =>
              p.controllerName === c.controllerName &&
              p.conditions?.some(
                (x: any) => x.type === 'Accepted' && x.status === 'True',
              ),
          ),
        `HTTPRoute ${hostname} Accepted by ${c.controllerName}`,
      );
      const gatewayRef = c.gateway(c.tenant, route);
      const gateway = await eventually(
        () =>
          client.get<any>({
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            ...gatewayRef,
          }),
        g => conditionOf(g, 'Programmed')?.status === 'True',
        `Gateway ${gatewayRef.namespace}/${gatewayRef.name} Programmed`,
      );
      const gatewayClass = await client.get<any>({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        name: gateway.spec.gatewayClassName,
      });
      expect(gatewayClass.spec.controllerName).toBe(c.controllerName);
      expect(conditionOf(gatewayClass, 'Accepted').status).toBe('True');

      expect(route.spec.parentRefs[0].kind).toBe(
        c.listenerSet ? 'ListenerSet' : 'Gateway',
      );
    },
    60_000,
  );

  it("writes NGINX Gateway Fabric's client IP on the tenant Gateway's own NginxProxy, resolved by the controller", async () => {
    const gateway = await eventually(
      () =>
        client.get<any>({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          namespace: 'tenant-impl-ngf-t',
          name: 'impl-ngf-t',
        }),
      g => conditionOf(g, 'ResolvedRefs')?.status === 'True',
      'NGF Gateway ResolvedRefs',
    );
    expect(gateway.spec.infrastructure.parametersRef).toEqual({
      group: 'gateway.nginx.org',
      kind: 'NginxProxy',
      name: 'impl-ngf-t',
    });
    const proxy = await client.get<any>({
      apiVersion: 'gateway.nginx.org/v1alpha2',
      kind: 'NginxProxy',
      namespace: 'tenant-impl-ngf-t',
      name: 'impl-ngf-t',
    });
    expect(proxy.spec.rewriteClientIP).toEqual({
      mode: 'ProxyProtocol',
      trustedAddresses: [{ type: 'CIDR', value: '10.0.0.0/8' }],
    });
  });

  it('issues the cluster-shared certificate from the ClusterIssuer solving through the shared Gateway', async () => {
    const issuer = await client.get<any>({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      name: 'letsencrypt-flex',
    });
    expect(
      issuer.spec.acme.solvers[0].http01.gatewayHTTPRoute.parentRefs,
    ).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'flex-gateway',
        namespace: 'nginx-gateway',
        sectionName: 'http',
      },
    ]);
    // The hostname's Certificate comes from it, and the simulated cert-manager issues it.
    await eventually(
      () =>
        client.list<any>('cert-manager.io/v1', 'Certificate', {
          namespace: 'tenant-impl-ngf-c',
        }),
      certificates =>
        certificates.some(
          cert =>
            cert.spec.issuerRef.kind === 'ClusterIssuer' &&
            cert.spec.issuerRef.name === 'letsencrypt-flex' &&
            cert.spec.dnsNames.includes('shop.impl-ngf-c.example.org') &&
            conditionOf(cert, 'Ready')?.status === 'True',
        ),
      'Certificate of shop.impl-ngf-c.example.org Ready',
    );
  });

  it("keeps every cluster-shared Gateway's namespace a platform namespace of the guard policies", async () => {
    const policies = await client.list<any>(
      'admissionregistration.k8s.io/v1',
      'ValidatingAdmissionPolicy',
    );
    const exempt = policies
      .flatMap((p: any) => p.spec.matchConditions ?? [])
      .filter((c: any) => c.name === 'outside-platform-namespaces')
      .map((c: any) => c.expression);
    expect(exempt.length).toBeGreaterThan(0);
    for (const expression of exempt) {
      expect(expression).toBe(
        "!(object.metadata.namespace in ['cilium-gateway', 'gateway', 'nginx-gateway'])",
      );
    }
  });

  it.each([
    [
      NGINX_GATEWAY_FABRIC_CONTROLLER,
      'dedicated',
      {},
      /one GatewayClass per installation/,
    ],
    [CILIUM_CONTROLLER, 'dedicated', {}, /its own LoadBalancer Service/],
    [
      CILIUM_CONTROLLER,
      'tenant-shared',
      { serviceExposure: { type: 'LoadBalancer', ipPool: ['192.0.2.64/28'] } },
      /does not serve CiliumLoadBalancerIPPool/,
    ],
    // The example cluster's shared Gateway is Envoy Gateway's.
    [
      CILIUM_CONTROLLER,
      'cluster-shared',
      {},
      /belongs to GatewayClass eg, not cilium/,
    ],
    [
      NGINX_GATEWAY_FABRIC_CONTROLLER,
      'tenant-shared',
      { clientIp: { mode: 'custom-header', header: 'X-Real-IP' } },
      /no custom-header mode/,
    ],
  ])(
    'refuses %s in the %s layout with %j, writing nothing',
    async (controllerName, layout, extra, why) => {
      const writes = specWrites();
      await expect(
        run(createProvisionTenantAction(deps()), {
          name: 'impl-refused',
          domains: ['impl-refused.example.org'],
          ownerGroup: 'group:default/impl-refused',
          layout,
          controllerName,
          ...extra,
        }),
      ).rejects.toThrow(why);
      expect(specWrites()).toBe(writes);
    },
  );

  it("refuses a TLSRoute for Cilium where the cluster serves TLSRoute only at v1 (Gateway API v1.6's standard channel), writing nothing", async () => {
    const writes = specWrites();
    await expect(
      run(createExposeRouteAction(deps()), {
        tenant: 'impl-cilium-t',
        hostname: 'db.impl-cilium-t.example.org',
        routeKind: 'TLSRoute',
        service: { name: 'web', port: 8443 },
        entityRef: webComponentOf('impl-cilium-t'),
      }),
    ).rejects.toThrow(
      /Cilium \(Gateway API v1.4.1\) reads TLSRoute at v1alpha2 only/,
    );
    expect(specWrites()).toBe(writes);
  });

  it('refuses to take over a ClusterIssuer it did not create', async () => {
    await client.apply({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'platform-made' },
      spec: { selfSigned: {} },
    });
    const writes = specWrites();
    await expect(
      run(createProvisionTenantAction(deps()), {
        name: 'impl-refused',
        domains: ['impl-refused.example.org'],
        ownerGroup: 'group:default/impl-refused',
        layout: 'cluster-shared',
        certificates: {
          type: 'acme-http01-cluster-issuer',
          name: 'platform-made',
          email: 'platform@example.org',
        },
      }),
    ).rejects.toThrow(/already exists and was not created by Gatehouse/);
    expect(specWrites()).toBe(writes);
  });

  it('writes the https redirect on each implementation, whose class lists the scheme redirect, and a 308 only where it lists that too', async () => {
    // The route provisioning writes, and the same redirect permanent with 308.
    const https = [
      httpsRedirectRoute(
        { namespace: 'tenant-x', name: 'https-redirect' },
        { namespace: 'tenant-x', name: 'x' },
      ),
    ];
    const permanent = {
      ...https[0],
      spec: {
        rules: [
          {
            filters: [
              {
                type: 'RequestRedirect',
                requestRedirect: { scheme: 'https', statusCode: 308 },
              },
            ],
          },
        ],
      },
    };
    const verdicts: Record<string, string[][]> = {};
    for (const className of ['eg', 'nginx', 'cilium']) {
      const features = await client.servedApis.supportedFeatures(className);
      expect(features.size).toBeGreaterThan(0);
      verdicts[className] = unsupportedRedirects(
        [...https, permanent],
        features,
      ).map(u => u.missing);
    }
    expect(verdicts).toEqual({
      eg: [],
      nginx: [],
      cilium: [['HTTPRoute308RedirectStatusCode']],
    });
    // And each provisioned tenant-shared tenant got its redirect route.
    for (const tenant of ['impl-eg-t', 'impl-ngf-t', 'impl-cilium-t']) {
      expect(
        await client.get({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          namespace: `tenant-${tenant}`,
          name: 'https-redirect',
        }),
      ).toBeDefined();
    }
  });

  it('leaves out the https redirect, saying why, where the GatewayClass lists features without the scheme redirect', async () => {
    await client.apply({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'limited' },
      spec: { controllerName: 'example.com/limited-gateway-controller' },
    });
    // A controller the dev cluster does not play: its status is written here as it would.
    const patched = await fetch(
      `${cluster.url}/apis/gateway.networking.k8s.io/v1/gatewayclasses/limited/status`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${cluster.adminToken}`,
          'Content-Type': 'application/merge-patch+json',
        },
        body: JSON.stringify({
          status: {
            supportedFeatures: ['Gateway', 'HTTPRoute', 'ReferenceGrant'].map(
              name => ({ name }),
            ),
          },
        }),
      },
    );
    expect(patched.ok).toBe(true);
    const ctx = await run(createProvisionTenantAction(deps()), {
      name: 'impl-limited',
      domains: ['impl-limited.example.org'],
      ownerGroup: 'group:default/impl-limited',
      layout: 'tenant-shared',
      controllerName: 'example.com/limited-gateway-controller',
      gatewayClassName: 'limited',
    });
    const notWritten = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'notWritten',
    )?.[1];
    expect(notWritten).toEqual([
      expect.stringMatching(
        /^HTTPRoute tenant-impl-limited\/https-redirect \(its redirect to https\) is not written: GatewayClass limited does not list HTTPRouteSchemeRedirect among its supportedFeatures/,
      ),
    ]);
    const get = (kind: string, name: string) =>
      client.get({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind,
        namespace: 'tenant-impl-limited',
        name,
      });
    expect(await get('HTTPRoute', 'https-redirect')).toBeUndefined();
    // The tenant itself is provisioned.
    expect(await get('Gateway', 'impl-limited')).toBeDefined();
  });
});
