import { ResourceName } from '../kube/resources';
import { KubeObject } from '../kube/types';
import { classVerdict, ENVOY_GATEWAY_CONTROLLER } from './implementations';

export interface GatewayClassResult {
  status: Record<string, unknown>;
  accepted: boolean;
  /** Envoy Gateway's `mergeGateways`: all Gateways of the class share one address. */
  mergeGateways: boolean;
}

export const LISTENER_SET_FEATURE = 'ListenerSet';

/**
 * Gateway API conformance feature names of the kinds this controller reconciles, and the
 * HTTPRoute redirect features Envoy Gateway's conformance suite claims (it claims every
 * feature; v1.9 itself writes no supportedFeatures yet, a step the dev cluster takes ahead).
 */
const FEATURES = [
  ['gateways', 'Gateway'],
  ['httpRoutes', 'HTTPRoute'],
  ['httpRoutes', 'HTTPRoute303RedirectStatusCode'],
  ['httpRoutes', 'HTTPRoute307RedirectStatusCode'],
  ['httpRoutes', 'HTTPRoute308RedirectStatusCode'],
  ['httpRoutes', 'HTTPRoutePathRedirect'],
  ['httpRoutes', 'HTTPRoutePortRedirect'],
  ['httpRoutes', 'HTTPRouteSchemeRedirect'],
  ['grpcRoutes', 'GRPCRoute'],
  ['tlsRoutes', 'TLSRoute'],
  ['tcpRoutes', 'TCPRoute'],
  ['referenceGrants', 'ReferenceGrant'],
  ['listenerSets', LISTENER_SET_FEATURE],
] as const satisfies readonly (readonly [ResourceName, string])[];

type FeatureResource = (typeof FEATURES)[number][0];

/**
 * The features a class supports: one per kind the cluster serves, sorted by
 * name as the spec requires.
 */
export function supportedFeatures(
  served: (resource: FeatureResource) => boolean,
): string[] {
  return FEATURES.filter(([resource]) => served(resource))
    .map(([, name]): string => name)
    .sort();
}

/**
 * Status of an Envoy Gateway GatewayClass (implementations.ts writes every implementation's):
 * its `parametersRef` may only point at an existing EnvoyProxy.
 */
export function reconcileGatewayClass(
  gatewayClass: KubeObject,
  envoyProxies: KubeObject[],
  features?: string[],
): GatewayClassResult {
  const verdict = classVerdict(
    {
      ...gatewayClass,
      spec: { ...gatewayClass.spec, controllerName: ENVOY_GATEWAY_CONTROLLER },
    },
    { envoyProxies, nginxProxies: [] },
    { envoyGatewayFeatures: features, nginxGatewayFabricClassName: '' },
  );
  return {
    status: {
      conditions: verdict.conditions,
      ...(verdict.supportedFeatures
        ? {
            supportedFeatures: verdict.supportedFeatures.map(name => ({
              name,
            })),
          }
        : {}),
    },
    accepted: verdict.accepted,
    mergeGateways: verdict.mergeGateways,
  };
}
