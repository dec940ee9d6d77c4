import {
  catalogApi,
  ledger,
  legacyBilling,
  payments,
  SERVED_V1_4_1,
  SERVED_V1_6_1,
  teamB,
  teamC,
} from './__fixtures__/examples';
import { find, kinds } from './__fixtures__/find';
import { buildExposureObjects, buildTenantObjects } from './index';

const namespacesOf = (values: string[]) => ({
  namespaces: {
    from: 'Selector',
    selector: {
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'In', values },
      ],
    },
  },
});
const teamBNamespaces = namespacesOf(['tenant-team-b', 'payments']);
const teamCNamespaces = namespacesOf([
  'tenant-team-c',
  'catalog',
  'billing',
  'billing-preview',
]);

describe('tenant listeners in ListenerSets (Gateway API v1.6)', () => {
  describe('tenant-shared', () => {
    const objects = buildTenantObjects(teamB, SERVED_V1_6_1);

    it('keeps only the http listener on the Gateway, which admits ListenerSets from its own namespace', () => {
      const gateway = find(objects, 'Gateway', 'gateway');
      expect(gateway.spec).toEqual({
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: teamBNamespaces,
          },
        ],
        allowedListeners: { namespaces: { from: 'Same' } },
      });
    });

    it("puts the domains' HTTPS and TLS listeners in a ListenerSet beside it, annotated for cert-manager", () => {
      const set = find(objects, 'ListenerSet', 'gateway');
      expect(set.apiVersion).toBe('gateway.networking.k8s.io/v1');
      expect(set.metadata.namespace).toBe('tenant-team-b');
      expect(set.metadata.annotations).toEqual({
        'cert-manager.io/issuer': 'letsencrypt',
      });
      expect(set.spec.parentRef).toEqual({
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'gateway',
      });
      expect(
        set.spec.listeners.map((l: any) => [l.name, l.hostname, l.protocol]),
      ).toEqual([
        ['team-b.example.org-https', 'team-b.example.org', 'HTTPS'],
        ['team-b.example.org-tls', '*.team-b.example.org', 'TLS'],
      ]);
      for (const listener of set.spec.listeners) {
        expect(listener.allowedRoutes).toEqual(teamBNamespaces);
      }
    });

    it('gives a hostname a ListenerSet of its own beside the Gateway, annotated for cert-manager, and attaches the route to it', () => {
      const exposure = buildExposureObjects(payments, teamB, SERVED_V1_6_1);
      expect(kinds(exposure)).toEqual([
        'ListenerSet/tenant-team-b/payments.team-b.example.org',
        'HTTPRoute/payments/payments',
      ]);
      const set = find(exposure, 'ListenerSet', 'payments.team-b.example.org');
      // Annotated with its hostname (unexpose deletes it whole) and the tenant's Issuer.
      expect(set.metadata.annotations).toEqual({
        'gateway-api.gatehouse.dev/hostnames': 'payments.team-b.example.org',
        'cert-manager.io/issuer': 'letsencrypt',
      });
      expect(set.spec.parentRef).toEqual({
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'gateway',
      });
      expect(set.spec.listeners).toEqual([
        expect.objectContaining({
          name: 'payments.team-b.example.org',
          hostname: 'payments.team-b.example.org',
          allowedRoutes: teamBNamespaces,
        }),
      ]);
      expect(find(exposure, 'HTTPRoute', 'payments').spec.parentRefs).toEqual([
        {
          group: 'gateway.networking.k8s.io',
          kind: 'ListenerSet',
          namespace: 'tenant-team-b',
          name: 'payments.team-b.example.org',
          sectionName: 'payments.team-b.example.org',
        },
      ]);
    });

    it("attaches an apex route to the tenant ListenerSet's apex listener", () => {
      const apex = buildExposureObjects(
        { ...payments, hostname: 'team-b.example.org' },
        teamB,
        SERVED_V1_6_1,
      );
      expect(kinds(apex)).toEqual(['HTTPRoute/payments/payments']);
      expect(apex[0].spec).toMatchObject({
        parentRefs: [
          {
            kind: 'ListenerSet',
            namespace: 'tenant-team-b',
            name: 'gateway',
            sectionName: 'team-b.example.org-https',
          },
        ],
      });
    });

    it('writes TLSRoutes with the apiVersion the cluster serves', () => {
      const route = (served: typeof SERVED_V1_4_1) =>
        find(buildExposureObjects(ledger, teamB, served), 'TLSRoute', 'ledger');
      expect(route(SERVED_V1_6_1).apiVersion).toBe(
        'gateway.networking.k8s.io/v1',
      );
      expect(route(SERVED_V1_6_1).spec.parentRefs[0].kind).toBe('ListenerSet');
      expect(route(SERVED_V1_4_1).apiVersion).toBe(
        'gateway.networking.k8s.io/v1alpha3',
      );
      expect(route(SERVED_V1_4_1).spec.parentRefs[0].kind).toBe('Gateway');
      expect(() => buildExposureObjects(ledger, teamB, {})).toThrow(
        /does not serve TLSRoute/,
      );
    });
  });

  describe('cluster-shared', () => {
    const objects = buildTenantObjects(teamC, SERVED_V1_6_1);

    it('lets the shared Gateway admit ListenerSets only from the namespaces of its own tenants', () => {
      expect(find(objects, 'Gateway', 'shared').spec.allowedListeners).toEqual({
        namespaces: {
          from: 'Selector',
          selector: {
            matchLabels: {
              'gateway-api.gatehouse.dev/layout': 'cluster-shared',
            },
          },
        },
      });
      // The tenant's own namespace carries that label, so its ListenerSets are admitted.
      expect(
        find(objects, 'Namespace', 'tenant-team-c').metadata.labels,
      ).toMatchObject({ 'gateway-api.gatehouse.dev/layout': 'cluster-shared' });
    });

    it("moves the tenant's Issuer to its namespace and lets its challenges reach the http listener", () => {
      expect(kinds(objects)).toContain(
        'Issuer/tenant-team-c/team-c-letsencrypt',
      );
      expect(
        find(objects, 'Namespace', 'tenant-team-c').metadata.labels,
      ).toMatchObject({ 'gateway-api.gatehouse.dev/shared-http': 'true' });
    });

    it('gives each hostname a ListenerSet of its own in the tenant namespace, with its Certificate beside it', () => {
      const exposure = buildExposureObjects(catalogApi, teamC, SERVED_V1_6_1);
      expect(kinds(exposure)).toEqual([
        'Certificate/tenant-team-c/catalog.team-c.example.org-tls',
        'ListenerSet/tenant-team-c/catalog.team-c.example.org',
        'Namespace//catalog',
        'HTTPRoute/catalog/catalog-api',
      ]);
      const set = find(exposure, 'ListenerSet', 'catalog.team-c.example.org');
      // Annotated with its hostname: unexpose deletes it whole.
      expect(set.metadata.annotations).toEqual({
        'gateway-api.gatehouse.dev/hostnames': 'catalog.team-c.example.org',
      });
      expect(set.spec.parentRef).toEqual({
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'gateway',
        name: 'shared',
      });
      expect(set.spec.listeners).toEqual([
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
          allowedRoutes: teamCNamespaces,
        },
      ]);
      expect(
        find(exposure, 'HTTPRoute', 'catalog-api').spec.parentRefs,
      ).toEqual([
        {
          group: 'gateway.networking.k8s.io',
          kind: 'ListenerSet',
          namespace: 'tenant-team-c',
          name: 'catalog.team-c.example.org',
          sectionName: 'catalog.team-c.example.org',
        },
      ]);
    });

    it('never patches the shared Gateway for a hostname', () => {
      const exposure = buildExposureObjects(
        legacyBilling,
        teamC,
        SERVED_V1_6_1,
      );
      expect(exposure.filter(o => o.kind === 'Gateway')).toEqual([]);
    });
  });
});
