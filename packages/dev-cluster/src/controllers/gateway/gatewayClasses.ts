import { ResourceName } from '../kube/resources';
import { condition } from '../kube/status';
import { KubeObject } from '../kube/types';
import { ENVOY_GATEWAY_GROUP } from './constants';

export interface GatewayClassResult {
  status: Record<string, unknown>;
  accepted: boolean;
  /** Envoy Gateway's `mergeGateways`: all Gateways of the class share one address. */
  mergeGateways: boolean;
}

export const LISTENER_SET_FEATURE = 'ListenerSet';

/** Gateway API conformance feature names of the kinds this controller reconciles. */
const FEATURES = [
  ['gateways', 'Gateway'],
  ['httpRoutes', 'HTTPRoute'],
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
 * Status of a GatewayClass this controller manages. Like Envoy Gateway, its
 * `parametersRef` may only point at an existing EnvoyProxy.
 */
export function reconcileGatewayClass(
  gatewayClass: KubeObject,
  envoyProxies: KubeObject[],
  features?: string[],
): GatewayClassResult {
  const generation = gatewayClass.metadata.generation;
  const ref = gatewayClass.spec?.parametersRef;
  let envoyProxy: KubeObject | undefined;
  let problem: string | undefined;
  if (ref) {
    if (ref.group !== ENVOY_GATEWAY_GROUP || ref.kind !== 'EnvoyProxy') {
      problem = `Unsupported parametersRef ${ref.group}/${ref.kind}; only ${ENVOY_GATEWAY_GROUP}/EnvoyProxy is supported.`;
    } else if (!ref.namespace) {
      problem = 'parametersRef to an EnvoyProxy must set a namespace.';
    } else {
      envoyProxy = envoyProxies.find(
        p =>
          p.metadata.namespace === ref.namespace &&
          p.metadata.name === ref.name,
      );
      if (!envoyProxy) {
        problem = `EnvoyProxy ${ref.namespace}/${ref.name} not found.`;
      }
    }
  }
  const accepted = condition(
    'Accepted',
    !problem,
    problem ? 'InvalidParameters' : 'Accepted',
    problem ?? 'Valid GatewayClass',
    generation,
  );
  return {
    status: {
      conditions: [
        accepted,
        condition(
          'SupportedVersion',
          true,
          'SupportedVersion',
          'Gateway API CRD bundle version is supported',
          generation,
        ),
      ],
      ...(features
        ? { supportedFeatures: features.map(name => ({ name })) }
        : {}),
    },
    accepted: !problem,
    mergeGateways: envoyProxy?.spec?.mergeGateways === true,
  };
}
