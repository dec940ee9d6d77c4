import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';
import { exposureObjectMeta, GATEWAY_API_GROUP } from './metadata';
import { InputError } from '@backstage/errors';
import {
  ExposureSpec,
  KubernetesObject,
  ServedGatewayApi,
  TenantSpec,
} from './types';

/** The listener a route attaches to: one of a Gateway's or of a ListenerSet's. */
export interface RouteParent {
  kind: 'Gateway' | 'ListenerSet';
  namespace: string;
  name: string;
  sectionName: string;
}

/** The parentRef of a route attaching to one listener. */
export function routeParentRef(parent: RouteParent) {
  return {
    group: GATEWAY_API_GROUP,
    kind: parent.kind,
    namespace: parent.namespace,
    name: parent.name,
    sectionName: parent.sectionName,
  };
}

/** The apiVersion a route of this kind is written with on the target cluster. */
function routeApiVersion(
  kind: ExposureSpec['kind'],
  served: ServedGatewayApi,
): string {
  if (kind === 'HTTPRoute') return `${GATEWAY_API_GROUP}/v1`;
  if (!served.tlsRoute) {
    throw new InputError(
      'this cluster does not serve TLSRoute (the Gateway API experimental channel, or v1.5 and later); expose the service with an HTTPRoute, or ask the platform team to install TLSRoute',
    );
  }
  return served.tlsRoute;
}

/**
 * The route for an exposure, labelled for the Kubernetes plugin and annotated with the entity it
 * exposes. The parentRef always names the namespace: without it a route in another namespace
 * looks for the Gateway in its own and stays unattached (a common mistake).
 */
export function exposureRoute(
  exposure: ExposureSpec,
  tenant: TenantSpec,
  parent: RouteParent,
  served: ServedGatewayApi,
): KubernetesObject {
  const meta = exposureObjectMeta(
    tenant,
    exposure.hostname,
    exposure.names.route,
    exposure.routeNamespace,
  );
  const backendRef = {
    group: '',
    kind: 'Service',
    name: exposure.service.name,
    ...(exposure.service.namespace !== exposure.routeNamespace
      ? { namespace: exposure.service.namespace }
      : {}),
    port: exposure.service.port,
  };
  const spec = {
    parentRefs: [routeParentRef(parent)],
    hostnames: [exposure.hostname],
    rules:
      exposure.kind === 'HTTPRoute'
        ? [
            {
              matches: [
                {
                  path: {
                    type: 'PathPrefix',
                    value: exposure.pathPrefix ?? '/',
                  },
                },
              ],
              backendRefs: [backendRef],
            },
          ]
        : [{ backendRefs: [backendRef] }],
  };
  return {
    apiVersion: routeApiVersion(exposure.kind, served),
    kind: exposure.kind,
    metadata: {
      ...meta,
      labels: {
        ...meta.labels,
        [GATEWAY_API_ANNOTATIONS.kubernetesId]: exposure.kubernetesId,
      },
      annotations: {
        ...meta.annotations,
        [GATEWAY_API_ANNOTATIONS.entityRef]: exposure.entityRef,
      },
    },
    spec,
  };
}

/** A ReferenceGrant in the Service's namespace, needed only when the route lives elsewhere. */
export function exposureReferenceGrant(
  exposure: ExposureSpec,
  tenant: TenantSpec,
): KubernetesObject[] {
  if (exposure.service.namespace === exposure.routeNamespace) return [];
  return [
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: exposureObjectMeta(
        tenant,
        exposure.hostname,
        exposure.names.referenceGrant,
        exposure.service.namespace,
      ),
      spec: {
        from: [
          {
            group: GATEWAY_API_GROUP,
            kind: exposure.kind,
            namespace: exposure.routeNamespace,
          },
        ],
        to: [{ group: '', kind: 'Service', name: exposure.service.name }],
      },
    },
  ];
}

/** The catch-all HTTP-to-HTTPS 301 route. */
export function httpsRedirectRoute(
  metadata: KubernetesObject['metadata'],
  parentRef: Record<string, string>,
): KubernetesObject {
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata,
    spec: {
      parentRefs: [{ group: GATEWAY_API_GROUP, kind: 'Gateway', ...parentRef }],
      rules: [
        {
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { scheme: 'https', statusCode: 301 },
            },
          ],
        },
      ],
    },
  };
}

/** The listener of a Gateway for one exposed hostname: HTTPS terminated here, or TLS passed through. */
export function hostnameListener(
  exposure: ExposureSpec,
  name: string,
  allowedRoutes: unknown,
) {
  return {
    name,
    hostname: exposure.hostname,
    port: 443,
    ...(exposure.kind === 'HTTPRoute'
      ? {
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [
              { group: '', kind: 'Secret', name: exposure.names.certificate },
            ],
          },
        }
      : { protocol: 'TLS', tls: { mode: 'Passthrough' } }),
    allowedRoutes,
  };
}
