import { checkout, teamA } from './__fixtures__/examples';
import { find, kinds } from './__fixtures__/find';
import { buildExposureObjects, buildTenantObjects } from './index';

describe('dedicated layout', () => {
  const objects = buildTenantObjects(teamA);

  it('creates exactly the per-tenant objects of the dedicated layout', () => {
    expect(kinds(objects)).toEqual([
      'Namespace//tenant-team-a',
      'Namespace//checkout',
      'EnvoyProxy/envoy-gateway-system/tenant-team-a',
      'GatewayClass//tenant-team-a',
      'Gateway/tenant-team-a/acme-challenge',
      'Gateway/tenant-team-a/http-redirect',
      'HTTPRoute/tenant-team-a/http-redirect',
      'Issuer/tenant-team-a/letsencrypt',
    ]);
  });

  it('records the tenant state on the tenant Namespace', () => {
    expect(find(objects, 'Namespace', 'tenant-team-a').metadata).toEqual({
      name: 'tenant-team-a',
      labels: {
        'app.kubernetes.io/managed-by': 'gatehouse',
        'gateway-api.gatehouse.dev/tenant': 'team-a',
        'gateway-api.gatehouse.dev/layout': 'dedicated',
      },
      annotations: {
        'gateway-api.gatehouse.dev/domains': 'team-a.example.org',
        'gateway-api.gatehouse.dev/owner-group': 'group:default/team-a',
        'gateway-api.gatehouse.dev/attached-namespaces': 'checkout',
        'gateway-api.gatehouse.dev/spec': JSON.stringify(teamA),
      },
    });
    const child = buildTenantObjects({
      ...teamA,
      parentTenant: 'team-root',
      attachedNamespaces: [],
    });
    const meta = find(child, 'Namespace', 'tenant-team-a').metadata;
    expect(meta.labels['gateway-api.gatehouse.dev/parent-tenant']).toBe(
      'team-root',
    );
    expect(
      meta.annotations['gateway-api.gatehouse.dev/attached-namespaces'],
    ).toBe('');
    // Its ancestors, nearest first: the parent alone unless the caller gives the whole chain.
    expect(meta.annotations['gateway-api.gatehouse.dev/ancestor-tenants']).toBe(
      'team-root',
    );
    const grandchild = buildTenantObjects({
      ...teamA,
      parentTenant: 'team-mid',
      ancestorTenants: ['team-mid', 'team-root'],
    });
    expect(
      find(grandchild, 'Namespace', 'tenant-team-a').metadata.annotations[
        'gateway-api.gatehouse.dev/ancestor-tenants'
      ],
    ).toBe('team-mid,team-root');
    expect(
      find(objects, 'Namespace', 'tenant-team-a').metadata.annotations,
    ).not.toHaveProperty('gateway-api.gatehouse.dev/ancestor-tenants');
  });

  it('names the GatewayClass after the tenant namespace and merges its Gateways onto one Service', () => {
    expect(find(objects, 'GatewayClass', 'tenant-team-a').spec).toEqual({
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      parametersRef: {
        group: 'gateway.envoyproxy.io',
        kind: 'EnvoyProxy',
        name: 'tenant-team-a',
        namespace: 'envoy-gateway-system',
      },
    });
    expect(find(objects, 'EnvoyProxy', 'tenant-team-a').spec).toEqual({
      mergeGateways: true,
      provider: {
        type: 'Kubernetes',
        kubernetes: { envoyService: { type: 'LoadBalancer' } },
      },
    });
  });

  it('publishes a ClusterIP Service with externalIPs by patching it', () => {
    const withIps = buildTenantObjects({
      ...teamA,
      serviceExposure: { type: 'ClusterIP', externalIPs: ['192.0.2.10'] },
    });
    expect(
      find(withIps, 'EnvoyProxy', 'tenant-team-a').spec.provider.kubernetes
        .envoyService,
    ).toEqual({
      type: 'ClusterIP',
      patch: {
        type: 'StrategicMerge',
        value: { spec: { externalIPs: ['192.0.2.10'] } },
      },
    });
  });

  it('emits no Envoy Gateway extras for a controller Gatehouse knows nothing of', () => {
    const other = buildTenantObjects({
      ...teamA,
      controllerName: 'example.net/gateway-controller',
    });
    expect(other.map(o => o.kind)).not.toContain('EnvoyProxy');
    expect(other.map(o => o.kind)).not.toContain('ClientTrafficPolicy');
    expect(find(other, 'GatewayClass', 'tenant-team-a').spec).toEqual({
      controllerName: 'example.net/gateway-controller',
    });
  });

  it('has an acme-challenge Gateway and an http-redirect Gateway on :80 with a catch-all 301', () => {
    const challenge = find(objects, 'Gateway', 'acme-challenge');
    expect(challenge.spec).toEqual({
      gatewayClassName: 'tenant-team-a',
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    });
    const redirect = find(objects, 'Gateway', 'http-redirect');
    expect(
      redirect.spec.listeners.map((l: any) => [l.port, l.hostname]),
    ).toEqual([
      [80, 'team-a.example.org'],
      [80, '*.team-a.example.org'],
    ]);
    const route = find(objects, 'HTTPRoute', 'http-redirect');
    expect(route.spec).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'tenant-team-a',
          name: 'http-redirect',
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

  it('gives the tenant its own ACME Issuer solving HTTP-01 through its :80 Gateways', () => {
    expect(find(objects, 'Issuer', 'letsencrypt').spec).toEqual({
      acme: {
        server: 'https://acme-staging-v02.api.letsencrypt.org/directory',
        email: 'team-a@example.org',
        privateKeySecretRef: { name: 'letsencrypt-account' },
        solvers: [
          {
            http01: {
              gatewayHTTPRoute: {
                parentRefs: [
                  {
                    group: 'gateway.networking.k8s.io',
                    kind: 'Gateway',
                    name: 'acme-challenge',
                    namespace: 'tenant-team-a',
                  },
                  {
                    group: 'gateway.networking.k8s.io',
                    kind: 'Gateway',
                    name: 'http-redirect',
                    namespace: 'tenant-team-a',
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('targets every tenant Gateway with the ClientTrafficPolicy by label', () => {
    const policy = find(
      buildTenantObjects({ ...teamA, clientIp: { mode: 'proxy-protocol' } }),
      'ClientTrafficPolicy',
      'tenant-team-a',
    );
    expect(policy.metadata.namespace).toBe('tenant-team-a');
    expect(policy.spec).toEqual({
      targetSelectors: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          matchLabels: { 'gateway-api.gatehouse.dev/tenant': 'team-a' },
        },
      ],
      proxyProtocol: { optional: false },
    });
    for (const gateway of objects.filter(o => o.kind === 'Gateway')) {
      expect(gateway.metadata.labels).toMatchObject({
        'gateway-api.gatehouse.dev/tenant': 'team-a',
      });
    }
  });

  describe('exposing a service', () => {
    it('gives an HTTPRoute its own Gateway with an HTTPS listener annotated for cert-manager', () => {
      const exposure = buildExposureObjects(checkout, teamA);
      expect(kinds(exposure)).toEqual([
        'Gateway/tenant-team-a/checkout',
        'HTTPRoute/checkout/checkout',
      ]);
      const gateway = find(exposure, 'Gateway', 'checkout');
      expect(gateway.metadata.annotations).toEqual({
        'gateway-api.gatehouse.dev/hostnames': 'checkout.team-a.example.org',
        'cert-manager.io/issuer': 'letsencrypt',
      });
      expect(gateway.spec).toEqual({
        gatewayClassName: 'tenant-team-a',
        listeners: [
          {
            name: 'https',
            hostname: 'checkout.team-a.example.org',
            port: 443,
            protocol: 'HTTPS',
            tls: {
              mode: 'Terminate',
              certificateRefs: [
                {
                  group: '',
                  kind: 'Secret',
                  name: 'checkout.team-a.example.org-tls',
                },
              ],
            },
            allowedRoutes: {
              namespaces: {
                from: 'Selector',
                selector: {
                  matchExpressions: [
                    {
                      key: 'kubernetes.io/metadata.name',
                      operator: 'In',
                      values: ['tenant-team-a', 'checkout'],
                    },
                  ],
                },
              },
            },
          },
        ],
      });
      const route = find(exposure, 'HTTPRoute', 'checkout');
      expect(route.metadata).toEqual({
        name: 'checkout',
        namespace: 'checkout',
        labels: {
          'app.kubernetes.io/managed-by': 'gatehouse',
          'gateway-api.gatehouse.dev/tenant': 'team-a',
          'backstage.io/kubernetes-id': 'checkout',
        },
        annotations: {
          'gateway-api.gatehouse.dev/hostnames': 'checkout.team-a.example.org',
          'gateway-api.gatehouse.dev/entity-ref': 'component:default/checkout',
        },
      });
      expect(route.spec).toEqual({
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            namespace: 'tenant-team-a',
            name: 'checkout',
            sectionName: 'https',
          },
        ],
        hostnames: ['checkout.team-a.example.org'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [
              { group: '', kind: 'Service', name: 'checkout', port: 8080 },
            ],
          },
        ],
      });
    });

    it('annotates with the ClusterIssuer when the tenant uses one', () => {
      const gateway = find(
        buildExposureObjects(checkout, {
          ...teamA,
          certificates: { type: 'cluster-issuer', name: 'letsencrypt-prod' },
        }),
        'Gateway',
        'checkout',
      );
      expect(
        gateway.metadata.annotations['cert-manager.io/cluster-issuer'],
      ).toBe('letsencrypt-prod');
    });

    it('passes TLS through for a TLSRoute, with a ReferenceGrant for a backend elsewhere', () => {
      const exposure = buildExposureObjects(
        {
          ...checkout,
          kind: 'TLSRoute',
          service: { namespace: 'tenant-team-a', name: 'db', port: 5432 },
        },
        teamA,
      );
      const gateway = find(exposure, 'Gateway', 'checkout');
      expect(gateway.metadata.annotations).toEqual({
        'gateway-api.gatehouse.dev/hostnames': 'checkout.team-a.example.org',
      });
      expect(gateway.spec.listeners[0]).toMatchObject({
        name: 'tls',
        protocol: 'TLS',
        port: 443,
        tls: { mode: 'Passthrough' },
      });
      const route = find(exposure, 'TLSRoute', 'checkout');
      expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1alpha3');
      expect(route.spec.parentRefs[0].sectionName).toBe('tls');
      expect(route.spec.rules).toEqual([
        {
          backendRefs: [
            {
              group: '',
              kind: 'Service',
              name: 'db',
              namespace: 'tenant-team-a',
              port: 5432,
            },
          ],
        },
      ]);
      expect(find(exposure, 'ReferenceGrant', 'checkout-backend')).toEqual({
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: {
          name: 'checkout-backend',
          namespace: 'tenant-team-a',
          labels: {
            'app.kubernetes.io/managed-by': 'gatehouse',
            'gateway-api.gatehouse.dev/tenant': 'team-a',
          },
          annotations: {
            'gateway-api.gatehouse.dev/hostnames':
              'checkout.team-a.example.org',
          },
        },
        spec: {
          from: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'TLSRoute',
              namespace: 'checkout',
            },
          ],
          to: [{ group: '', kind: 'Service', name: 'db' }],
        },
      });
    });
  });
});
