/**
 * NGINX Gateway Fabric (v2): one GatewayClass per installation (`nginx`; other classes with its
 * controllerName are ignored as GatewayClassConflict) and an NGINX Deployment and Service per
 * Gateway, configured by an NginxProxy the Gateway names in `spec.infrastructure.parametersRef`.
 * NGINX rewrites the client IP from the PROXY protocol or X-Forwarded-For only for requests from
 * trusted addresses (`rewriteClientIP`); it has no custom-header mode and no hop count.
 */

import { KubernetesObject, TenantSpec } from '../types';
import { ImplementationProfile, TenantGateway } from './types';

export const NGINX_GATEWAY_FABRIC_CONTROLLER =
  'gateway.nginx.org/nginx-gateway-controller';

const GROUP = 'gateway.nginx.org';

/** The NginxProxy of one Gateway is named after it, beside it. */
function nginxProxyName(gateway: TenantGateway) {
  return gateway.name;
}

/** Whether the tenant asks for anything the default NginxProxy of the installation does not set. */
function needsNginxProxy(tenant: TenantSpec) {
  return (
    tenant.clientIp.mode !== 'none' ||
    tenant.serviceExposure.type === 'ClusterIP'
  );
}

function rewriteClientIP(tenant: TenantSpec) {
  const clientIp = tenant.clientIp;
  if (clientIp.mode !== 'proxy-protocol' && clientIp.mode !== 'x-forwarded-for')
    return {};
  return {
    rewriteClientIP: {
      mode:
        clientIp.mode === 'proxy-protocol' ? 'ProxyProtocol' : 'XForwardedFor',
      // The client is the last address not among the trusted proxies, however many there are.
      ...(clientIp.mode === 'x-forwarded-for'
        ? { setIPRecursively: true }
        : {}),
      trustedAddresses: (clientIp.trustedAddresses ?? []).map(value => ({
        type: value.includes('/') ? 'CIDR' : 'IPAddress',
        value,
      })),
    },
  };
}

function service(tenant: TenantSpec) {
  if (tenant.serviceExposure.type === 'LoadBalancer') {
    return { type: 'LoadBalancer' };
  }
  // NginxProxy has no externalIPs field: the Service is patched instead.
  return {
    type: 'ClusterIP',
    patches: [
      {
        type: 'StrategicMerge',
        value: { spec: { externalIPs: tenant.serviceExposure.externalIPs } },
      },
    ],
  };
}

export const nginxGatewayFabricProfile: ImplementationProfile = {
  id: 'nginx-gateway-fabric',
  title: 'NGINX Gateway Fabric',
  controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
  defaults: {
    gatewayClassName: 'nginx',
    sharedGateway: { namespace: 'nginx-gateway', name: 'flex-gateway' },
  },
  refusal(tenant) {
    if (tenant.layout === 'dedicated') {
      return 'NGINX Gateway Fabric manages one GatewayClass per installation (any other is ignored as GatewayClassConflict) and gives every Gateway its own NGINX Service, so the dedicated layout cannot have a class of its own nor keep its Gateways on one address; use the tenant-shared or cluster-shared layout';
    }
    const clientIp = tenant.clientIp;
    if (clientIp.mode === 'custom-header') {
      return 'NGINX Gateway Fabric reads the client IP from the PROXY protocol or X-Forwarded-For only (NginxProxy rewriteClientIP); it has no custom-header mode';
    }
    if (
      (clientIp.mode === 'proxy-protocol' ||
        clientIp.mode === 'x-forwarded-for') &&
      !clientIp.trustedAddresses?.length
    ) {
      return `NGINX Gateway Fabric rewrites the client IP only for requests from trusted addresses, not by a hop count: list the addresses or CIDRs of the load balancers or proxies in front of it (trusted addresses)`;
    }
    if (
      tenant.serviceExposure.type === 'LoadBalancer' &&
      tenant.serviceExposure.ipPool?.length
    ) {
      return "NGINX Gateway Fabric takes its LoadBalancer address from the cluster's load-balancer provider; a per-tenant IP pool is Cilium's LB-IPAM. Leave the IP pool empty, or publish the Gateway on external IPs";
    }
    return undefined;
  },
  gatewayClassParameters() {
    return { objects: [] };
  },
  gatewaySpec(tenant, gateway) {
    if (!needsNginxProxy(tenant)) return {};
    return {
      infrastructure: {
        parametersRef: {
          group: GROUP,
          kind: 'NginxProxy',
          name: nginxProxyName(gateway),
        },
      },
    };
  },
  /**
   * The Gateway's own NginxProxy: it overrides the installation's (the GatewayClass's) field by
   * field, in the Gateway's namespace.
   */
  tenantObjects(tenant, target): KubernetesObject[] {
    if (!('gateway' in target) || !needsNginxProxy(tenant)) return [];
    return [
      {
        apiVersion: `${GROUP}/v1alpha2`,
        kind: 'NginxProxy',
        metadata: {
          ...target.metadata,
          name: nginxProxyName(target.gateway),
          namespace: target.gateway.namespace,
        },
        spec: {
          ...rewriteClientIP(tenant),
          kubernetes: { service: service(tenant) },
        },
      },
    ];
  },
};
