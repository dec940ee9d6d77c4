/**
 * Any other implementation: the Gateway API core only. Gatehouse knows none of its own objects,
 * so it refuses what only those could express instead of writing a tenant that ignores it.
 */
import { ImplementationProfile } from './types';

export const gatewayApiProfile: ImplementationProfile = {
  id: 'gateway-api',
  title: 'Gateway API',
  defaults: {
    gatewayClassName: 'eg',
    sharedGateway: { namespace: 'gateway', name: 'shared' },
  },
  refusal(tenant) {
    if (tenant.clientIp.mode !== 'none') {
      return `Gatehouse knows how Envoy Gateway and NGINX Gateway Fabric read the client IP, not how ${tenant.controllerName} does; configure it on the implementation and choose no client-IP mode here`;
    }
    if (tenant.serviceExposure.type === 'ClusterIP') {
      return `Gatehouse knows how Envoy Gateway and NGINX Gateway Fabric publish a Gateway on external IPs, not how ${tenant.controllerName} does; publish it as a LoadBalancer`;
    }
    if (tenant.serviceExposure.ipPool?.length) {
      return "a per-tenant IP pool is Cilium's LB-IPAM; leave it empty for other implementations";
    }
    return undefined;
  },
  gatewayClassParameters() {
    return { objects: [] };
  },
  gatewaySpec() {
    return {};
  },
  tenantObjects() {
    return [];
  },
};
