import { catalogApi, legacyBilling, teamC } from './__fixtures__/examples';
import { find, kinds } from './__fixtures__/find';
import {
  buildExposureObjects,
  buildTenantObjects,
  ClientIpOption,
  exposureFieldManager,
} from './index';

const sharedHttp = {
  namespaces: {
    from: 'Selector',
    selector: {
      matchLabels: { 'gateway-api.gatehouse.dev/shared-http': 'true' },
    },
  },
};

const teamCNamespaces = {
  namespaces: {
    from: 'Selector',
    selector: {
      matchExpressions: [
        {
          key: 'kubernetes.io/metadata.name',
          operator: 'In',
          values: ['tenant-team-c', 'catalog', 'billing', 'billing-preview'],
        },
      ],
    },
  },
};

describe('cluster-shared layout', () => {
  const objects = buildTenantObjects(teamC);

  it('creates the tenant Namespace, its Issuer and the shared objects in the gateway namespace', () => {
    expect(kinds(objects)).toEqual([
      'Namespace//tenant-team-c',
      'Namespace//catalog',
      'Namespace//billing',
      'Namespace//billing-preview',
      'Namespace//gateway',
      'Gateway/gateway/shared',
      'HTTPRoute/gateway/https-redirect',
      'Issuer/gateway/team-c-letsencrypt',
      'ClientTrafficPolicy/gateway/shared',
    ]);
  });

  it('records the owner group and layout on the tenant Namespace', () => {
    const meta = find(objects, 'Namespace', 'tenant-team-c').metadata;
    expect(meta.labels['gateway-api.gatehouse.dev/layout']).toBe(
      'cluster-shared',
    );
    expect(meta.annotations).toEqual({
      'gateway-api.gatehouse.dev/domains': 'team-c.example.org',
      'gateway-api.gatehouse.dev/owner-group': 'group:default/platform',
      'gateway-api.gatehouse.dev/attached-namespaces':
        'catalog,billing,billing-preview',
      'gateway-api.gatehouse.dev/spec': JSON.stringify(teamC),
    });
  });

  it('shares one Gateway whose http listener admits only the namespaces the platform labels for it, the gateway namespace included', () => {
    expect(find(objects, 'Gateway', 'shared').spec).toEqual({
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: sharedHttp },
      ],
    });
    expect(find(objects, 'Namespace', 'gateway').metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'gatehouse',
      'shared-gateway-access': 'true',
      'gateway-api.gatehouse.dev/shared-http': 'true',
    });
    // Without ListenerSets the tenant's Certificates and challenges live in the gateway namespace.
    expect(
      find(objects, 'Namespace', 'tenant-team-c').metadata.labels,
    ).not.toHaveProperty(['gateway-api.gatehouse.dev/shared-http']);
    // Shared by every tenant, so they name none.
    expect(
      find(objects, 'Gateway', 'shared').metadata.labels,
    ).not.toHaveProperty(['gateway-api.gatehouse.dev/tenant']);
  });

  it('redirects HTTP to HTTPS with a 301 on the http listener', () => {
    expect(find(objects, 'HTTPRoute', 'https-redirect').spec).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'gateway',
          name: 'shared',
          sectionName: 'http',
        },
      ],
      rules: [
        {
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { scheme: 'https', statusCode: 301 },
            },
          ],
        },
      ],
    });
  });

  it('solves HTTP-01 through the shared Gateway http listener', () => {
    const issuer = find(objects, 'Issuer', 'team-c-letsencrypt');
    expect(
      issuer.spec.acme.solvers[0].http01.gatewayHTTPRoute.parentRefs,
    ).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'shared',
        namespace: 'gateway',
        sectionName: 'http',
      },
    ]);
  });

  describe('ClientTrafficPolicy', () => {
    const policyFor = (clientIp: ClientIpOption) =>
      buildTenantObjects({ ...teamC, clientIp }).filter(
        o => o.kind === 'ClientTrafficPolicy',
      ) as any[];

    it('lives beside the shared Gateway and targets it', () => {
      const [policy] = policyFor({ mode: 'proxy-protocol' });
      expect(policy.metadata.namespace).toBe('gateway');
      expect(policy.spec.targetRefs).toEqual([
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared' },
      ]);
    });

    it.each<[ClientIpOption, object]>([
      [{ mode: 'proxy-protocol' }, { proxyProtocol: { optional: false } }],
      [
        { mode: 'x-forwarded-for', numTrustedHops: 2 },
        { clientIPDetection: { xForwardedFor: { numTrustedHops: 2 } } },
      ],
      [
        { mode: 'custom-header', header: 'X-Real-IP' },
        { clientIPDetection: { customHeader: { name: 'X-Real-IP' } } },
      ],
      [
        { mode: 'custom-header', header: 'X-Real-IP', failClosed: true },
        {
          clientIPDetection: {
            customHeader: { name: 'X-Real-IP', failClosed: true },
          },
        },
      ],
    ])('for %j sets exactly %j', (clientIp, detection) => {
      const [policy] = policyFor(clientIp);
      const { targetRefs, ...rest } = policy.spec;
      expect(rest).toEqual(detection);
      // Never PROXY protocol and a header together; never both header modes.
      const modes = [
        'proxyProtocol' in rest,
        'xForwardedFor' in (rest.clientIPDetection ?? {}),
        'customHeader' in (rest.clientIPDetection ?? {}),
      ];
      expect(modes.filter(Boolean)).toHaveLength(1);
    });

    it('is absent without a mode or without Envoy Gateway', () => {
      expect(policyFor({ mode: 'none' })).toEqual([]);
      expect(
        buildTenantObjects({
          ...teamC,
          controllerName: 'gateway.nginx.org/nginx-gateway-controller',
          clientIp: {
            mode: 'proxy-protocol',
            trustedAddresses: ['10.0.0.0/8'],
          },
        }).map(o => o.kind),
      ).not.toContain('ClientTrafficPolicy');
    });
  });

  it('refuses a cluster-shared tenant without shared Gateway settings', () => {
    expect(() =>
      buildTenantObjects({ ...teamC, sharedGateway: undefined }),
    ).toThrow(/no sharedGateway settings/);
  });

  describe('exposing a service', () => {
    const exposure = buildExposureObjects(catalogApi, teamC);

    it('issues a Certificate for the hostname in the gateway namespace', () => {
      expect(kinds(exposure)).toEqual([
        'Certificate/gateway/catalog.team-c.example.org-tls',
        'Gateway/gateway/shared',
        'Namespace//catalog',
        'HTTPRoute/catalog/catalog-api',
      ]);
      expect(
        find(exposure, 'Certificate', 'catalog.team-c.example.org-tls'),
      ).toEqual({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: {
          name: 'catalog.team-c.example.org-tls',
          namespace: 'gateway',
          labels: {
            'app.kubernetes.io/managed-by': 'gatehouse',
            'gateway-api.gatehouse.dev/tenant': 'team-c',
          },
          annotations: {
            'gateway-api.gatehouse.dev/hostnames': 'catalog.team-c.example.org',
          },
        },
        spec: {
          secretName: 'catalog.team-c.example.org-tls',
          issuerRef: {
            group: 'cert-manager.io',
            kind: 'Issuer',
            name: 'team-c-letsencrypt',
          },
          dnsNames: ['catalog.team-c.example.org'],
        },
      });
    });

    it('adds one HTTPS listener for the hostname, with its certificateRef, as a patch', () => {
      expect(find(exposure, 'Gateway', 'shared')).toEqual({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: {
          name: 'shared',
          namespace: 'gateway',
          labels: { 'app.kubernetes.io/managed-by': 'gatehouse' },
        },
        spec: {
          listeners: [
            {
              name: 'catalog.team-c.example.org',
              hostname: 'catalog.team-c.example.org',
              port: 443,
              protocol: 'HTTPS',
              tls: {
                mode: 'Terminate',
                certificateRefs: [
                  {
                    group: '',
                    kind: 'Secret',
                    name: 'catalog.team-c.example.org-tls',
                  },
                ],
              },
              // Only team-c's namespaces: naming this sectionName from elsewhere attaches nothing.
              allowedRoutes: teamCNamespaces,
            },
          ],
        },
      });
    });

    it('opts the route namespace in and names the gateway namespace in the parentRef', () => {
      expect(find(exposure, 'Namespace', 'catalog').metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'gatehouse',
        'shared-gateway-access': 'true',
      });
      const route = find(exposure, 'HTTPRoute', 'catalog-api');
      expect(route.spec.parentRefs).toEqual([
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'gateway',
          name: 'shared',
          sectionName: 'catalog.team-c.example.org',
        },
      ]);
      expect(route.spec.rules[0].matches).toEqual([
        { path: { type: 'PathPrefix', value: '/api' } },
      ]);
      expect(route.metadata.labels['backstage.io/kubernetes-id']).toBe(
        'catalog-api',
      );
      expect(
        route.metadata.annotations['gateway-api.gatehouse.dev/entity-ref'],
      ).toBe('component:default/catalog-api');
    });

    it('grants the route access to a Service in another namespace', () => {
      const billing = buildExposureObjects(legacyBilling, teamC);
      expect(
        find(billing, 'ReferenceGrant', 'legacy-billing-backend'),
      ).toMatchObject({
        metadata: { namespace: 'billing-backend' },
        spec: {
          from: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'HTTPRoute',
              namespace: 'billing',
            },
          ],
          to: [{ group: '', kind: 'Service', name: 'legacy-billing' }],
        },
      });
      expect(
        find(billing, 'HTTPRoute', 'legacy-billing').spec.rules[0].backendRefs,
      ).toEqual([
        {
          group: '',
          kind: 'Service',
          name: 'legacy-billing',
          namespace: 'billing-backend',
          port: 8080,
        },
      ]);
    });

    it('passes TLS through without a Certificate and does not relabel the gateway namespace', () => {
      const passthrough = buildExposureObjects(
        {
          ...catalogApi,
          kind: 'TLSRoute',
          routeNamespace: 'gateway',
          service: { namespace: 'gateway', name: 'db', port: 5432 },
        },
        teamC,
      );
      expect(kinds(passthrough)).toEqual([
        'Gateway/gateway/shared',
        'TLSRoute/gateway/catalog-api',
      ]);
      expect(
        find(passthrough, 'Gateway', 'shared').spec.listeners[0],
      ).toMatchObject({
        protocol: 'TLS',
        tls: { mode: 'Passthrough' },
      });
    });

    it('uses a ClusterIssuer for the Certificate when the tenant has one', () => {
      const objs = buildExposureObjects(catalogApi, {
        ...teamC,
        certificates: { type: 'cluster-issuer', name: 'letsencrypt-prod' },
      });
      expect(
        find(objs, 'Certificate', 'catalog.team-c.example.org-tls').spec
          .issuerRef,
      ).toEqual({
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: 'letsencrypt-prod',
      });
    });
  });

  describe('exposureFieldManager', () => {
    it('names the hostname, within the 128-character limit', () => {
      expect(exposureFieldManager('catalog.team-c.example.org')).toBe(
        'gatehouse/catalog.team-c.example.org',
      );
      const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(
        60,
      )}.example.org`;
      const other = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(
        60,
      )}.example.net`;
      expect(exposureFieldManager(long)).toHaveLength(128);
      expect(exposureFieldManager(long)).not.toBe(exposureFieldManager(other));
    });
  });
});
