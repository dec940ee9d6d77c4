/**
 * The `tenant-shared` layout (a Gateway per tenant, as Cozystack runs it with Cilium): one Gateway per tenant in its
 * namespace with HTTP, HTTPS and TLS passthrough listeners that admit routes only from the tenant
 * namespace and its attached namespaces, a per-tenant Issuer (its own ACME account) and an
 * HTTP-to-HTTPS redirect. Where the cluster serves ListenerSet, the Gateway keeps only the `http`
 * listener and the HTTPS and TLS listeners live in a ListenerSet of the same name beside it.
 */
import { InputError } from '@backstage/errors';
import { issuerAnnotation, tenantIssuer } from './certificates';
import { tenantProfile } from './implementations';
import {
  attachedNamespaceObjects,
  allowedRoutesByNamespaceName,
  containingDomain,
  exposureObjectMeta,
  GATEWAY_API_GROUP,
  MANAGED_BY_LABELS,
  tenantNamespaceObject,
  tenantObjectMeta,
} from './metadata';
import {
  exposureReferenceGrant,
  exposureRoute,
  hostnameListener,
  httpsRedirectRoute,
  RouteParent,
} from './routes';
import {
  ALLOWED_LISTENERS_SAME,
  listenerSet,
  servesListenerSet,
} from './listenerSets';
import {
  ExposureSpec,
  KubernetesObject,
  ServedGatewayApi,
  TenantSpec,
} from './types';

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

/** The HTTPS apex and TLS passthrough listeners of every domain of the tenant. */
function domainListeners(tenant: TenantSpec) {
  const allowedRoutes = allowedRoutesByNamespaceName(tenant);
  return tenant.domains.flatMap(domain => [
    {
      name: apexListenerName(domain),
      hostname: domain,
      port: 443,
      protocol: 'HTTPS',
      tls: {
        mode: 'Terminate',
        certificateRefs: [{ group: '', kind: 'Secret', name: `${domain}-tls` }],
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
  ]);
}

/** Where the tenant's HTTPS and TLS listeners live: its Gateway, or its ListenerSet. */
function hostnameListenerParent(
  tenant: TenantSpec,
  served: ServedGatewayApi,
): Pick<RouteParent, 'kind' | 'namespace' | 'name'> {
  return {
    kind: servesListenerSet(served) ? 'ListenerSet' : 'Gateway',
    namespace: tenant.namespace,
    name: tenant.names.gateway,
  };
}

/**
 * Everything a tenant-shared tenant needs before any service is exposed. The `http` listener
 * (redirect and HTTP-01 challenges) stays on the Gateway; with ListenerSet served, the Gateway
 * admits ListenerSets from its own namespace only (`Same`: the tenant's namespace is the only one
 * whose ListenerSets belong on the tenant's Gateway).
 */
export function buildTenantSharedTenant(
  tenant: TenantSpec,
  served: ServedGatewayApi,
): KubernetesObject[] {
  const profile = tenantProfile(tenant);
  const gatewayRef = {
    namespace: tenant.namespace,
    name: tenant.names.gateway,
  };
  const implementationSpec = profile.gatewaySpec(tenant, gatewayRef);
  const allowedRoutes = allowedRoutesByNamespaceName(tenant);
  const gatewayMeta = tenantObjectMeta(
    tenant,
    tenant.names.gateway,
    tenant.namespace,
  );
  // cert-manager's gateway-shim issues a Certificate for every HTTPS listener's hostname; on a
  // ListenerSet it reads the ListenerSet's own annotation (cert-manager 1.20 and later).
  const annotated = { ...gatewayMeta, annotations: issuerAnnotation(tenant) };
  const httpListener = {
    name: 'http',
    port: 80,
    protocol: 'HTTP',
    allowedRoutes,
  };
  const listeners = servesListenerSet(served)
    ? [
        {
          apiVersion: `${GATEWAY_API_GROUP}/v1`,
          kind: 'Gateway',
          metadata: annotated,
          spec: {
            gatewayClassName: tenant.gatewayClassName,
            listeners: [httpListener],
            allowedListeners: ALLOWED_LISTENERS_SAME,
            ...implementationSpec,
          },
        },
        listenerSet(
          served,
          annotated,
          { name: tenant.names.gateway },
          domainListeners(tenant),
        ),
      ]
    : [
        {
          apiVersion: `${GATEWAY_API_GROUP}/v1`,
          kind: 'Gateway',
          metadata: annotated,
          spec: {
            gatewayClassName: tenant.gatewayClassName,
            listeners: [httpListener, ...domainListeners(tenant)],
            ...implementationSpec,
          },
        },
      ];
  return [
    tenantNamespaceObject(tenant),
    ...attachedNamespaceObjects(tenant),
    ...listeners,
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
    ...profile.tenantObjects(tenant, {
      gateway: gatewayRef,
      metadata: gatewayMeta,
    }),
  ];
}

/**
 * One exposed hostname in a tenant-shared tenant. A TLSRoute attaches to the passthrough listener
 * of its domain (`*.<domain>`). An HTTPRoute for a domain apex attaches to the apex HTTPS
 * listener; any other hostname needs its own certificate (HTTP-01 cannot issue wildcards), so it
 * gets its own HTTPS listener. Where ListenerSet is served, that listener is a ListenerSet of its
 * own beside the tenant Gateway, named after the hostname and annotated with it and with the
 * issuer (cert-manager's gateway-shim issues its certificate; unexpose deletes it whole, and one
 * hostname's failing certificate leaves every other ListenerSet Accepted without a warning).
 * Otherwise it is added to the tenant Gateway by a listener patch that the caller
 * applies with server-side apply under `exposureFieldManager(hostname)`.
 */
export function buildTenantSharedExposure(
  exposure: ExposureSpec,
  tenant: TenantSpec,
  served: ServedGatewayApi,
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
  const parent = hostnameListenerParent(tenant, served);
  const route = (sectionName: string, name = parent.name) =>
    exposureRoute(exposure, tenant, { ...parent, name, sectionName }, served);
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
  const listener = hostnameListener(
    exposure,
    exposure.names.listener,
    allowedRoutesByNamespaceName(tenant),
  );
  if (servesListenerSet(served)) {
    const meta = exposureObjectMeta(
      tenant,
      exposure.hostname,
      exposure.names.listener,
      tenant.namespace,
    );
    return [
      listenerSet(
        served,
        {
          ...meta,
          annotations: { ...meta.annotations, ...issuerAnnotation(tenant) },
        },
        { name: tenant.names.gateway },
        [listener],
      ),
      route(exposure.names.listener, exposure.names.listener),
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
      spec: { listeners: [listener] },
    },
    route(exposure.names.listener),
    ...exposureReferenceGrant(exposure, tenant),
  ];
}
