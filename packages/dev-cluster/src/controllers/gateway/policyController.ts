import { KubeClient } from '../kube/client';
import { ControllerRuntime, RuntimeOptions } from '../kube/controllerRuntime';
import {
  ENVOY_GATEWAY_CONTROLLER,
  envoyGatewayPolicyStatus,
} from './envoyGatewayPolicies';

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
