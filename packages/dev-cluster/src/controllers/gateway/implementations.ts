/**
 * The Gateway API implementations the simulated controller plays, each by its GatewayClass
 * `controllerName`, with the GatewayClass conditions and `supportedFeatures` that implementation
 * writes. Taken from their sources: Envoy Gateway v1.9, NGINX Gateway Fabric v2.6.7
 * (internal/controller/status/gatewayclass.go, state/conditions), Cilium 1.19
 * (operator/pkg/gateway-api/gatewayclass_status.go, built on Gateway API v1.4.1).
 */
import { condition } from '../kube/status';
import { KubeObject } from '../kube/types';
import { Condition } from '../kube/types';
import { ENVOY_GATEWAY_GROUP } from './constants';
import { Problem } from './listeners';

export type ImplementationName =
  | 'envoy-gateway'
  | 'nginx-gateway-fabric'
  | 'cilium';

export const ENVOY_GATEWAY_CONTROLLER =
  'gateway.envoyproxy.io/gatewayclass-controller';
export const NGINX_GATEWAY_FABRIC_CONTROLLER =
  'gateway.nginx.org/nginx-gateway-controller';
export const CILIUM_CONTROLLER = 'io.cilium/gateway-controller';

export const NGINX_GATEWAY_GROUP = 'gateway.nginx.org';
export const CILIUM_GROUP = 'cilium.io';

/** Which implementation a managed controllerName plays; any other configured name plays Envoy Gateway. */
export function implementationOf(controllerName: string): ImplementationName {
  if (controllerName === NGINX_GATEWAY_FABRIC_CONTROLLER)
    return 'nginx-gateway-fabric';
  if (controllerName === CILIUM_CONTROLLER) return 'cilium';
  return 'envoy-gateway';
}

/**
 * NGINX Gateway Fabric v2.6.7's supportedFeatures with its experimental features on (as an
 * install with `nginxGateway.gwAPIExperimentalFeatures.enable=true` writes them), sorted.
 */
export const NGINX_GATEWAY_FABRIC_FEATURES = [
  'BackendTLSPolicy',
  'GRPCRoute',
  'Gateway',
  'GatewayAddressEmpty',
  'GatewayBackendClientCertificate',
  'GatewayFrontendClientCertificateValidation',
  'GatewayFrontendClientCertificateValidationInsecureFallback',
  'GatewayHTTPListenerIsolation',
  'GatewayHTTPSListenerDetectMisdirectedRequests',
  'GatewayInfrastructurePropagation',
  'GatewayPort8080',
  'GatewayStaticAddresses',
  'HTTPRoute',
  'HTTPRoute303RedirectStatusCode',
  'HTTPRoute307RedirectStatusCode',
  'HTTPRoute308RedirectStatusCode',
  'HTTPRouteBackendProtocolWebSocket',
  'HTTPRouteCORS',
  'HTTPRouteDestinationPortMatching',
  'HTTPRouteHostRewrite',
  'HTTPRouteMethodMatching',
  'HTTPRouteParentRefPort',
  'HTTPRoutePathRedirect',
  'HTTPRoutePathRewrite',
  'HTTPRoutePortRedirect',
  'HTTPRouteQueryParamMatching',
  'HTTPRouteRequestMirror',
  'HTTPRouteRequestMultipleMirrors',
  'HTTPRouteRequestPercentageMirror',
  'HTTPRouteResponseHeaderModification',
  'HTTPRouteSchemeRedirect',
  'ListenerSet',
  'ReferenceGrant',
  'TCPRoute',
  'TLSRoute',
  'UDPRoute',
].sort();

/**
 * Cilium 1.19's supportedFeatures: every feature of Gateway API v1.4.1 (features.AllFeatures)
 * but the ones it exempts (HTTPRouteParentRefPort, MeshConsumerRoute,
 * BackendTLSPolicySANValidation, HTTPRouteCORS). No ListenerSet, TCPRoute or UDPRoute.
 */
export const CILIUM_FEATURES = [
  'BackendTLSPolicy',
  'GRPCRoute',
  'GRPCRouteNamedRouteRule',
  'Gateway',
  'GatewayAddressEmpty',
  'GatewayHTTPListenerIsolation',
  'GatewayInfrastructurePropagation',
  'GatewayPort8080',
  'GatewayStaticAddresses',
  'HTTPRoute',
  'HTTPRouteBackendProtocolH2C',
  'HTTPRouteBackendProtocolWebSocket',
  'HTTPRouteBackendRequestHeaderModification',
  'HTTPRouteBackendTimeout',
  'HTTPRouteDestinationPortMatching',
  'HTTPRouteHostRewrite',
  'HTTPRouteMethodMatching',
  'HTTPRouteNamedRouteRule',
  'HTTPRoutePathRedirect',
  'HTTPRoutePathRewrite',
  'HTTPRoutePortRedirect',
  'HTTPRouteQueryParamMatching',
  'HTTPRouteRequestMirror',
  'HTTPRouteRequestMultipleMirrors',
  'HTTPRouteRequestPercentageMirror',
  'HTTPRouteRequestTimeout',
  'HTTPRouteResponseHeaderModification',
  'HTTPRouteSchemeRedirect',
  'Mesh',
  'MeshClusterIPMatching',
  'MeshHTTPRouteBackendRequestHeaderModification',
  'MeshHTTPRouteNamedRouteRule',
  'MeshHTTPRouteQueryParamMatching',
  'MeshHTTPRouteRedirectPath',
  'MeshHTTPRouteRedirectPort',
  'MeshHTTPRouteRewritePath',
  'MeshHTTPRouteSchemeRedirect',
  'ReferenceGrant',
  'TLSRoute',
].sort();

/** What a managed GatewayClass reports, and what its Gateways inherit. */
export interface ClassVerdict {
  conditions: Condition[];
  supportedFeatures?: string[];
  accepted: boolean;
  mergeGateways: boolean;
}

/** The parameters objects a class or Gateway may name, by implementation. */
export interface ParameterObjects {
  envoyProxies: KubeObject[];
  nginxProxies: KubeObject[];
}

function findIn(objects: KubeObject[], namespace: string, name: string) {
  return objects.find(
    o => o.metadata.namespace === namespace && o.metadata.name === name,
  );
}

/** Envoy Gateway: parametersRef only to an existing EnvoyProxy, whose mergeGateways it honours. */
function envoyGatewayClass(
  gatewayClass: KubeObject,
  parameters: ParameterObjects,
  features: string[] | undefined,
): ClassVerdict {
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
      envoyProxy = findIn(parameters.envoyProxies, ref.namespace, ref.name);
      if (!envoyProxy) {
        problem = `EnvoyProxy ${ref.namespace}/${ref.name} not found.`;
      }
    }
  }
  return {
    conditions: [
      condition(
        'Accepted',
        !problem,
        problem ? 'InvalidParameters' : 'Accepted',
        problem ?? 'Valid GatewayClass',
        generation,
      ),
      condition(
        'SupportedVersion',
        true,
        'SupportedVersion',
        'Gateway API CRD bundle version is supported',
        generation,
      ),
    ],
    supportedFeatures: features,
    accepted: !problem,
    mergeGateways: envoyProxy?.spec?.mergeGateways === true,
  };
}

/**
 * NGINX Gateway Fabric: one class per installation (its `--gatewayclass`); any other class with
 * its controllerName is not accepted (GatewayClassConflict). A parametersRef it cannot resolve
 * leaves the class accepted (InvalidParameters) with ResolvedRefs False.
 */
function nginxGatewayFabricClass(
  gatewayClass: KubeObject,
  parameters: ParameterObjects,
  ownClassName: string,
): ClassVerdict {
  const generation = gatewayClass.metadata.generation;
  if (gatewayClass.metadata.name !== ownClassName) {
    return {
      conditions: [
        condition(
          'Accepted',
          false,
          'GatewayClassConflict',
          'The resource is ignored due to a conflicting GatewayClass resource',
          generation,
        ),
      ],
      // Ignored classes still get the features of the stable channel.
      supportedFeatures: NGINX_GATEWAY_FABRIC_FEATURES.filter(
        f => f !== 'TCPRoute' && f !== 'UDPRoute',
      ),
      accepted: false,
      mergeGateways: false,
    };
  }
  const ref = gatewayClass.spec?.parametersRef;
  let resolved:
    | { status: boolean; reason: string; message: string }
    | undefined;
  if (ref) {
    if (ref.group !== NGINX_GATEWAY_GROUP || ref.kind !== 'NginxProxy') {
      resolved = {
        status: false,
        reason: 'ParametersRefInvalid',
        message: `Spec.parametersRef.kind: Unsupported value: "${ref.kind}": supported values: "NginxProxy"`,
      };
    } else if (
      !ref.namespace ||
      !findIn(parameters.nginxProxies, ref.namespace, ref.name)
    ) {
      resolved = {
        status: false,
        reason: 'ParametersRefNotFound',
        message: 'The ParametersRef resource could not be found',
      };
    } else {
      resolved = {
        status: true,
        reason: 'ResolvedRefs',
        message: 'The ParametersRef resource is resolved',
      };
    }
  }
  const accepted =
    resolved && !resolved.status
      ? condition(
          'Accepted',
          true,
          'InvalidParameters',
          `The GatewayClass is accepted, but ParametersRef is ignored due to an error: ${resolved.message}`,
          generation,
        )
      : condition(
          'Accepted',
          true,
          'Accepted',
          'The GatewayClass is accepted',
          generation,
        );
  return {
    conditions: [
      accepted,
      condition(
        'SupportedVersion',
        true,
        'SupportedVersion',
        'The Gateway API CRD versions are supported',
        generation,
      ),
      ...(resolved
        ? [
            condition(
              'ResolvedRefs',
              resolved.status,
              resolved.reason,
              resolved.message,
              generation,
            ),
          ]
        : []),
    ],
    supportedFeatures: NGINX_GATEWAY_FABRIC_FEATURES,
    accepted: true,
    mergeGateways: false,
  };
}

/**
 * Cilium: Accepted only; a parametersRef must name a CiliumGatewayClassConfig (with a namespace)
 * that exists, else the class is not accepted. The dev cluster serves no Cilium CRD, so any
 * parametersRef fails.
 */
function ciliumClass(gatewayClass: KubeObject): ClassVerdict {
  const generation = gatewayClass.metadata.generation;
  const ok = !gatewayClass.spec?.parametersRef;
  return {
    conditions: [
      condition(
        'Accepted',
        ok,
        ok ? 'Accepted' : 'InvalidParameters',
        ok ? 'Valid GatewayClass' : 'Invalid GatewayClass',
        generation,
      ),
    ],
    supportedFeatures: ok ? CILIUM_FEATURES : undefined,
    accepted: ok,
    mergeGateways: false,
  };
}

export interface ClassSettings {
  /** Envoy Gateway's features: the kinds the cluster serves (see supportedFeatures). */
  envoyGatewayFeatures?: string[];
  /** The one GatewayClass NGINX Gateway Fabric manages. */
  nginxGatewayFabricClassName: string;
}

/** The status of a GatewayClass, as the implementation of its controllerName writes it. */
export function classVerdict(
  gatewayClass: KubeObject,
  parameters: ParameterObjects,
  settings: ClassSettings,
): ClassVerdict {
  switch (implementationOf(gatewayClass.spec?.controllerName)) {
    case 'nginx-gateway-fabric':
      return nginxGatewayFabricClass(
        gatewayClass,
        parameters,
        settings.nginxGatewayFabricClassName,
      );
    case 'cilium':
      return ciliumClass(gatewayClass);
    default:
      return envoyGatewayClass(
        gatewayClass,
        parameters,
        settings.envoyGatewayFeatures,
      );
  }
}

/**
 * A Gateway's `spec.infrastructure.parametersRef` as its implementation reads it: Envoy Gateway
 * refuses the Gateway when it names no EnvoyProxy of its namespace; NGINX Gateway Fabric accepts
 * it and reports the unresolved NginxProxy (Accepted InvalidParameters, ResolvedRefs False);
 * Cilium does not read it.
 */
export interface GatewayParametersVerdict {
  /** Why the Gateway is not accepted. */
  problem?: Problem;
  /** Accepted, but with this reason and message instead of the usual ones. */
  acceptedAs?: Problem;
  /** NGINX Gateway Fabric's Gateway ResolvedRefs condition. */
  resolvedRefs?: { status: boolean } & Problem;
}

export function gatewayParameters(
  gateway: KubeObject,
  implementation: ImplementationName,
  parameters: ParameterObjects,
): GatewayParametersVerdict {
  const ref = gateway.spec?.infrastructure?.parametersRef;
  const namespace = gateway.metadata.namespace!;
  if (implementation === 'cilium') return {};
  if (implementation === 'nginx-gateway-fabric') {
    let error: string | undefined;
    if (ref && ref.kind !== 'NginxProxy') {
      error = `Spec.infrastructure.parametersRef.kind: Unsupported value: "${ref.kind}": supported values: "NginxProxy"`;
    } else if (ref && !findIn(parameters.nginxProxies, namespace, ref.name)) {
      error = `Spec.infrastructure.parametersRef.name: Not found: "${ref.name}"`;
    }
    return error
      ? {
          acceptedAs: {
            reason: 'InvalidParameters',
            message: `The Gateway is accepted, but ParametersRef is ignored due to an error: ${error}`,
          },
          resolvedRefs: {
            status: false,
            reason: 'ParametersRefInvalid',
            message: error,
          },
        }
      : {
          resolvedRefs: {
            status: true,
            reason: 'ResolvedRefs',
            message: 'The referenced resources are resolved',
          },
        };
  }
  if (!ref) return {};
  if (ref.group !== ENVOY_GATEWAY_GROUP || ref.kind !== 'EnvoyProxy') {
    return {
      problem: {
        reason: 'InvalidParameters',
        message: `Unsupported infrastructure parametersRef ${ref.group}/${ref.kind}.`,
      },
    };
  }
  if (!findIn(parameters.envoyProxies, namespace, ref.name)) {
    return {
      problem: {
        reason: 'InvalidParameters',
        message: `EnvoyProxy ${namespace}/${ref.name} not found.`,
      },
    };
  }
  return {};
}

/** The message of an accepted Gateway, as each implementation words it. */
export const GATEWAY_ACCEPTED_MESSAGE: Record<ImplementationName, string> = {
  'envoy-gateway': 'The Gateway has been scheduled by Envoy Gateway',
  'nginx-gateway-fabric': 'The Gateway is accepted',
  cilium: 'Gateway successfully scheduled',
};
