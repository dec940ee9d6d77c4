/**
 * What the backend's exposure API answers and the frontend shows: one entry per hostname a
 * route serves, with everything a person needs to tell whether it works.
 */
import { StatusSummary } from './conditions';
import type { AppliedPolicy } from './policies';
import type { UnservedKinds } from './servedApis';
import { TlsState, TlsSummary } from './tls';
import { Condition } from './types';

/**
 * One parentRef of the route: what the controller reported, and what our own attachment
 * analysis predicts (which explains a failure in plain words, or stands in while no
 * controller has reported yet).
 *
 * @public
 */
export interface ExposureParent {
  /** The Gateway; for a ListenerSet parentRef, the ListenerSet's parent Gateway. */
  gateway: { namespace: string; name: string };
  /** Set when the parentRef names a ListenerSet (Gateway API v1.5+). */
  listenerSet?: { namespace: string; name: string };
  sectionName?: string;
  port?: number;
  /** From the controller's `status.parents` entry; `unknown` when it has not reported. */
  status: StatusSummary;
  conditions: Condition[];
  /** From the attachment analysis. */
  predicted?: StatusSummary;
}

/**
 * A listener of a Gateway with what the controller reported of it.
 *
 * @public
 */
export interface ListenerSummary {
  name: string;
  protocol: string;
  port: number;
  hostname?: string;
  /** From the Gateway's `status.listeners`; undefined until a controller reports. */
  attachedRoutes?: number;
  status: StatusSummary;
  /**
   * From the attachment analysis: the Accepted, ResolvedRefs, Conflicted and Programmed
   * conditions a conformant controller writes, which stand in until one reports.
   */
  predicted?: StatusSummary;
}

/**
 * A Gateway's name, class, addresses and own status.
 *
 * @public
 */
export interface GatewaySummary {
  namespace: string;
  name: string;
  gatewayClassName?: string;
  addresses: string[];
  status: StatusSummary;
  /**
   * Policies (such as a ClientTrafficPolicy) meant for this Gateway that the controller
   * ignores, because they sit in another namespace; absent when there are none.
   */
  ignoredPolicies?: StatusSummary[];
  /**
   * Mistakes in the Gateway's own configuration that no condition reports (how the client IP
   * reaches it, its listener count), each with its `mistake` id and hint; absent when none.
   */
  mistakes?: StatusSummary[];
}

/**
 * A ListenerSet merged onto a Gateway (Gateway API v1.5+), with its own status.
 *
 * @public
 */
export interface ListenerSetSummary {
  namespace: string;
  name: string;
  /** From its own `status.conditions` (Accepted, Programmed); `unknown` until reported. */
  status: StatusSummary;
  conditions: Condition[];
  /** From the attachment analysis: whether the Gateway admits it, and why not. */
  predicted?: StatusSummary;
}

/**
 * A Gateway the route is attached to, with the listener serving the hostname.
 *
 * @public
 */
export interface ExposureGateway extends GatewaySummary {
  /**
   * Its GatewayClass's `spec.controllerName`: which implementation serves it, and so whose
   * policies apply through it; absent when the class is not known.
   */
  controllerName?: string;
  listener?: ListenerSummary;
  /** Set when that listener is a ListenerSet's rather than the Gateway's own. */
  listenerSet?: ListenerSetSummary;
}

/**
 * What serves a hostname: a Gateway API route, or an Ingress (ingress-nginx and the like).
 *
 * @public
 */
export type ExposureSource = 'Route' | 'Ingress';

/**
 * Where a hostname stands in the move from Ingress to Gateway API routes: served by an
 * Ingress only, by an Ingress and a route side by side, or by a route made from an Ingress
 * that no longer serves it.
 *
 * @public
 */
export type IngressMigrationState = 'ingress-only' | 'both' | 'moved';

/**
 * The Ingress serving a hostname, as the exposure of that hostname shows it.
 *
 * @public
 */
export interface IngressSummary {
  namespace: string;
  name: string;
  /** `spec.ingressClassName`, the legacy class annotation, or the default IngressClass. */
  ingressClassName?: string;
  /** The IngressClass's `spec.controller`, e.g. `k8s.io/ingress-nginx`. */
  controller?: string;
  /** The Secret of the `spec.tls` entry that lists the hostname. */
  tlsSecretName?: string;
  /** From `status.loadBalancer.ingress` (IPs and hostnames). */
  addresses: string[];
}

/**
 * A hostname exposed through a route, with route, gateway and TLS status.
 *
 * @public
 */
export interface Exposure {
  cluster: string;
  hostname: string;
  url: string;
  /** The tenant whose namespace holds the route, if any. */
  tenant?: string;
  /** The tenant's owner group. */
  owner?: string;
  /** The catalog entity the route exposes (annotation, else the kubernetes-id label). */
  entityRef?: string;
  /**
   * The catalog entity that holds the hostname: its own, or its tenant's group of hostnames
   * when the catalog groups them; absent when the catalog holds no hostname entities.
   */
  catalogEntityRef?: string;
  route: {
    kind: string;
    namespace: string;
    name: string;
    status: StatusSummary;
    parents: ExposureParent[];
    backends: Array<{ namespace: string; name: string; port?: number }>;
  };
  gateways: ExposureGateway[];
  /** For TLS terminated at a Gateway with a cert-manager Certificate. */
  tls?: TlsSummary;
  /**
   * Set when the hostname lies outside the domains of the tenant the route belongs to: a
   * hostname taken from another tenant past the guards.
   */
  tenancy?: StatusSummary;
  /**
   * The implementation policies (Envoy Gateway's, NGINX Gateway Fabric's) that apply to the
   * hostname's route, listener, ListenerSet and Gateway, with which wins; absent when none.
   */
  policies?: AppliedPolicy[];
  /**
   * Policies in the route's namespace that attach to nothing (their targets do not exist),
   * each with its `mistake` id and hint; absent when none.
   */
  unattachedPolicies?: StatusSummary[];
  /** The worst of route, gateways and TLS. */
  status: StatusSummary;
  /**
   * What serves the hostname; absent means a route. For an Ingress, `route` describes the
   * Ingress itself (kind `Ingress`, no parents) and `ingress` holds its class and address.
   */
  source?: ExposureSource;
  ingress?: IngressSummary;
  /** Set for hostnames an Ingress serves or served (see {@link IngressMigrationState}). */
  migration?: IngressMigrationState;
}

/**
 * The answer of `GET /exposure` (one entity's hostnames) and `GET /hostnames` (a page of all).
 *
 * @public
 */
export interface ExposureList {
  items: Exposure[];
  /** Clusters whose cache has not completed a first list: their exposures may be missing. */
  pendingClusters: string[];
  /** Kinds each cluster does not serve (clusters that serve them all are left out). */
  unservedKinds?: UnservedKinds[];
  /** `GET /hostnames`: how many match the filters, across pages. */
  totalItems?: number;
}

/**
 * The filters, sort and page of `GET /hostnames` (and of its CSV export, which has no page).
 * A filter given several values matches any of them; different filters all have to match.
 *
 * @public
 */
export interface HostnameQuery {
  tenant?: string | string[];
  owner?: string | string[];
  cluster?: string | string[];
  status?: StatusSummary['status'] | Array<StatusSummary['status']>;
  /** The certificate's state; `none` for hostnames served without a Certificate. */
  tls?: HostnameTlsFilter | HostnameTlsFilter[];
  /** Only certificates whose notAfter is within this many days (expired ones included). */
  expiringWithinDays?: number;
  /** Free text matched against hostname, tenant, owner, route and entity. */
  search?: string;
  /** Ties are broken by hostname, in the same direction. */
  sort?: HostnameSortKey;
  /** Only hostnames served by routes, or by an Ingress. */
  source?: ExposureSource | ExposureSource[];
  /** Only hostnames in this state of the move from Ingress. */
  migration?: IngressMigrationState | IngressMigrationState[];
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/**
 * The TLS states `GET /hostnames` filters by: a certificate's state, or `none`.
 *
 * @public
 */
export type HostnameTlsFilter = TlsState | 'none';

/**
 * What `GET /hostnames` sorts by.
 *
 * @public
 */
export type HostnameSortKey =
  | 'hostname'
  | 'expiry'
  | 'status'
  | 'tenant'
  | 'cluster'
  | 'owner';

/**
 * The fields `GET /hostnames` counts values of (its facets).
 *
 * @public
 */
export type HostnameFacetField =
  | 'tenant'
  | 'cluster'
  | 'owner'
  | 'status'
  | 'tls'
  | 'source'
  | 'migration';

/**
 * Per field, each value with how many hostnames have it among those matching every other
 * filter (so a filter's own alternatives stay countable), largest first.
 *
 * @public
 */
export type HostnameFacets = Record<
  HostnameFacetField,
  Array<{ value: string; count: number }>
>;

/**
 * The answer of `GET /hostnames`: a page, the count across pages, and the facets.
 *
 * @public
 */
export interface HostnamePage extends ExposureList {
  totalItems: number;
  facets: HostnameFacets;
}

/**
 * The answer of `GET /hostnames/check`: whether a tenant may expose a hostname, by the same
 * guards the expose action runs before writing.
 *
 * @public
 */
export type HostnameCheck =
  | { ok: true; hostname: string }
  | {
      ok: false;
      reason: string;
      /** Who serves the name already, when that is why it is refused. */
      holder?: { cluster: string; tenant?: string; object: string };
    };
