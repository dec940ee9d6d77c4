/**
 * The `cluster-shared` layout (one Gateway for the cluster, as Elastx and Genestack run it): one shared Gateway in the `gateway` namespace
 * serving every tenant, an https-redirect route, one Certificate per hostname, and the
 * ClientTrafficPolicy that says how the client IP arrives.
 *
 * Where the cluster serves ListenerSet, each exposed hostname's listener lives in a ListenerSet
 * of its own in the tenant namespace, beside its Certificate and the tenant's Issuer; otherwise
 * the listener is patched onto the shared Gateway and the Certificate lives in the gateway
 * namespace. Either way the listener admits routes from its tenant's namespaces only, so no other
 * namespace can attach to it by naming its sectionName.
 */
import { InputError } from '@backstage/errors';
import { issuerRef, tenantIssuer } from './certificates';
import { tenantProfile } from './implementations';
import {
  ALLOWED_LISTENERS_FROM_CLUSTER_SHARED_TENANTS,
  listenerSet,
  servesListenerSet,
} from './listenerSets';
import {
  attachedNamespaceObjects,
  allowedRoutesByNamespaceName,
  exposureObjectMeta,
  GATEWAY_API_GROUP,
  MANAGED_BY_LABELS,
  SHARED_HTTP_LABEL,
  tenantNamespaceObject,
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
  SharedGatewaySettings,
  TenantSpec,
} from './types';

function sharedGatewayOf(tenant: TenantSpec): SharedGatewaySettings {
  if (!tenant.sharedGateway) {
    throw new InputError(
      `tenant ${tenant.name} uses the cluster-shared layout but has no sharedGateway settings; set the shared Gateway's namespace, name, GatewayClass and opt-in label`,
    );
  }
  return tenant.sharedGateway;
}

/**
 * Who may attach to the shared `http` listener (port 80). A route there with another tenant's
 * hostname would take its redirect, and one under `/.well-known/acme-challenge/` would answer
 * HTTP-01 challenges for a name the tenant does not own. So only namespaces carrying
 * `SHARED_HTTP_LABEL` attach: the gateway namespace (the redirect, and cert-manager's solver
 * routes of Certificates kept there) and the cluster-shared tenant namespaces (the solver routes
 * of their own Certificates). Only the platform sets that label, and the guard policies keep a
 * tenant namespace's route hostnames inside the tenant's domains; attached and opted-in
 * application namespaces never reach port 80.
 */
const SHARED_HTTP_ROUTES = {
  namespaces: {
    from: 'Selector',
    selector: { matchLabels: { [SHARED_HTTP_LABEL]: 'true' } },
  },
};

/** Metadata of the objects every cluster-shared tenant shares; they name no tenant. */
function sharedMeta(name: string, namespace?: string) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    labels: { ...MANAGED_BY_LABELS },
  };
}

/** The Namespace patch that opts a namespace in to the shared Gateway. */
function optInNamespace(
  shared: SharedGatewaySettings,
  namespace: string,
  extraLabels: Record<string, string> = {},
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        ...MANAGED_BY_LABELS,
        [shared.optInLabel.key]: shared.optInLabel.value,
        ...extraLabels,
      },
    },
  };
}

/** Where a tenant's Certificates live: beside its ListenerSets, or beside the shared Gateway. */
function certificateNamespace(
  tenant: TenantSpec,
  shared: SharedGatewaySettings,
  served: ServedGatewayApi,
): string {
  return servesListenerSet(served) ? tenant.namespace : shared.namespace;
}

/**
 * The tenant Namespace and Issuer plus the shared objects, which are the same for every tenant
 * so applying them again is a no-op. The gateway namespace carries `SHARED_HTTP_LABEL` so the
 * redirect and cert-manager's challenge routes attach; with ListenerSet served, so does the
 * tenant namespace, where its Certificates and their challenges now live.
 */
export function buildClusterSharedTenant(
  tenant: TenantSpec,
  served: ServedGatewayApi,
): KubernetesObject[] {
  const shared = sharedGatewayOf(tenant);
  const profile = tenantProfile(tenant);
  const sharedRef = { namespace: shared.namespace, name: shared.name };
  const namespace = tenantNamespaceObject(tenant);
  const withListenerSets = servesListenerSet(served);
  return [
    withListenerSets
      ? {
          ...namespace,
          metadata: {
            ...namespace.metadata,
            labels: {
              ...namespace.metadata.labels,
              [SHARED_HTTP_LABEL]: 'true',
            },
          },
        }
      : namespace,
    ...attachedNamespaceObjects(tenant),
    optInNamespace(shared, shared.namespace, { [SHARED_HTTP_LABEL]: 'true' }),
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: sharedMeta(shared.name, shared.namespace),
      spec: {
        gatewayClassName: shared.gatewayClassName,
        // HTTPS listeners are added per hostname by each exposure.
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: SHARED_HTTP_ROUTES,
          },
        ],
        ...(withListenerSets
          ? { allowedListeners: ALLOWED_LISTENERS_FROM_CLUSTER_SHARED_TENANTS }
          : {}),
        ...profile.gatewaySpec(tenant, sharedRef),
      },
    },
    httpsRedirectRoute(sharedMeta('https-redirect', shared.namespace), {
      namespace: shared.namespace,
      name: shared.name,
      sectionName: 'http',
    }),
    ...tenantIssuer(tenant, certificateNamespace(tenant, shared, served), [
      {
        group: GATEWAY_API_GROUP,
        kind: 'Gateway',
        name: shared.name,
        namespace: shared.namespace,
        sectionName: 'http',
      },
    ]),
    ...profile.tenantObjects(tenant, {
      gateway: sharedRef,
      metadata: sharedMeta(shared.name, shared.namespace),
    }),
  ];
}

/**
 * One exposed hostname on the shared Gateway: a Certificate where TLS terminates, a listener for
 * the hostname, the opt-in label on the route's namespace, the route and, across namespaces, a
 * ReferenceGrant.
 *
 * With ListenerSet served, the listener is a ListenerSet of its own in the tenant namespace
 * (named after the hostname and annotated with it, so unexpose deletes it whole: a ListenerSet
 * needs at least one listener, and one per hostname never runs into the 64-listener cap), its
 * Certificate beside it, and the route attaches to it.
 *
 * Otherwise:
 * The listener and the label are patches of shared objects, applied with server-side apply under
 * `exposureFieldManager(hostname)`. Listeners are a map keyed by name, so each manager owns its
 * own listener; certificateRefs is atomic, so a single `https` listener listing every hostname's
 * Secret would have one owner and each exposure would overwrite the others' refs.
 * Hence one listener per hostname (as listener patches do). The opt-in label, applied with
 * the same value by every hostname of a namespace, is co-owned and stays until the last one goes.
 */
export function buildClusterSharedExposure(
  exposure: ExposureSpec,
  tenant: TenantSpec,
  served: ServedGatewayApi,
): KubernetesObject[] {
  const shared = sharedGatewayOf(tenant);
  const certificates = certificateNamespace(tenant, shared, served);
  const certificate: KubernetesObject[] =
    exposure.kind === 'HTTPRoute'
      ? [
          {
            apiVersion: 'cert-manager.io/v1',
            kind: 'Certificate',
            metadata: exposureObjectMeta(
              tenant,
              exposure.hostname,
              exposure.names.certificate,
              certificates,
            ),
            spec: {
              secretName: exposure.names.certificate,
              issuerRef: issuerRef(tenant),
              dnsNames: [exposure.hostname],
            },
          },
        ]
      : [];
  const listener = hostnameListener(
    exposure,
    exposure.names.listener,
    allowedRoutesByNamespaceName(tenant),
  );
  const withListenerSets = servesListenerSet(served);
  return [
    ...certificate,
    withListenerSets
      ? listenerSet(
          served,
          exposureObjectMeta(
            tenant,
            exposure.hostname,
            exposure.names.listener,
            tenant.namespace,
          ),
          { namespace: shared.namespace, name: shared.name },
          [listener],
        )
      : {
          apiVersion: `${GATEWAY_API_GROUP}/v1`,
          kind: 'Gateway',
          metadata: sharedMeta(shared.name, shared.namespace),
          spec: { listeners: [listener] },
        },
    ...(exposure.routeNamespace === shared.namespace
      ? []
      : [optInNamespace(shared, exposure.routeNamespace)]),
    exposureRoute(
      exposure,
      tenant,
      withListenerSets
        ? {
            kind: 'ListenerSet',
            namespace: tenant.namespace,
            name: exposure.names.listener,
            sectionName: exposure.names.listener,
          }
        : {
            kind: 'Gateway',
            namespace: shared.namespace,
            name: shared.name,
            sectionName: exposure.names.listener,
          },
      served,
    ),
    ...exposureReferenceGrant(exposure, tenant),
  ];
}
