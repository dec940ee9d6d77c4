import { KubeClient } from '../kube/client';
import { ControllerRuntime, RuntimeOptions } from '../kube/controllerRuntime';
import { expandAddressPool } from './addresses';
import { supportedFeatures } from './gatewayClasses';
import { LoadBalancerClock } from './loadBalancers';
import { NGINX_GATEWAY_FABRIC_POLICY_RESOURCES } from './nginxGatewayFabricPolicies';
import { reconcileGatewayApi } from './reconcile';

export interface GatewayApiRunSettings {
  controllerNames: string[];
  nginxGatewayFabricClassName: string;
  addressPool: string[];
  addressDelayMs: number;
}

export function gatewayApiController(
  client: KubeClient,
  settings: GatewayApiRunSettings,
  runtime: RuntimeOptions,
) {
  const pool = expandAddressPool(settings.addressPool);
  const loadBalancers = new LoadBalancerClock(settings.addressDelayMs);
  return new ControllerRuntime(
    client,
    [
      'gatewayClasses',
      'gateways',
      'httpRoutes',
      'grpcRoutes',
      'tlsRoutes',
      'tcpRoutes',
      'referenceGrants',
      'namespaces',
      'services',
      'secrets',
      'envoyProxies',
      'nginxProxies',
      'listenerSets',
      // For the <Kind>Affected conditions NGINX Gateway Fabric writes on their targets.
      ...Object.values(NGINX_GATEWAY_FABRIC_POLICY_RESOURCES),
    ],
    runtime,
    (snapshot, served) => {
      const now = Date.now();
      loadBalancers.retain(snapshot.gateways);
      const result = reconcileGatewayApi(snapshot, {
        controllerNames: settings.controllerNames,
        nginxGatewayFabricClassName: settings.nginxGatewayFabricClassName,
        addressPool: pool,
        loadBalancerReady: gateway => loadBalancers.isReady(gateway, now),
        supportedFeatures: supportedFeatures(served),
      });
      return {
        actions: result.updates,
        failures: result.failures,
        requeueAfterMs: () =>
          result.awaitingAddress ? settings.addressDelayMs : undefined,
      };
    },
  );
}
