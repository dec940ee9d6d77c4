import {
  Gateway,
  GATEWAY_API_GROUP,
  interpretListenerSetPrediction,
  interpretListenerSetStatus,
  Listener,
  ListenerSet,
  listenerSetParentRef,
  ListenerSetPrediction,
  ListenerSetSummary,
  ParentReference,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * What a route's parentRef leads to: the Gateway, and for a ListenerSet parentRef the
 * ListenerSet whose listeners the route attaches to (the Gateway's own listeners are never
 * reached through it, nor the ListenerSet's through a Gateway parentRef).
 */
export interface ResolvedParent {
  /** The Gateway, or a ListenerSet's parent Gateway; its key even when it does not exist. */
  gatewayKey: { namespace: string; name: string };
  gateway?: Gateway;
  listenerSet?: ListenerSet;
  listenerSetKey?: { namespace: string; name: string };
  /** The listeners the parentRef can reach. */
  listeners: Listener[];
  /** The namespace certificateRefs without a namespace point into. */
  listenerNamespace: string;
}

export const isListenerSetRef = (ref: ParentReference) =>
  (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
  ref.kind === 'ListenerSet';

const find = <T extends { metadata?: { namespace?: string; name?: string } }>(
  objects: T[],
  namespace: string,
  name: string,
) =>
  objects.find(
    o => o.metadata?.namespace === namespace && o.metadata?.name === name,
  );

export function resolveParent(
  ref: ParentReference,
  routeNamespace: string,
  gateways: Gateway[],
  listenerSets: ListenerSet[],
): ResolvedParent {
  const namespace = ref.namespace ?? routeNamespace;
  const name = ref.name ?? '';
  if (!isListenerSetRef(ref)) {
    const gateway = find(gateways, namespace, name);
    return {
      gatewayKey: { namespace, name },
      gateway,
      listeners: gateway?.spec?.listeners ?? [],
      listenerNamespace: namespace,
    };
  }
  const listenerSet = find(listenerSets, namespace, name);
  const parent = listenerSet && listenerSetParentRef(listenerSet);
  // Without the ListenerSet its Gateway is unknown: the parentRef's own coordinates stand in.
  const gatewayKey = parent
    ? { namespace: parent.namespace, name: parent.name }
    : { namespace, name };
  return {
    gatewayKey,
    gateway:
      parent?.kind === 'Gateway'
        ? find(gateways, parent.namespace, parent.name)
        : undefined,
    listenerSet,
    listenerSetKey: { namespace, name },
    listeners: listenerSet?.spec?.listeners ?? [],
    listenerNamespace: namespace,
  };
}

/** A ListenerSet's own reported status, beside what the analysis predicts of it. */
export function summariseListenerSet(
  listenerSet: ListenerSet,
  prediction: ListenerSetPrediction | undefined,
): ListenerSetSummary {
  return {
    namespace: listenerSet.metadata?.namespace ?? '',
    name: listenerSet.metadata?.name ?? '',
    status: interpretListenerSetStatus(listenerSet),
    conditions: listenerSet.status?.conditions ?? [],
    ...(prediction && {
      predicted: interpretListenerSetPrediction(prediction),
    }),
  };
}
