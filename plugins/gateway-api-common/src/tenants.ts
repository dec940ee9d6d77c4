/**
 * The REST API's tenant types: `GET /tenants` and `GET /tenants/:cluster/:name`.
 */
import { StatusSummary } from './conditions';
import type {
  GatewaySummary,
  ListenerSetSummary,
  ListenerSummary,
} from './exposure';

/**
 * A tenant as the API lists it (`GET /tenants`), with whether the caller may expose under it.
 *
 * @public
 */
export interface TenantSummary {
  cluster: string;
  name: string;
  namespace: string;
  ownerGroup: string;
  domains: string[];
  attachedNamespaces: string[];
  parentTenant?: string;
  layout?: string;
  /** Whether the caller may expose services under this tenant. */
  canExpose?: boolean;
}

/**
 * A listener of a tenant's Gateway that admits routes from the tenant's namespaces.
 *
 * @public
 */
export interface TenantListener extends ListenerSummary {
  /** `Terminate` or `Passthrough`, for TLS and HTTPS listeners. */
  tlsMode?: string;
}

/**
 * A ListenerSet in one of a tenant's namespaces, with its listeners.
 *
 * @public
 */
export interface TenantListenerSet extends ListenerSetSummary {
  listeners: TenantListener[];
}

/**
 * A Gateway that serves a tenant: one with a listener admitting routes from the tenant's
 * namespaces (its own Gateway, or a shared one).
 *
 * @public
 */
export interface TenantGateway extends GatewaySummary {
  /** Only the Gateway's own listeners that admit the tenant's routes. */
  listeners: TenantListener[];
  /**
   * The tenant's own ListenerSets naming this Gateway, with all their listeners; absent when
   * it has none. Another tenant's ListenerSets are never listed.
   */
  listenerSets?: TenantListenerSet[];
  /** Whether the Gateway lives in the tenant's own namespace (dedicated, tenant-shared). */
  ownedByTenant: boolean;
}

/**
 * The answer of `GET /tenants/:cluster/:name`: a tenant with the Gateways that serve it.
 *
 * @public
 */
export interface TenantDetail extends TenantSummary {
  gateways: TenantGateway[];
  /** Kinds the tenant's cluster does not serve (TLSRoute on a standard v1.4 install, ...). */
  unservedKinds?: string[];
  /**
   * Policies in the tenant's namespaces that attach to nothing (their targets do not exist),
   * each with its `mistake` id and hint; absent when none.
   */
  unattachedPolicies?: StatusSummary[];
  /**
   * The tenant's namespaces differ from what provisioning writes today from its stored input
   * (mistake `tenantMetadataOutOfDate`, the differences in the summary); absent when they agree.
   */
  metadataOutOfDate?: StatusSummary;
  /** How many of the tenant's hostnames are exposed, by worst status. */
  hostnames: Record<StatusSummary['status'], number>;
}
