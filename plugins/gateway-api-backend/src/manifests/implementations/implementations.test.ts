import { teamA, teamB, teamC } from '../__fixtures__/examples';
import { find, kinds } from '../__fixtures__/find';
import { buildTenantObjects } from '../index';
import { TenantSpec } from '../types';
import {
  CILIUM_CONTROLLER,
  ENVOY_GATEWAY_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
  profileFor,
} from './index';

const ngf = (tenant: TenantSpec, rest: Partial<TenantSpec> = {}) => ({
  ...tenant,
  controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
  gatewayClassName: 'nginx',
  ...rest,
});
const cilium = (tenant: TenantSpec, rest: Partial<TenantSpec> = {}) => ({
  ...tenant,
  controllerName: CILIUM_CONTROLLER,
  gatewayClassName: 'cilium',
  clientIp: { mode: 'none' as const },
  ...rest,
});

describe('implementation profiles', () => {
  it.each([
    [ENVOY_GATEWAY_CONTROLLER, 'envoy-gateway', 'eg'],
    [NGINX_GATEWAY_FABRIC_CONTROLLER, 'nginx-gateway-fabric', 'nginx'],
    [CILIUM_CONTROLLER, 'cilium', 'cilium'],
    ['example.net/gateway-controller', 'gateway-api', 'eg'],
  ])('chooses the profile of %s', (controllerName, id, className) => {
    const profile = profileFor(controllerName);
    expect(profile.id).toBe(id);
    expect(profile.defaults.gatewayClassName).toBe(className);
  });

  it('gives NGINX Gateway Fabric seed-shaped defaults: the shared Gateway flex-gateway in nginx-gateway', () => {
    expect(profileFor(NGINX_GATEWAY_FABRIC_CONTROLLER).defaults).toEqual({
      gatewayClassName: 'nginx',
      sharedGateway: { namespace: 'nginx-gateway', name: 'flex-gateway' },
    });
  });

  describe('Envoy Gateway', () => {
    it('trusts X-Forwarded-For by CIDRs when given addresses instead of hops', () => {
      const objects = buildTenantObjects({
        ...teamB,
        clientIp: {
          mode: 'x-forwarded-for',
          trustedAddresses: ['10.0.0.0/8', '192.0.2.7', '2001:db8::1'],
        },
      });
      expect(
        find(objects, 'ClientTrafficPolicy', 'gateway').spec.clientIPDetection,
      ).toEqual({
        xForwardedFor: {
          trustedCIDRs: ['10.0.0.0/8', '192.0.2.7/32', '2001:db8::1/128'],
        },
      });
    });

    it('refuses X-Forwarded-For with neither hops nor addresses', () => {
      expect(() =>
        buildTenantObjects({
          ...teamB,
          clientIp: { mode: 'x-forwarded-for' },
        }),
      ).toThrow(/a way to find the client/);
    });

    it('lets listed addresses decide over a hop count (the CRD takes one of them)', () => {
      const objects = buildTenantObjects({
        ...teamB,
        clientIp: {
          mode: 'x-forwarded-for',
          numTrustedHops: 1,
          trustedAddresses: ['10.0.0.0/8'],
        },
      });
      expect(
        find(objects, 'ClientTrafficPolicy', 'gateway').spec.clientIPDetection,
      ).toEqual({ xForwardedFor: { trustedCIDRs: ['10.0.0.0/8'] } });
    });

    it('refuses trusted addresses for the PROXY protocol, which it cannot restrict', () => {
      expect(() =>
        buildTenantObjects({
          ...teamB,
          clientIp: { mode: 'proxy-protocol', trustedAddresses: ['10.0.0.1'] },
        }),
      ).toThrow(/no list of trusted addresses/);
    });

    it("refuses a tenant IP pool, which is Cilium's", () => {
      expect(() =>
        buildTenantObjects({
          ...teamB,
          serviceExposure: { type: 'LoadBalancer', ipPool: ['192.0.2.0/28'] },
        }),
      ).toThrow(/Cilium's LB-IPAM/);
    });
  });

  describe('NGINX Gateway Fabric', () => {
    it('refuses the dedicated layout, saying why', () => {
      expect(() => buildTenantObjects(ngf(teamA))).toThrow(
        /one GatewayClass per installation.*GatewayClassConflict.*tenant-shared or cluster-shared/,
      );
    });

    it('writes no NginxProxy and no infrastructure when the tenant needs neither', () => {
      const objects = buildTenantObjects(
        ngf(teamB, { clientIp: { mode: 'none' } }),
      );
      expect(objects.map(o => o.kind)).not.toContain('NginxProxy');
      expect(find(objects, 'Gateway', 'gateway').spec.infrastructure).toBe(
        undefined,
      );
    });

    it("reads the client IP from the Gateway's own NginxProxy, recursively past the trusted proxies", () => {
      const objects = buildTenantObjects(
        ngf(teamB, {
          clientIp: {
            mode: 'x-forwarded-for',
            trustedAddresses: ['10.0.0.0/8', '192.0.2.7'],
          },
        }),
      );
      expect(kinds(objects)).toContain('NginxProxy/tenant-team-b/gateway');
      expect(objects.map(o => o.kind)).not.toContain('ClientTrafficPolicy');
      expect(find(objects, 'Gateway', 'gateway').spec.infrastructure).toEqual({
        parametersRef: {
          group: 'gateway.nginx.org',
          kind: 'NginxProxy',
          name: 'gateway',
        },
      });
      expect(find(objects, 'NginxProxy', 'gateway').spec).toEqual({
        rewriteClientIP: {
          mode: 'XForwardedFor',
          setIPRecursively: true,
          trustedAddresses: [
            { type: 'CIDR', value: '10.0.0.0/8' },
            { type: 'IPAddress', value: '192.0.2.7' },
          ],
        },
        kubernetes: { service: { type: 'LoadBalancer' } },
      });
    });

    it('takes the PROXY protocol from trusted load balancers and patches external IPs onto the Service', () => {
      const objects = buildTenantObjects(
        ngf(teamB, {
          clientIp: {
            mode: 'proxy-protocol',
            trustedAddresses: ['10.1.0.0/16'],
          },
          serviceExposure: { type: 'ClusterIP', externalIPs: ['192.0.2.10'] },
        }),
      );
      expect(find(objects, 'NginxProxy', 'gateway').spec).toEqual({
        rewriteClientIP: {
          mode: 'ProxyProtocol',
          trustedAddresses: [{ type: 'CIDR', value: '10.1.0.0/16' }],
        },
        kubernetes: {
          service: {
            type: 'ClusterIP',
            patches: [
              {
                type: 'StrategicMerge',
                value: { spec: { externalIPs: ['192.0.2.10'] } },
              },
            ],
          },
        },
      });
    });

    it("configures the cluster-shared Gateway's NginxProxy beside it", () => {
      const objects = buildTenantObjects(
        ngf(teamC, {
          clientIp: {
            mode: 'proxy-protocol',
            trustedAddresses: ['10.0.0.0/8'],
          },
          sharedGateway: {
            ...teamC.sharedGateway!,
            namespace: 'nginx-gateway',
            name: 'flex-gateway',
            gatewayClassName: 'nginx',
          },
        }),
      );
      expect(kinds(objects)).toContain('NginxProxy/nginx-gateway/flex-gateway');
      expect(
        find(objects, 'Gateway', 'flex-gateway').spec.infrastructure
          .parametersRef.name,
      ).toBe('flex-gateway');
    });

    it.each([
      [
        { mode: 'custom-header' as const, header: 'X-Real-IP' },
        /no custom-header mode/,
      ],
      [
        { mode: 'proxy-protocol' as const },
        /only for requests from trusted addresses/,
      ],
      [
        { mode: 'x-forwarded-for' as const, numTrustedHops: 2 },
        /only for requests from trusted addresses/,
      ],
    ])('refuses client IP %j, saying why', (clientIp, why) => {
      expect(() => buildTenantObjects(ngf(teamB, { clientIp }))).toThrow(why);
    });
  });

  describe('Cilium', () => {
    it('refuses the dedicated layout, saying why', () => {
      expect(() => buildTenantObjects(cilium(teamA))).toThrow(
        /its own LoadBalancer Service.*tenant-shared/,
      );
    });

    it("gives a tenant-shared tenant an IP pool selecting its namespace's Services", () => {
      const objects = buildTenantObjects(
        cilium(teamB, {
          serviceExposure: {
            type: 'LoadBalancer',
            ipPool: ['192.0.2.64/28', '2001:db8::/120'],
          },
        }),
      );
      expect(
        find(objects, 'CiliumLoadBalancerIPPool', 'tenant-team-b'),
      ).toEqual({
        apiVersion: 'cilium.io/v2alpha1',
        kind: 'CiliumLoadBalancerIPPool',
        metadata: {
          name: 'tenant-team-b',
          labels: {
            'app.kubernetes.io/managed-by': 'gatehouse',
            'gateway-api.gatehouse.dev/tenant': 'team-b',
          },
        },
        spec: {
          blocks: [{ cidr: '192.0.2.64/28' }, { cidr: '2001:db8::/120' }],
          serviceSelector: {
            matchLabels: { 'io.kubernetes.service.namespace': 'tenant-team-b' },
          },
        },
      });
    });

    it('writes no pool without one, and nothing of Envoy Gateway', () => {
      const objects = buildTenantObjects(cilium(teamB));
      expect(objects.map(o => o.kind)).not.toContain(
        'CiliumLoadBalancerIPPool',
      );
      expect(objects.map(o => o.kind)).not.toContain('ClientTrafficPolicy');
    });

    it.each([
      [
        { clientIp: { mode: 'proxy-protocol' as const } },
        /gatewayAPI.enableProxyProtocol/,
      ],
      [
        {
          serviceExposure: {
            type: 'ClusterIP' as const,
            externalIPs: ['192.0.2.1'],
          },
        },
        /no setting for external IPs/,
      ],
    ])('refuses %j on a tenant-shared tenant, saying why', (rest, why) => {
      expect(() => buildTenantObjects(cilium(teamB, rest))).toThrow(why);
    });

    it("refuses a tenant pool for the platform's cluster-shared Gateway", () => {
      expect(() =>
        buildTenantObjects(
          cilium(teamC, {
            serviceExposure: { type: 'LoadBalancer', ipPool: ['192.0.2.0/28'] },
          }),
        ),
      ).toThrow(/belongs to the platform/);
    });
  });

  it('refuses client IP for a controller it knows nothing of, instead of dropping it', () => {
    expect(() =>
      buildTenantObjects({
        ...teamB,
        controllerName: 'example.net/gateway-controller',
      }),
    ).toThrow(/not how example.net\/gateway-controller does/);
  });
});

describe('a ClusterIssuer solving HTTP-01 through the cluster-shared Gateway', () => {
  const certificates = {
    type: 'acme-http01-cluster-issuer' as const,
    name: 'letsencrypt-prod',
    server: 'production' as const,
    email: 'ops@example.org',
  };

  it('is created with the shared Gateway http listener as its solver parent, and the tenant issues from it', () => {
    const objects = buildTenantObjects({ ...teamC, certificates });
    expect(objects.map(o => o.kind)).not.toContain('Issuer');
    expect(
      find(objects, 'ClusterIssuer', 'letsencrypt-prod').spec.acme,
    ).toEqual({
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'ops@example.org',
      privateKeySecretRef: { name: 'letsencrypt-prod-account' },
      solvers: [
        {
          http01: {
            gatewayHTTPRoute: {
              parentRefs: [
                {
                  group: 'gateway.networking.k8s.io',
                  kind: 'Gateway',
                  name: 'shared',
                  namespace: 'gateway',
                  sectionName: 'http',
                },
              ],
            },
          },
        },
      ],
    });
  });

  it.each([teamA, teamB])(
    'is refused for the $layout layout, whose hostnames reach their own Gateways',
    tenant => {
      expect(() => buildTenantObjects({ ...tenant, certificates })).toThrow(
        /only serve the cluster-shared layout/,
      );
    },
  );
});
