import { KubeClient } from '../kube/client';
import { ControllerRuntime, RuntimeOptions } from '../kube/controllerRuntime';
import {
  ENVOY_GATEWAY_CONTROLLER,
  envoyGatewayPolicyStatus,
} from './envoyGatewayPolicies';
import { NGINX_GATEWAY_FABRIC_CONTROLLER } from './implementations';
import {
  NGINX_GATEWAY_FABRIC_POLICY_RESOURCES,
  nginxGatewayFabricPolicyStatus,
} from './nginxGatewayFabricPolicies';

/**
 * Envoy Gateway's policy status (ClientTrafficPolicy, BackendTrafficPolicy, SecurityPolicy),
 * written for the Gateways of the classes it manages; run beside the Gateway API controller
 * when Envoy Gateway is one of its controller names.
 */
export function envoyGatewayPolicyController(
  client: KubeClient,
  settings: { controllerNames: string[] },
  runtime: RuntimeOptions,
) {
  return new ControllerRuntime(
    client,
    [
      'gatewayClasses',
      'gateways',
      'listenerSets',
      'httpRoutes',
      'grpcRoutes',
      'tlsRoutes',
      'clientTrafficPolicies',
      'backendTrafficPolicies',
      'securityPolicies',
    ],
    runtime,
    snapshot => {
      const classes = new Set(
        snapshot.gatewayClasses
          .filter(
            c =>
              c.spec?.controllerName === ENVOY_GATEWAY_CONTROLLER &&
              settings.controllerNames.includes(ENVOY_GATEWAY_CONTROLLER),
          )
          .map(c => c.metadata.name),
      );
      const actions = envoyGatewayPolicyStatus({
        gateways: snapshot.gateways.filter(g =>
          classes.has(g.spec?.gatewayClassName),
        ),
        listenerSets: snapshot.listenerSets,
        routes: {
          HTTPRoute: snapshot.httpRoutes,
          GRPCRoute: snapshot.grpcRoutes,
          TLSRoute: snapshot.tlsRoutes,
        },
        policies: {
          ClientTrafficPolicy: snapshot.clientTrafficPolicies,
          BackendTrafficPolicy: snapshot.backendTrafficPolicies,
          SecurityPolicy: snapshot.securityPolicies,
        },
      });
      return { actions, failures: [] };
    },
  );
}

/**
 * NGINX Gateway Fabric's policy status, written for the Gateways of the one GatewayClass it
 * manages; run beside the Gateway API controller when NGINX Gateway Fabric is one of its
 * controller names.
 */
export function nginxGatewayFabricPolicyController(
  client: KubeClient,
  settings: { controllerNames: string[]; nginxGatewayFabricClassName: string },
  runtime: RuntimeOptions,
) {
  return new ControllerRuntime(
    client,
    [
      'gatewayClasses',
      'gateways',
      'listenerSets',
      'httpRoutes',
      'grpcRoutes',
      'tlsRoutes',
      'tcpRoutes',
      'nginxProxies',
      ...Object.values(NGINX_GATEWAY_FABRIC_POLICY_RESOURCES),
    ],
    runtime,
    snapshot => {
      const gatewayClass = snapshot.gatewayClasses.find(
        c =>
          c.metadata.name === settings.nginxGatewayFabricClassName &&
          c.spec?.controllerName === NGINX_GATEWAY_FABRIC_CONTROLLER &&
          settings.controllerNames.includes(NGINX_GATEWAY_FABRIC_CONTROLLER),
      );
      if (!gatewayClass) return { actions: [], failures: [] };
      const actions = nginxGatewayFabricPolicyStatus({
        gatewayClass,
        gateways: snapshot.gateways.filter(
          g => g.spec?.gatewayClassName === gatewayClass.metadata.name,
        ),
        nginxProxies: snapshot.nginxProxies,
        listenerSets: snapshot.listenerSets,
        routes: {
          HTTPRoute: snapshot.httpRoutes,
          GRPCRoute: snapshot.grpcRoutes,
          TLSRoute: snapshot.tlsRoutes,
          TCPRoute: snapshot.tcpRoutes,
        },
        policies: {
          ClientSettingsPolicy: snapshot.clientSettingsPolicies,
          ObservabilityPolicy: snapshot.observabilityPolicies,
          ProxySettingsPolicy: snapshot.proxySettingsPolicies,
          RateLimitPolicy: snapshot.rateLimitPolicies,
          SnippetsPolicy: snapshot.snippetsPolicies,
          UpstreamSettingsPolicy: snapshot.upstreamSettingsPolicies,
          WAFPolicy: snapshot.wafPolicies,
        },
      });
      return { actions, failures: [] };
    },
  );
}
