/**
 * Cilium's Gateway API (Cilium 1.19, Gateway API v1.4.1): a LoadBalancer Service per Gateway,
 * its address from Cilium's LB-IPAM. A tenant may get its own CiliumLoadBalancerIPPool, selecting
 * the Services of its namespace. The client IP (X-Forwarded-For hops, PROXY protocol) is a
 * cluster-wide Cilium setting (Helm `gatewayAPI.xffNumTrustedHops`,
 * `gatewayAPI.enableProxyProtocol`), so no tenant can choose it.
 *
 * Cilium's CRDs are not among those Gatehouse validates against: the pool follows the shape of
 * Cilium's LB-IPAM documentation (`cilium.io/v2alpha1`, still served by 1.19).
 */
import { tenantObjectMeta } from '../metadata';
import { KubernetesObject } from '../types';
import { ImplementationProfile } from './types';

export const CILIUM_CONTROLLER = 'io.cilium/gateway-controller';

/** The pseudo-label LB-IPAM gives every Service, so a pool can select by namespace. */
const SERVICE_NAMESPACE_LABEL = 'io.kubernetes.service.namespace';

export const ciliumProfile: ImplementationProfile = {
  id: 'cilium',
  title: 'Cilium',
  controllerName: CILIUM_CONTROLLER,
  defaults: {
    gatewayClassName: 'cilium',
    sharedGateway: { namespace: 'gateway', name: 'shared' },
  },
  // Cilium 1.19 is built on Gateway API v1.4.1 and reads TLSRoute at v1alpha2.
  gatewayApi: { release: 'v1.4.1', tlsRouteVersions: ['v1alpha2'] },
  refusal(tenant) {
    if (tenant.layout === 'dedicated') {
      return "Cilium gives every Gateway its own LoadBalancer Service and cannot merge a class's Gateways onto one address, so the dedicated layout's challenge and redirect Gateways would not share its services' address; use the tenant-shared layout (with an IP pool of the tenant's own) or cluster-shared";
    }
    if (tenant.clientIp.mode !== 'none') {
      return 'Cilium reads the client IP the same way for every Gateway of the cluster (its Helm values gatewayAPI.xffNumTrustedHops and gatewayAPI.enableProxyProtocol); ask the platform team to set it there and choose no client-IP mode here';
    }
    if (tenant.serviceExposure.type === 'ClusterIP') {
      return 'Cilium publishes a Gateway through its own LoadBalancer Service and has no setting for external IPs; give the tenant an IP pool instead';
    }
    if (
      tenant.layout === 'cluster-shared' &&
      tenant.serviceExposure.ipPool?.length
    ) {
      return "the cluster-shared Gateway's address belongs to the platform, not to one tenant; a tenant IP pool needs the tenant-shared layout";
    }
    return undefined;
  },
  gatewayClassParameters() {
    return { objects: [] };
  },
  gatewaySpec() {
    return {};
  },
  /** The tenant's own address pool: cluster-scoped, selecting the Services of its namespace. */
  tenantObjects(tenant): KubernetesObject[] {
    const exposure = tenant.serviceExposure;
    if (exposure.type !== 'LoadBalancer' || !exposure.ipPool?.length) return [];
    return [
      {
        apiVersion: 'cilium.io/v2alpha1',
        kind: 'CiliumLoadBalancerIPPool',
        metadata: tenantObjectMeta(tenant, tenant.namespace),
        spec: {
          blocks: exposure.ipPool.map(cidr => ({ cidr })),
          serviceSelector: {
            matchLabels: { [SERVICE_NAMESPACE_LABEL]: tenant.namespace },
          },
        },
      },
    ];
  },
};
