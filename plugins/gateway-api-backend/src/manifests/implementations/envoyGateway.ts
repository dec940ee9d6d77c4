/**
 * Envoy Gateway: a GatewayClass per dedicated tenant whose EnvoyProxy merges every Gateway of the
 * class onto one Service (one address), and a ClientTrafficPolicy for how the client IP arrives.
 */
import { GATEWAY_API_GROUP, tenantObjectMeta } from '../metadata';
import { KubernetesObject, TenantSpec } from '../types';
import { ImplementationProfile } from './types';

export const ENVOY_GATEWAY_CONTROLLER =
  'gateway.envoyproxy.io/gatewayclass-controller';

const GROUP = 'gateway.envoyproxy.io';

function envoyService(tenant: TenantSpec) {
  if (tenant.serviceExposure.type === 'LoadBalancer') {
    return { type: 'LoadBalancer' };
  }
  // Envoy Gateway has no externalIPs field: the merged Service is patched instead.
  return {
    type: 'ClusterIP',
    patch: {
      type: 'StrategicMerge',
      value: { spec: { externalIPs: tenant.serviceExposure.externalIPs } },
    },
  };
}

/** Envoy Gateway takes CIDRs only: a single address is its own /32 (or /128). */
function asCidr(address: string): string {
  if (address.includes('/')) return address;
  return `${address}/${address.includes(':') ? 128 : 32}`;
}

/**
 * How the real client IP reaches Envoy: PROXY protocol, X-Forwarded-For with an explicit hop
 * count or the trusted proxies' CIDRs, or a custom header; never two of them (the CRD's rule).
 */
function clientIpDetection(tenant: TenantSpec): Record<string, unknown> {
  const clientIp = tenant.clientIp;
  switch (clientIp.mode) {
    case 'proxy-protocol':
      // Without `optional: false` spelt out, a missing PROXY header is a silent policy choice.
      return { proxyProtocol: { optional: false } };
    case 'x-forwarded-for':
      return {
        clientIPDetection: {
          // Trusted addresses, when listed, decide; the hop count is the fallback.
          xForwardedFor: clientIp.trustedAddresses?.length
            ? { trustedCIDRs: clientIp.trustedAddresses.map(asCidr) }
            : { numTrustedHops: clientIp.numTrustedHops },
        },
      };
    case 'custom-header':
      return {
        clientIPDetection: {
          customHeader: {
            name: clientIp.header,
            ...(clientIp.failClosed !== undefined
              ? { failClosed: clientIp.failClosed }
              : {}),
          },
        },
      };
    default:
      return {};
  }
}

export const envoyGatewayProfile: ImplementationProfile = {
  id: 'envoy-gateway',
  title: 'Envoy Gateway',
  controllerName: ENVOY_GATEWAY_CONTROLLER,
  defaults: {
    gatewayClassName: 'eg',
    sharedGateway: { namespace: 'gateway', name: 'shared' },
  },
  refusal(tenant) {
    if (tenant.clientIp.mode === 'proxy-protocol') {
      if (tenant.clientIp.trustedAddresses?.length) {
        return 'Envoy Gateway reads the PROXY header from whichever peer connects and has no list of trusted addresses for it; leave the trusted addresses empty and keep the Gateway reachable only through the load balancer';
      }
    }
    if (
      tenant.serviceExposure.type === 'LoadBalancer' &&
      tenant.serviceExposure.ipPool?.length
    ) {
      return "Envoy Gateway takes its LoadBalancer address from the cluster's load-balancer provider; a per-tenant IP pool is Cilium's LB-IPAM. Leave the IP pool empty, or publish the Gateway on external IPs";
    }
    return undefined;
  },
  gatewayClassParameters(tenant) {
    return {
      parametersRef: {
        group: GROUP,
        kind: 'EnvoyProxy',
        name: tenant.namespace,
        namespace: tenant.names.envoyProxyNamespace,
      },
      objects: [
        {
          apiVersion: `${GROUP}/v1alpha1`,
          kind: 'EnvoyProxy',
          metadata: tenantObjectMeta(
            tenant,
            tenant.namespace,
            tenant.names.envoyProxyNamespace,
          ),
          spec: {
            // One Envoy Service (one address) for all of the tenant's Gateways.
            mergeGateways: true,
            provider: {
              type: 'Kubernetes',
              kubernetes: { envoyService: envoyService(tenant) },
            },
          },
        },
      ],
    };
  },
  gatewaySpec() {
    return {};
  },
  /**
   * The ClientTrafficPolicy. It must live in the namespace of the Gateways it targets, or Envoy
   * Gateway ignores it.
   */
  tenantObjects(tenant, target): KubernetesObject[] {
    if (tenant.clientIp.mode === 'none') return [];
    const targeting =
      'gateway' in target
        ? {
            targetRefs: [
              {
                group: GATEWAY_API_GROUP,
                kind: 'Gateway',
                name: target.gateway.name,
              },
            ],
          }
        : {
            targetSelectors: [
              {
                group: GATEWAY_API_GROUP,
                kind: 'Gateway',
                matchLabels: target.gatewaysLabelled,
              },
            ],
          };
    return [
      {
        apiVersion: `${GROUP}/v1alpha1`,
        kind: 'ClientTrafficPolicy',
        metadata: target.metadata,
        spec: { ...targeting, ...clientIpDetection(tenant) },
      },
    ];
  },
};
