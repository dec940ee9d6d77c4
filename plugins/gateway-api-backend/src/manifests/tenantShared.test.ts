import {
  ledger,
  payments,
  paymentsBroken,
  teamB,
} from './__fixtures__/examples';
import { find, kinds } from './__fixtures__/find';
import { buildExposureObjects, buildTenantObjects } from './index';

const allowedRoutes = {
  namespaces: {
    from: 'Selector',
    selector: {
      matchExpressions: [
        {
          key: 'kubernetes.io/metadata.name',
          operator: 'In',
          values: ['tenant-team-b', 'payments'],
        },
      ],
    },
  },
};

describe('tenant-shared layout', () => {
  const objects = buildTenantObjects(teamB);

  it('creates the tenant Namespace, Gateway, redirect, Issuer and ClientTrafficPolicy', () => {
    expect(kinds(objects)).toEqual([
      'Namespace//tenant-team-b',
      'Namespace//payments',
      'Gateway/tenant-team-b/gateway',
      'HTTPRoute/tenant-team-b/https-redirect',
      'Issuer/tenant-team-b/letsencrypt',
      'ClientTrafficPolicy/tenant-team-b/gateway',
    ]);
  });

  it('has HTTP, HTTPS and TLS passthrough listeners admitting only the tenant namespaces by name', () => {
    const gateway = find(objects, 'Gateway', 'gateway');
    expect(gateway.metadata.annotations).toEqual({
      'cert-manager.io/issuer': 'letsencrypt',
    });
    expect(gateway.spec).toEqual({
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes },
        {
          name: 'team-b.example.org-https',
          hostname: 'team-b.example.org',
          port: 443,
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [
              { group: '', kind: 'Secret', name: 'team-b.example.org-tls' },
            ],
          },
          allowedRoutes,
        },
        {
          name: 'team-b.example.org-tls',
          hostname: '*.team-b.example.org',
          port: 443,
          protocol: 'TLS',
          tls: { mode: 'Passthrough' },
          allowedRoutes,
        },
      ],
    });
  });

  it('solves HTTP-01 through the tenant Gateway HTTP listener with the tenant own ACME account', () => {
    const issuer = find(objects, 'Issuer', 'letsencrypt');
    expect(issuer.spec.acme.server).toBe(
      'https://acme-v02.api.letsencrypt.org/directory',
    );
    expect(issuer.spec.acme.privateKeySecretRef).toEqual({
      name: 'letsencrypt-account',
    });
    expect(issuer.spec.acme.solvers).toEqual([
      {
        http01: {
          gatewayHTTPRoute: {
            parentRefs: [
              {
                group: 'gateway.networking.k8s.io',
                kind: 'Gateway',
                name: 'gateway',
                namespace: 'tenant-team-b',
                sectionName: 'http',
              },
            ],
          },
        },
      },
    ]);
  });

  it('passes a DNS-01 solver through untouched and makes self-signed Issuers', () => {
    const solver = {
      cloudflare: { apiTokenSecretRef: { name: 'cf', key: 'token' } },
    };
    const dns = find(
      buildTenantObjects({
        ...teamB,
        certificates: {
          type: 'acme-dns01',
          server: 'staging',
          email: 'b@example.org',
          solver,
        },
      }),
      'Issuer',
      'letsencrypt',
    );
    expect(dns.spec.acme.solvers).toEqual([{ dns01: solver }]);
    const selfSigned = find(
      buildTenantObjects({ ...teamB, certificates: { type: 'self-signed' } }),
      'Issuer',
      'letsencrypt',
    );
    expect(selfSigned.spec).toEqual({ selfSigned: {} });
  });

  it('creates no Issuer for an existing ClusterIssuer and annotates the Gateway with it', () => {
    const objs = buildTenantObjects({
      ...teamB,
      certificates: { type: 'cluster-issuer', name: 'letsencrypt-prod' },
    });
    expect(objs.map(o => o.kind)).not.toContain('Issuer');
    expect(find(objs, 'Gateway', 'gateway').metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
    });
  });

  it('redirects the HTTP listener to HTTPS with a 301', () => {
    const route = find(objects, 'HTTPRoute', 'https-redirect');
    expect(route.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'tenant-team-b',
        name: 'gateway',
        sectionName: 'http',
      },
    ]);
    expect(route.spec.rules[0].filters[0].requestRedirect).toEqual({
      scheme: 'https',
      statusCode: 301,
    });
  });

  it('trusts an explicit number of X-Forwarded-For hops on the tenant Gateway', () => {
    expect(find(objects, 'ClientTrafficPolicy', 'gateway').spec).toEqual({
      targetRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'gateway',
        },
      ],
      clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
    });
  });

  describe('exposing a service', () => {
    it('adds a listener for a hostname below the apex by a patch of the tenant Gateway', () => {
      const exposure = buildExposureObjects(payments, teamB);
      expect(kinds(exposure)).toEqual([
        'Gateway/tenant-team-b/gateway',
        'HTTPRoute/payments/payments',
      ]);
      const patch = find(exposure, 'Gateway', 'gateway');
      expect(patch).toEqual({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: {
          name: 'gateway',
          namespace: 'tenant-team-b',
          labels: { 'app.kubernetes.io/managed-by': 'gatehouse' },
        },
        spec: {
          listeners: [
            {
              name: 'payments.team-b.example.org',
              hostname: 'payments.team-b.example.org',
              port: 443,
              protocol: 'HTTPS',
              tls: {
                mode: 'Terminate',
                certificateRefs: [
                  {
                    group: '',
                    kind: 'Secret',
                    name: 'payments.team-b.example.org-tls',
                  },
                ],
              },
              allowedRoutes,
            },
          ],
        },
      });
      const route = find(exposure, 'HTTPRoute', 'payments');
      expect(route.spec.parentRefs).toEqual([
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'tenant-team-b',
          name: 'gateway',
          sectionName: 'payments.team-b.example.org',
        },
      ]);
      expect(route.metadata.labels['backstage.io/kubernetes-id']).toBe(
        'payments',
      );
      expect(route.metadata.annotations).toEqual({
        'gateway-api.gatehouse.dev/hostnames': 'payments.team-b.example.org',
        'gateway-api.gatehouse.dev/entity-ref': 'component:default/payments',
      });
    });

    it('attaches an apex hostname to the existing HTTPS listener without a patch', () => {
      const exposure = buildExposureObjects(
        { ...payments, hostname: 'team-b.example.org' },
        teamB,
      );
      expect(kinds(exposure)).toEqual(['HTTPRoute/payments/payments']);
      expect(exposure[0].spec).toMatchObject({
        parentRefs: [{ sectionName: 'team-b.example.org-https' }],
      });
    });

    it('attaches a TLSRoute to the passthrough listener of its domain', () => {
      const exposure = buildExposureObjects(ledger, teamB);
      expect(kinds(exposure)).toEqual(['TLSRoute/payments/ledger']);
      expect(exposure[0].spec).toMatchObject({
        parentRefs: [{ sectionName: 'team-b.example.org-tls' }],
        hostnames: ['ledger.team-b.example.org'],
      });
    });

    it('refuses what the layout cannot serve', () => {
      expect(() =>
        buildExposureObjects(
          { ...ledger, hostname: 'team-b.example.org' },
          teamB,
        ),
      ).toThrow(/pass TLS through for a name under \*\.team-b\.example\.org/);
      expect(() =>
        buildExposureObjects(
          { ...payments, hostname: 'payments.example.net' },
          teamB,
        ),
      ).toThrow(/outside the domains of tenant team-b/);
    });

    it('uses the longest matching domain of the tenant', () => {
      const exposure = buildExposureObjects(
        { ...ledger, hostname: 'db.eu.team-b.example.org' },
        { ...teamB, domains: ['team-b.example.org', 'eu.team-b.example.org'] },
      );
      expect(exposure[0].spec).toMatchObject({
        parentRefs: [{ sectionName: 'eu.team-b.example.org-tls' }],
      });
    });

    it('keeps one listener per hostname so exposures never share a certificateRefs list', () => {
      const listeners = [payments, paymentsBroken].map(
        e =>
          find(buildExposureObjects(e, teamB), 'Gateway', 'gateway').spec
            .listeners,
      );
      expect(listeners[0]).toHaveLength(1);
      expect(listeners[1]).toHaveLength(1);
      expect(listeners[0][0].name).not.toBe(listeners[1][0].name);
    });
  });
});
