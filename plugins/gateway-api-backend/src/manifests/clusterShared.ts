/**
 * The `cluster-shared` layout (seeds 002 and 003): one shared Gateway in the `gateway` namespace
 * serving every opted-in application namespace, an https-redirect route, one Certificate per
 * hostname, and the ClientTrafficPolicy that says how the client IP arrives.
 */
import { InputError } from '@backstage/errors';
import { issuerRef, tenantIssuer } from './certificates';
import { clientTrafficPolicy } from './clientTraffic';
import {
  exposureObjectMeta,
  GATEWAY_API_GROUP,
  MANAGED_BY_LABELS,
  tenantNamespace,
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

function allowedRoutesByOptIn(shared: SharedGatewaySettings) {
  return {
    namespaces: {
      from: 'Selector',
      selector: {
        matchLabels: { [shared.optInLabel.key]: shared.optInLabel.value },
      },
    },
  };
}

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
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        ...MANAGED_BY_LABELS,
        [shared.optInLabel.key]: shared.optInLabel.value,
      },
    },
  };
}

/**
 * The tenant Namespace and Issuer plus the shared objects, which are the same for every tenant
 * so applying them again is a no-op. The gateway namespace opts itself in so the redirect and
 * cert-manager's challenge routes attach.
 */
export function buildClusterSharedTenant(
  tenant: TenantSpec,
): KubernetesObject[] {
  const shared = sharedGatewayOf(tenant);
  return [
    tenantNamespace(tenant),
    optInNamespace(shared, shared.namespace),
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
            allowedRoutes: allowedRoutesByOptIn(shared),
          },
        ],
      },
    },
    httpsRedirectRoute(sharedMeta('https-redirect', shared.namespace), {
      namespace: shared.namespace,
      name: shared.name,
      sectionName: 'http',
    }),
    ...tenantIssuer(tenant, shared.namespace, [
      {
        group: GATEWAY_API_GROUP,
        kind: 'Gateway',
        name: shared.name,
        namespace: shared.namespace,
        sectionName: 'http',
      },
    ]),
    ...clientTrafficPolicy(tenant, sharedMeta(shared.name, shared.namespace), {
      gateway: shared.name,
    }),
  ];
}

/**
 * One exposed hostname on the shared Gateway: a Certificate in the gateway namespace (where TLS
 * terminates), a listener for the hostname, the opt-in label on the route's namespace, the route
 * and, across namespaces, a ReferenceGrant.
 *
 * The listener and the label are patches of shared objects, applied with server-side apply under
 * `exposureFieldManager(hostname)`. Listeners are a map keyed by name, so each manager owns its
 * own listener; certificateRefs is atomic, so a single `https` listener listing every hostname's
 * Secret (seed 002) would have one owner and each exposure would overwrite the others' refs.
 * Hence one listener per hostname (seed 003's listener patches). The opt-in label, applied with
 * the same value by every hostname of a namespace, is co-owned and stays until the last one goes.
 */
export function buildClusterSharedExposure(
  exposure: ExposureSpec,
  tenant: TenantSpec,
): KubernetesObject[] {
  const shared = sharedGatewayOf(tenant);
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
              shared.namespace,
            ),
            spec: {
              secretName: exposure.names.certificate,
              issuerRef: issuerRef(tenant),
              dnsNames: [exposure.hostname],
            },
          },
        ]
      : [];
  return [
    ...certificate,
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: sharedMeta(shared.name, shared.namespace),
      spec: {
        listeners: [
          hostnameListener(
            exposure,
            exposure.names.listener,
            allowedRoutesByOptIn(shared),
          ),
        ],
      },
    },
    ...(exposure.routeNamespace === shared.namespace
      ? []
      : [optInNamespace(shared, exposure.routeNamespace)]),
    exposureRoute(exposure, tenant, {
      gatewayNamespace: shared.namespace,
      gatewayName: shared.name,
      sectionName: exposure.names.listener,
    }),
    ...exposureReferenceGrant(exposure, tenant),
  ];
}
