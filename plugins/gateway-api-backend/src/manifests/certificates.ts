import { InputError } from '@backstage/errors';
import { MANAGED_BY_LABELS, tenantObjectMeta } from './metadata';
import { KubernetesObject, TenantSpec } from './types';

export const ACME_SERVERS = {
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
  production: 'https://acme-v02.api.letsencrypt.org/directory',
} as const;

/** A parentRef of cert-manager's `http01.gatewayHTTPRoute` solver. */
interface SolverParentRef {
  group: string;
  kind: 'Gateway';
  name: string;
  namespace: string;
  sectionName?: string;
}

/** The tenant's certificates come from a ClusterIssuer (an existing one, or one created for the cluster-shared Gateway). */
function usesClusterIssuer(tenant: TenantSpec) {
  return (
    tenant.certificates.type === 'cluster-issuer' ||
    tenant.certificates.type === 'acme-http01-cluster-issuer'
  );
}

/**
 * The tenant's own Issuer in `namespace`, so each tenant has its own ACME account (a
 * single ClusterIssuer cannot solve child tenants' challenges: their hostnames reach their own
 * Gateways). None for an existing ClusterIssuer; for `acme-http01-cluster-issuer`, the
 * ClusterIssuer solving through the cluster-shared Gateway (seed of every cluster-shared tenant,
 * the same object each time).
 */
export function tenantIssuer(
  tenant: TenantSpec,
  namespace: string,
  http01ParentRefs: SolverParentRef[],
): KubernetesObject[] {
  const certificates = tenant.certificates;
  if (certificates.type === 'cluster-issuer') return [];
  if (certificates.type === 'acme-http01-cluster-issuer') {
    if (tenant.layout !== 'cluster-shared') {
      throw new InputError(
        `a ClusterIssuer solving HTTP-01 through one Gateway can only serve the cluster-shared layout: tenant ${tenant.name}'s hostnames reach its own Gateways, where that solver's challenge routes never attach; use the tenant's own Issuer (ACME HTTP-01), DNS-01, or the cluster-shared layout`,
      );
    }
    return [
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: certificates.name, labels: { ...MANAGED_BY_LABELS } },
        spec: {
          acme: {
            server: ACME_SERVERS[certificates.server],
            email: certificates.email,
            privateKeySecretRef: { name: `${certificates.name}-account` },
            solvers: [
              {
                http01: { gatewayHTTPRoute: { parentRefs: http01ParentRefs } },
              },
            ],
          },
        },
      },
    ];
  }
  const meta = tenantObjectMeta(tenant, tenant.names.issuer, namespace);
  if (certificates.type === 'self-signed') {
    return [
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Issuer',
        metadata: meta,
        spec: { selfSigned: {} },
      },
    ];
  }
  const solver =
    certificates.type === 'acme-http01'
      ? { http01: { gatewayHTTPRoute: { parentRefs: http01ParentRefs } } }
      : { dns01: certificates.solver };
  return [
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: meta,
      spec: {
        acme: {
          server: ACME_SERVERS[certificates.server],
          email: certificates.email,
          privateKeySecretRef: { name: `${tenant.names.issuer}-account` },
          solvers: [solver],
        },
      },
    },
  ];
}

/** The cert-manager gateway-shim annotation that makes it issue a Certificate per HTTPS listener. */
export function issuerAnnotation(tenant: TenantSpec): Record<string, string> {
  return usesClusterIssuer(tenant)
    ? {
        'cert-manager.io/cluster-issuer': (
          tenant.certificates as { name: string }
        ).name,
      }
    : { 'cert-manager.io/issuer': tenant.names.issuer };
}

/** A Certificate's issuerRef for the tenant's issuer. */
export function issuerRef(tenant: TenantSpec) {
  return usesClusterIssuer(tenant)
    ? {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: (tenant.certificates as { name: string }).name,
      }
    : { group: 'cert-manager.io', kind: 'Issuer', name: tenant.names.issuer };
}
