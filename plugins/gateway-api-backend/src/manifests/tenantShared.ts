/**
 * The `tenant-shared` layout (seed 001, Cozystack with Cilium): one Gateway per tenant in its
 * namespace with HTTP, HTTPS and TLS passthrough listeners that admit routes only from the tenant
 * namespace and its attached namespaces, a per-tenant Issuer (its own ACME account) and an
 * HTTP-to-HTTPS redirect.
 */
import { InputError } from '@backstage/errors';
import { issuerAnnotation, tenantIssuer } from './certificates';
import { clientTrafficPolicy } from './clientTraffic';
import {
  allowedRoutesByNamespaceName,
  containingDomain,
  GATEWAY_API_GROUP,
  MANAGED_BY_LABELS,
  tenantNamespace,
  tenantObjectMeta,
} from './metadata';
import {
  exposureReferenceGrant,
  exposureRoute,
  hostnameListener,
  httpsRedirectRoute,
} from './routes';
import { ExposureSpec, KubernetesObject, TenantSpec } from './types';

/*
 * The base listeners' names end in `-https`/`-tls`, so they never equal the name of a hostname's
 * listener (a name ending in `.<domain>`), which a listener patch would otherwise replace.
 */

/** The HTTPS listener serving a domain's apex. */
function apexListenerName(domain: string) {
  return `${domain}-https`;
}

/** The TLS passthrough listener serving every name under a domain. */
function passthroughListenerName(domain: string) {
  return `${domain}-tls`;
}

/** Everything a tenant-shared tenant needs before any service is exposed. */
export function buildTenantSharedTenant(
  tenant: TenantSpec,
): KubernetesObject[] {
  const allowedRoutes = allowedRoutesByNamespaceName(tenant);
  const gatewayMeta = tenantObjectMeta(
    tenant,
    tenant.names.gateway,
    tenant.namespace,
  );
  return [
    tenantNamespace(tenant),
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      // cert-manager's gateway-shim issues a Certificate for every HTTPS listener's hostname.
      metadata: { ...gatewayMeta, annotations: issuerAnnotation(tenant) },
      spec: {
        gatewayClassName: tenant.gatewayClassName,
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes },
          ...tenant.domains.flatMap(domain => [
            {
              name: apexListenerName(domain),
              hostname: domain,
              port: 443,
              protocol: 'HTTPS',
              tls: {
                mode: 'Terminate',
                certificateRefs: [
                  { group: '', kind: 'Secret', name: `${domain}-tls` },
                ],
              },
              allowedRoutes,
            },
            {
              name: passthroughListenerName(domain),
              hostname: `*.${domain}`,
              port: 443,
              protocol: 'TLS',
              tls: { mode: 'Passthrough' },
              allowedRoutes,
            },
          ]),
        ],
      },
    },
    httpsRedirectRoute(
      tenantObjectMeta(tenant, 'https-redirect', tenant.namespace),
      {
        namespace: tenant.namespace,
        name: tenant.names.gateway,
        sectionName: 'http',
      },
    ),
    ...tenantIssuer(tenant, tenant.namespace, [
      {
        group: GATEWAY_API_GROUP,
        kind: 'Gateway',
        name: tenant.names.gateway,
        namespace: tenant.namespace,
        sectionName: 'http',
      },
    ]),
    ...clientTrafficPolicy(tenant, gatewayMeta, {
      gateway: tenant.names.gateway,
    }),
  ];
}

/**
 * One exposed hostname in a tenant-shared tenant. A TLSRoute attaches to the passthrough listener
 * of its domain (`*.<domain>`). An HTTPRoute for a domain apex attaches to the apex HTTPS
 * listener; any other hostname needs its own certificate (HTTP-01 cannot issue wildcards), so it
 * gets its own HTTPS listener, added to the tenant Gateway by a listener patch (seed 003) that
 * the caller applies with server-side apply under `exposureFieldManager(hostname)`.
 */
export function buildTenantSharedExposure(
  exposure: ExposureSpec,
  tenant: TenantSpec,
): KubernetesObject[] {
  const domain = containingDomain(tenant, exposure.hostname);
  if (domain === undefined) {
    throw new InputError(
      `${exposure.hostname} lies outside the domains of tenant ${
        tenant.name
      } (${tenant.domains.join(', ')}); pick a hostname under one of them`,
    );
  }
  const isApex = exposure.hostname === domain;
  if (exposure.kind === 'TLSRoute' && isApex) {
    throw new InputError(
      `${exposure.hostname} is the apex of ${domain}, which tenant ${tenant.name} serves on its HTTPS listener; expose it with an HTTPRoute, or pass TLS through for a name under *.${domain}`,
    );
  }
  const parent = {
    gatewayNamespace: tenant.namespace,
    gatewayName: tenant.names.gateway,
  };
  const route = (sectionName: string) =>
    exposureRoute(exposure, tenant, { ...parent, sectionName });
  if (exposure.kind === 'TLSRoute') {
    return [
      route(passthroughListenerName(domain)),
      ...exposureReferenceGrant(exposure, tenant),
    ];
  }
  if (isApex) {
    return [
      route(apexListenerName(domain)),
      ...exposureReferenceGrant(exposure, tenant),
    ];
  }
  return [
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: {
        name: tenant.names.gateway,
        namespace: tenant.namespace,
        labels: { ...MANAGED_BY_LABELS },
      },
      spec: {
        listeners: [
          hostnameListener(
            exposure,
            exposure.names.listener,
            allowedRoutesByNamespaceName(tenant),
          ),
        ],
      },
    },
    route(exposure.names.listener),
    ...exposureReferenceGrant(exposure, tenant),
  ];
}
