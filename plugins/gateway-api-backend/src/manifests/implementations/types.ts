import { KubernetesObject, SharedGatewaySettings, TenantSpec } from '../types';

/** The Gateway API implementations Gatehouse generates extras for; `gateway-api` is any other. */
export type ImplementationId =
  | 'envoy-gateway'
  | 'nginx-gateway-fabric'
  | 'cilium'
  | 'gateway-api';

/** A Gateway the platform writes for a tenant, as an implementation's extras target it. */
export interface TenantGateway {
  namespace: string;
  name: string;
}

/** Where the dedicated layout's Gateways get their shared settings. */
export interface GatewayClassParameters {
  /** The GatewayClass's `spec.parametersRef`, if the implementation reads one. */
  parametersRef?: Record<string, string>;
  /** The object it names. */
  objects: KubernetesObject[];
}

/**
 * What one implementation needs and supports, and the objects it reads beside the Gateway API
 * ones. Chosen from the GatewayClass's `controllerName` (profileFor); every builder asks it.
 */
export interface ImplementationProfile {
  id: ImplementationId;
  /** How users know it. */
  title: string;
  /** The GatewayClass `controllerName` it manages; undefined for the generic profile. */
  controllerName?: string;
  /** Where it installs by default: its GatewayClass and the cluster-shared Gateway. */
  defaults: {
    gatewayClassName: string;
    sharedGateway: Pick<SharedGatewaySettings, 'namespace' | 'name'>;
  };
  /**
   * The Gateway API release it is built on, and the TLSRoute versions it reads where it reads
   * only some (undefined: whatever the cluster serves).
   */
  gatewayApi?: { release: string; tlsRouteVersions?: string[] };
  // Its policy kinds, and what each sets, are common's (policies/kinds.ts), read by the Exposure tab.
  /**
   * Why it cannot serve this tenant as specified (a layout, a client-IP mode, an address option
   * it has no way to express), or undefined when it can. Checked before anything is built.
   */
  refusal(tenant: TenantSpec): string | undefined;
  /** The dedicated layout's GatewayClass parameters. */
  gatewayClassParameters(tenant: TenantSpec): GatewayClassParameters;
  /**
   * Fields to merge into a Gateway's spec the platform writes for the tenant (tenant-shared
   * Gateway or cluster-shared Gateway), e.g. `infrastructure.parametersRef`.
   */
  gatewaySpec(
    tenant: TenantSpec,
    gateway: TenantGateway,
  ): Record<string, unknown>;
  /**
   * Objects beside the tenant's Gateways: how the client IP arrives, the Service's addresses.
   * `gateways` is one Gateway (tenant-shared, cluster-shared) or, for the dedicated layout, every
   * Gateway labelled with the tenant.
   */
  tenantObjects(
    tenant: TenantSpec,
    target:
      | { gateway: TenantGateway; metadata: KubernetesObject['metadata'] }
      | {
          gatewaysLabelled: Record<string, string>;
          metadata: KubernetesObject['metadata'];
        },
  ): KubernetesObject[];
}
