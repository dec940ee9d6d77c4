/**
 * ListenerSets (Gateway API v1.5+ standard, GEP-1713): a tenant's hostname listeners live in its
 * own namespace and attach to a Gateway the tenant cannot edit.
 */
import { GATEWAY_API_GROUP, TENANT_METADATA } from './metadata';
import { KubernetesObject, ServedGatewayApi } from './types';

/** The Gateway a ListenerSet attaches to. */
export interface ListenerSetParent {
  /** Omitted when the Gateway lives in the ListenerSet's namespace. */
  namespace?: string;
  name: string;
}

/** A ListenerSet with its listeners, attached to one Gateway. */
export function listenerSet(
  served: ServedGatewayApi & { listenerSet: string },
  metadata: KubernetesObject['metadata'],
  parent: ListenerSetParent,
  listeners: unknown[],
): KubernetesObject {
  return {
    apiVersion: served.listenerSet,
    kind: 'ListenerSet',
    metadata,
    spec: {
      parentRef: { group: GATEWAY_API_GROUP, kind: 'Gateway', ...parent },
      listeners,
    },
  };
}

/** The Gateway admits ListenerSets from its own namespace only (a tenant's own Gateway). */
export const ALLOWED_LISTENERS_SAME = { namespaces: { from: 'Same' } };

/**
 * The cluster-shared Gateway admits ListenerSets only from the namespaces of tenants provisioned
 * onto it (layout `cluster-shared`), so a tenant on its own Gateway cannot borrow the shared one.
 * Selecting on the layout label is safe because only the platform may set or change it (the
 * `gatehouse-tenant-metadata` guard policy): no other namespace can label itself into the
 * Gateway. Each listener still admits routes from its own tenant's namespaces only, and the guard
 * policies keep every listener hostname inside its tenant's domains.
 */
export const ALLOWED_LISTENERS_FROM_CLUSTER_SHARED_TENANTS = {
  namespaces: {
    from: 'Selector',
    selector: {
      matchLabels: { [TENANT_METADATA.layout]: 'cluster-shared' },
    },
  },
};

/** Whether the cluster serves ListenerSet, narrowing `served` for the builders. */
export function servesListenerSet(
  served: ServedGatewayApi,
): served is ServedGatewayApi & { listenerSet: string } {
  return served.listenerSet !== undefined;
}
