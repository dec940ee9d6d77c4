import { tenantObjectMeta } from './metadata';
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

/**
 * The tenant's own Issuer in `namespace`, so each tenant has its own ACME account (a
 * single ClusterIssuer cannot solve child tenants' challenges). None for an existing ClusterIssuer.
 */
export function tenantIssuer(
  tenant: TenantSpec,
  namespace: string,
  http01ParentRefs: SolverParentRef[],
): KubernetesObject[] {
  const certificates = tenant.certificates;
  if (certificates.type === 'cluster-issuer') return [];
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
  return tenant.certificates.type === 'cluster-issuer'
    ? { 'cert-manager.io/cluster-issuer': tenant.certificates.name }
    : { 'cert-manager.io/issuer': tenant.names.issuer };
}

/** A Certificate's issuerRef for the tenant's issuer. */
export function issuerRef(tenant: TenantSpec) {
  return tenant.certificates.type === 'cluster-issuer'
    ? {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: tenant.certificates.name,
      }
    : { group: 'cert-manager.io', kind: 'Issuer', name: tenant.names.issuer };
}
