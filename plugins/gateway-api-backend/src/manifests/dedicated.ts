/**
 * The `dedicated` layout (one Envoy Gateway per tenant, as Cozystack runs it): per tenant a GatewayClass named
 * after the tenant namespace whose parameters (Envoy Gateway's EnvoyProxy, from the tenant's
 * implementation profile) merge every Gateway of the class onto one Service,
 * an `acme-challenge` and an `http-redirect` Gateway on :80, and per exposed service its own
 * Gateway with one listener for its hostname.
 */
import { issuerAnnotation, tenantIssuer } from './certificates';
import { tenantProfile } from './implementations';
import {
  attachedNamespaceObjects,
  allowedRoutesByNamespaceName,
  exposureObjectMeta,
  GATEWAY_API_GROUP,
  TENANT_METADATA,
  tenantNamespaceObject,
  tenantObjectMeta,
} from './metadata';
import {
  exposureReferenceGrant,
  exposureRoute,
  hostnameListener,
  httpsRedirectRoute,
} from './routes';
import {
  ExposureSpec,
  KubernetesObject,
  ServedGatewayApi,
  TenantSpec,
} from './types';

const ACME_CHALLENGE_GATEWAY = 'acme-challenge';
const HTTP_REDIRECT_GATEWAY = 'http-redirect';

function gatewayClass(
  tenant: TenantSpec,
  parametersRef: Record<string, string> | undefined,
): KubernetesObject {
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1`,
    kind: 'GatewayClass',
    metadata: tenantObjectMeta(tenant, tenant.namespace),
    spec: {
      controllerName: tenant.controllerName,
      ...(parametersRef ? { parametersRef } : {}),
    },
  };
}

/** Everything a dedicated tenant needs before any service is exposed. */
export function buildDedicatedTenant(tenant: TenantSpec): KubernetesObject[] {
  const profile = tenantProfile(tenant);
  const parameters = profile.gatewayClassParameters(tenant);
  const sameNamespace = { namespaces: { from: 'Same' } };
  // Merged Gateways may not repeat a port/protocol/hostname, so the redirect listeners carry the
  // tenant's domains while acme-challenge keeps the hostname-less one. The more specific redirect
  // listeners then receive the tenant's challenge requests too, hence both solver parents.
  const redirectListeners = tenant.domains.flatMap(domain => [
    {
      name: `${domain}-http`,
      hostname: domain,
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: sameNamespace,
    },
    {
      name: `${domain}-http-subdomains`,
      hostname: `*.${domain}`,
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: sameNamespace,
    },
  ]);
  return [
    tenantNamespaceObject(tenant),
    ...attachedNamespaceObjects(tenant),
    ...parameters.objects,
    gatewayClass(tenant, parameters.parametersRef),
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: tenantObjectMeta(
        tenant,
        ACME_CHALLENGE_GATEWAY,
        tenant.namespace,
      ),
      spec: {
        gatewayClassName: tenant.namespace,
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            // cert-manager creates the challenge routes beside the Certificates, in the tenant namespace.
            allowedRoutes: sameNamespace,
          },
        ],
      },
    },
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: tenantObjectMeta(
        tenant,
        HTTP_REDIRECT_GATEWAY,
        tenant.namespace,
      ),
      spec: {
        gatewayClassName: tenant.namespace,
        listeners: redirectListeners,
      },
    },
    httpsRedirectRoute(
      tenantObjectMeta(tenant, HTTP_REDIRECT_GATEWAY, tenant.namespace),
      { namespace: tenant.namespace, name: HTTP_REDIRECT_GATEWAY },
    ),
    ...tenantIssuer(
      tenant,
      tenant.namespace,
      [ACME_CHALLENGE_GATEWAY, HTTP_REDIRECT_GATEWAY].map(name => ({
        group: GATEWAY_API_GROUP,
        kind: 'Gateway' as const,
        name,
        namespace: tenant.namespace,
      })),
    ),
    // Targets every Gateway of the tenant, including per-service ones created later.
    ...profile.tenantObjects(tenant, {
      gatewaysLabelled: { [TENANT_METADATA.tenant]: tenant.name },
      metadata: tenantObjectMeta(tenant, tenant.namespace, tenant.namespace),
    }),
  ];
}

/**
 * One exposed hostname in a dedicated tenant: its own Gateway in the tenant namespace, with an
 * HTTPS listener whose certificate cert-manager's gateway-shim issues from the annotation, or a
 * TLS passthrough listener; plus the route and, across namespaces, a ReferenceGrant.
 */
export function buildDedicatedExposure(
  exposure: ExposureSpec,
  tenant: TenantSpec,
  served: ServedGatewayApi,
): KubernetesObject[] {
  const listenerName = exposure.kind === 'HTTPRoute' ? 'https' : 'tls';
  const meta = exposureObjectMeta(
    tenant,
    exposure.hostname,
    exposure.names.gateway,
    tenant.namespace,
  );
  return [
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata:
        exposure.kind === 'HTTPRoute'
          ? {
              ...meta,
              annotations: { ...meta.annotations, ...issuerAnnotation(tenant) },
            }
          : meta,
      spec: {
        gatewayClassName: tenant.namespace,
        listeners: [
          hostnameListener(
            exposure,
            listenerName,
            allowedRoutesByNamespaceName(tenant),
          ),
        ],
      },
    },
    exposureRoute(
      exposure,
      tenant,
      {
        kind: 'Gateway',
        namespace: tenant.namespace,
        name: exposure.names.gateway,
        sectionName: listenerName,
      },
      served,
    ),
    ...exposureReferenceGrant(exposure, tenant),
  ];
}
