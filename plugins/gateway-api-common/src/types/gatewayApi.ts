import { Condition, KubernetesObject, LabelSelector } from './meta';

/**
 * The API group of the Gateway API.
 *
 * @public
 */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * A GatewayClass.
 *
 * @public
 */
export interface GatewayClass extends KubernetesObject {
  kind?: 'GatewayClass';
  spec?: {
    controllerName?: string;
    parametersRef?: {
      group?: string;
      kind?: string;
      name?: string;
      namespace?: string;
    };
    description?: string;
  };
  status?: { conditions?: Condition[] };
}

/**
 * A route kind a listener allows (RouteGroupKind).
 *
 * @public
 */
export interface RouteGroupKind {
  group?: string;
  kind?: string;
}

/**
 * A reference from a listener to its TLS certificate (SecretObjectReference).
 *
 * @public
 */
export interface SecretObjectReference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * Which routes may attach to a listener.
 *
 * @public
 */
export interface AllowedRoutes {
  namespaces?: {
    from?: 'All' | 'Same' | 'Selector' | string;
    selector?: LabelSelector;
  };
  kinds?: RouteGroupKind[];
}

/**
 * A Gateway listener.
 *
 * @public
 */
export interface Listener {
  name?: string;
  hostname?: string;
  port?: number;
  protocol?: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | string;
  tls?: {
    mode?: 'Terminate' | 'Passthrough' | string;
    certificateRefs?: SecretObjectReference[];
    options?: Record<string, string>;
  };
  allowedRoutes?: AllowedRoutes;
}

/**
 * The status of one listener as written by the controller.
 *
 * @public
 */
export interface ListenerStatus {
  name?: string;
  supportedKinds?: RouteGroupKind[];
  attachedRoutes?: number;
  conditions?: Condition[];
}

/**
 * Which namespaces may attach ListenerSets to a Gateway (`spec.allowedListeners`, Gateway API
 * v1.5+). Absent, or `from: None`, admits none.
 *
 * @public
 */
export interface AllowedListeners {
  namespaces?: {
    from?: 'All' | 'Same' | 'Selector' | 'None' | string;
    selector?: LabelSelector;
  };
}

/**
 * A Gateway.
 *
 * @public
 */
export interface Gateway extends KubernetesObject {
  kind?: 'Gateway';
  spec?: {
    gatewayClassName?: string;
    listeners?: Listener[];
    allowedListeners?: AllowedListeners;
    addresses?: Array<{ type?: string; value?: string }>;
    infrastructure?: {
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      parametersRef?: { group?: string; kind?: string; name?: string };
    };
  };
  status?: {
    addresses?: Array<{ type?: string; value?: string }>;
    conditions?: Condition[];
    listeners?: ListenerStatus[];
    /** How many ListenerSets are attached (Gateway API v1.5+). */
    attachedListenerSets?: number;
  };
}

/**
 * A ListenerSet's reference to its parent Gateway (ParentGatewayReference).
 *
 * @public
 */
export interface ParentGatewayReference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * A ListenerSet (Gateway API v1.5+, `gateway.networking.k8s.io/v1`): listeners kept in their
 * own namespace and merged onto the parent Gateway when its `allowedListeners` admits them.
 * Its listener entries have the shape of a Gateway's listeners.
 *
 * @public
 */
export interface ListenerSet extends KubernetesObject {
  kind?: 'ListenerSet';
  spec?: {
    parentRef?: ParentGatewayReference;
    listeners?: Listener[];
  };
  status?: {
    conditions?: Condition[];
    listeners?: ListenerStatus[];
  };
}

/**
 * A route's reference to its parent, usually a Gateway (ParentReference).
 *
 * @public
 */
export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  sectionName?: string;
  port?: number;
}

/**
 * A route's reference to a backend, usually a Service (BackendRef).
 *
 * @public
 */
export interface BackendRef {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

/**
 * The status a controller writes for one parentRef of a route (RouteParentStatus).
 *
 * @public
 */
export interface RouteParentStatus {
  parentRef?: ParentReference;
  controllerName?: string;
  conditions?: Condition[];
}

/**
 * The status shared by every route kind.
 *
 * @public
 */
export interface RouteStatus {
  parents?: RouteParentStatus[];
}

/**
 * The spec fields every route kind shares.
 *
 * @public
 */
export interface CommonRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  rules?: Array<{ name?: string; backendRefs?: BackendRef[] }>;
}

/**
 * An HTTPRoute (rule matches and filters are not read by the domain).
 *
 * @public
 */
export interface HTTPRoute extends KubernetesObject {
  kind: 'HTTPRoute';
  spec?: CommonRouteSpec;
  status?: RouteStatus;
}

/**
 * A GRPCRoute.
 *
 * @public
 */
export interface GRPCRoute extends KubernetesObject {
  kind: 'GRPCRoute';
  spec?: CommonRouteSpec;
  status?: RouteStatus;
}

/**
 * A TLSRoute (experimental channel at Gateway API v1.4).
 *
 * @public
 */
export interface TLSRoute extends KubernetesObject {
  kind: 'TLSRoute';
  spec?: CommonRouteSpec;
  status?: RouteStatus;
}

/**
 * The route kinds the domain analyses.
 *
 * @public
 */
export type Route = HTTPRoute | GRPCRoute | TLSRoute;

/**
 * A ReferenceGrant: lets objects in other namespaces reference objects in its own.
 *
 * @public
 */
export interface ReferenceGrant extends KubernetesObject {
  kind?: 'ReferenceGrant';
  spec?: {
    from?: Array<{ group?: string; kind?: string; namespace?: string }>;
    to?: Array<{ group?: string; kind?: string; name?: string }>;
  };
}
