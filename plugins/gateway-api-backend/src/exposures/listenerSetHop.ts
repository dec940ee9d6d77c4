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

type Named = { metadata?: { namespace?: string; name?: string } };

/** Objects by `namespace/name`, so each route's parentRefs resolve by lookup, not by scan. */
export class ByName<T extends Named> {
  private readonly map: Map<string, T>;

  constructor(objects: readonly T[]) {
    this.map = new Map(
      objects.map(o => [`${o.metadata?.namespace}/${o.metadata?.name}`, o]),
    );
  }

  get(namespace: string, name: string): T | undefined {
    return this.map.get(`${namespace}/${name}`);
  }
}

/** The Gateways and ListenerSets of a cluster, by name. */
export interface ParentIndex {
  gateways: ByName<Gateway>;
  listenerSets: ByName<ListenerSet>;
}

export const parentIndex = (
  gateways: Gateway[],
  listenerSets: ListenerSet[],
): ParentIndex => ({
  gateways: new ByName(gateways),
  listenerSets: new ByName(listenerSets),
});

export function resolveParent(
  ref: ParentReference,
  routeNamespace: string,
  index: ParentIndex,
): ResolvedParent {
  const namespace = ref.namespace ?? routeNamespace;
  const name = ref.name ?? '';
  if (!isListenerSetRef(ref)) {
    const gateway = index.gateways.get(namespace, name);
    return {
      gatewayKey: { namespace, name },
      gateway,
      listeners: gateway?.spec?.listeners ?? [],
      listenerNamespace: namespace,
    };
  }
  const listenerSet = index.listenerSets.get(namespace, name);
  const parent = listenerSet && listenerSetParentRef(listenerSet);
  // Without the ListenerSet its Gateway is unknown: the parentRef's own coordinates stand in.
  const gatewayKey = parent
    ? { namespace: parent.namespace, name: parent.name }
    : { namespace, name };
  return {
    gatewayKey,
    gateway:
      parent?.kind === 'Gateway'
        ? index.gateways.get(parent.namespace, parent.name)
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
