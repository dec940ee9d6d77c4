/**
 * ListenerSets (Gateway API v1.5+, GEP-1713): which ListenerSets a Gateway admits, the merged
 * list of its effective listeners in the spec's precedence, and the conditions a conformant
 * controller writes on each ListenerSet and its listeners.
 */
import { CommonMistake } from '../hints';
import {
  Gateway,
  GATEWAY_API_GROUP,
  Listener,
  ListenerSet,
  Namespace,
  ReferenceGrant,
} from '../types';
import { matchesLabelSelector, NAMESPACE_NAME_LABEL } from './labelSelector';
import {
  condition,
  ListenerPrediction,
  predictAccepted,
  predictConflicted,
  predictProgrammed,
  predictResolvedRefs,
  protocolFamily,
  supportedRouteKinds,
} from './listeners';
import { AttachmentOptions, PredictedCondition } from './predictedCondition';

/**
 * A namespaced object's namespace and name.
 *
 * @public
 */
export interface ObjectKey {
  namespace: string;
  name: string;
}

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }) => ({
  namespace: o.metadata?.namespace ?? '',
  name: o.metadata?.name ?? '',
});

/**
 * A ListenerSet's parentRef with its defaults filled in (group, kind Gateway, and the
 * ListenerSet's own namespace).
 *
 * @public
 */
export function listenerSetParentRef(listenerSet: ListenerSet): {
  group: string;
  kind: string;
  namespace: string;
  name: string;
} {
  const ref = listenerSet.spec?.parentRef;
  return {
    group: ref?.group ?? GATEWAY_API_GROUP,
    kind: ref?.kind ?? 'Gateway',
    namespace: ref?.namespace ?? listenerSet.metadata?.namespace ?? '',
    name: ref?.name ?? '',
  };
}

/**
 * Whether a ListenerSet names this Gateway as its parent.
 *
 * @public
 */
export function listenerSetNamesGateway(
  listenerSet: ListenerSet,
  gateway: Gateway,
): boolean {
  const ref = listenerSetParentRef(listenerSet);
  return (
    ref.group === GATEWAY_API_GROUP &&
    ref.kind === 'Gateway' &&
    ref.namespace === gateway.metadata?.namespace &&
    ref.name === gateway.metadata?.name
  );
}

/**
 * Whether a Gateway's `allowedListeners` admits ListenerSets from a namespace with these labels
 * (`None` by default: a Gateway admits no ListenerSet until it says so).
 *
 * @public
 */
export function gatewayAllowsListenerSet(
  gateway: Gateway,
  namespace: string,
  namespaceLabels: Record<string, string> = {},
): boolean {
  const from = gateway.spec?.allowedListeners?.namespaces?.from ?? 'None';
  if (from === 'All') return true;
  if (from === 'Same') return namespace === gateway.metadata?.namespace;
  return (
    from === 'Selector' &&
    matchesLabelSelector(gateway.spec?.allowedListeners?.namespaces?.selector, {
      ...namespaceLabels,
      [NAMESPACE_NAME_LABEL]: namespace,
    })
  );
}

const created = (listenerSet: ListenerSet) => {
  const time = Date.parse(listenerSet.metadata?.creationTimestamp ?? '');
  // Without a timestamp (an object not yet stored) it sorts after every stored one.
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
};

/**
 * Orders ListenerSets by the spec's listener precedence: oldest creationTimestamp first, then
 * alphabetically by `namespace/name`.
 *
 * @public
 */
export function compareListenerSets(a: ListenerSet, b: ListenerSet): number {
  const byAge = created(a) - created(b);
  if (byAge !== 0 && !Number.isNaN(byAge)) return byAge;
  const name = (o: ListenerSet) =>
    `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  // Byte order, as controllers compare strings.
  if (name(a) === name(b)) return 0;
  return name(a) < name(b) ? -1 : 1;
}

/**
 * A listener of a Gateway's merged list: its own, or one of an admitted ListenerSet.
 *
 * @public
 */
export interface EffectiveListener {
  listener: Listener;
  /** The ListenerSet the listener comes from; absent for the Gateway's own listeners. */
  listenerSet?: ObjectKey;
  /**
   * Judged over the merged list in precedence order: a ListenerSet's listener that clashes
   * with the Gateway's or an older ListenerSet's is Conflicted, and serves no traffic.
   */
  conflicted: PredictedCondition;
}

type LabelsOf = (namespace: string) => Record<string, string> | undefined;

const labelsFrom =
  (namespaces: Namespace[]): LabelsOf =>
  namespace =>
    namespaces.find(ns => ns.metadata?.name === namespace)?.metadata?.labels;

/** The ListenerSets a Gateway admits, in precedence order. */
function admitted(
  gateway: Gateway,
  listenerSets: ListenerSet[],
  labelsOf: LabelsOf,
): ListenerSet[] {
  return listenerSets
    .filter(
      ls =>
        listenerSetNamesGateway(ls, gateway) &&
        gatewayAllowsListenerSet(
          gateway,
          ls.metadata?.namespace ?? '',
          labelsOf(ls.metadata?.namespace ?? ''),
        ),
    )
    .sort(compareListenerSets);
}

/** Why a listener cannot join the ones before it on its port, and which one it clashes with. */
interface ListenerClash {
  reason: 'ProtocolConflict' | 'HostnameConflict';
  other: EffectiveListener;
}

/**
 * The listeners earlier in a Gateway's merged list, indexed by port so that judging each new
 * one costs a lookup, not a scan: a shared Gateway may carry thousands of ListenerSets. The
 * rules are those of `findListenerClash`, and the earliest clashing listener is reported.
 */
class EarlierListeners {
  private readonly ports = new Map<
    string,
    {
      families: Map<string, EffectiveListener>;
      hostnames: Map<string, EffectiveListener>;
    }
  >();

  add(entry: EffectiveListener) {
    const port = String(entry.listener.port);
    const family = String(protocolFamily(entry.listener.protocol));
    const index = this.ports.get(port) ?? {
      families: new Map(),
      hostnames: new Map(),
    };
    if (!index.families.has(family)) index.families.set(family, entry);
    const host = `${family}|${entry.listener.hostname ?? ''}`;
    if (!index.hostnames.has(host)) index.hostnames.set(host, entry);
    this.ports.set(port, index);
  }

  clash(listener: Listener): ListenerClash | undefined {
    const index = this.ports.get(String(listener.port));
    if (!index) return undefined;
    const family = String(protocolFamily(listener.protocol));
    // UDP and the TCP-based protocols do not share a transport, so they never clash.
    for (const [other, entry] of index.families) {
      if (other !== family && other !== 'udp' && family !== 'udp') {
        return { reason: 'ProtocolConflict', other: entry };
      }
    }
    const same = index.hostnames.get(`${family}|${listener.hostname ?? ''}`);
    return same ? { reason: 'HostnameConflict', other: same } : undefined;
  }
}

function conflictWithEarlier(
  listener: Listener,
  earlier: EarlierListeners,
  siblings: Listener[],
  gateway: Gateway,
): PredictedCondition {
  const clash = earlier.clash(listener);
  if (clash) {
    // Another tenant's ListenerSet is not named: its owner's objects are none of ours.
    const whose = clash.other.listenerSet
      ? 'a listener of an older ListenerSet'
      : `listener "${clash.other.listener.name}" of Gateway "${gateway.metadata?.namespace}/${gateway.metadata?.name}"`;
    return condition(
      'Conflicted',
      'True',
      clash.reason,
      clash.reason === 'ProtocolConflict'
        ? `Listener "${listener.name}" (${listener.protocol}) uses port ${listener.port}, which ${whose} already uses with an incompatible protocol.`
        : `Listener "${listener.name}" serves hostname "${
            listener.hostname ?? ''
          }" on port ${listener.port}, which ${whose} already serves.`,
    );
  }
  return predictConflicted(listener, siblings);
}

function merge(
  gateway: Gateway,
  listenerSets: ListenerSet[],
  labelsOf: LabelsOf,
): EffectiveListener[] {
  const own = gateway.spec?.listeners ?? [];
  const merged: EffectiveListener[] = own.map(listener => ({
    listener,
    conflicted: predictConflicted(listener, own),
  }));
  const earlier = new EarlierListeners();
  merged.forEach(entry => earlier.add(entry));
  for (const ls of admitted(gateway, listenerSets, labelsOf)) {
    const siblings = ls.spec?.listeners ?? [];
    const entries = siblings.map(listener => ({
      listener,
      listenerSet: keyOf(ls),
      conflicted: conflictWithEarlier(listener, earlier, siblings, gateway),
    }));
    // A ListenerSet's listeners are judged against older ones, not against each other's order.
    entries.forEach(entry => earlier.add(entry));
    merged.push(...entries);
  }
  return merged;
}

/**
 * The effective listeners of a Gateway: its own `spec.listeners`, then those of every
 * ListenerSet that names it and that its `allowedListeners` admits, oldest first (then by
 * `namespace/name`), each with its predicted Conflicted condition.
 *
 * @public
 */
export function effectiveListeners(
  gateway: Gateway,
  listenerSets: ListenerSet[],
  namespaces: Namespace[] = [],
): EffectiveListener[] {
  return merge(gateway, listenerSets, labelsFrom(namespaces));
}

/**
 * What the analysis predicts for one ListenerSet: its Accepted condition, each listener's
 * conditions, and the common mistakes behind a refusal.
 *
 * @public
 */
export interface ListenerSetPrediction {
  namespace: string;
  name: string;
  /** The Gateway its parentRef names (it may not exist). */
  gateway: ObjectKey;
  accepted: PredictedCondition;
  listeners: ListenerPrediction[];
  mistakes: CommonMistake[];
}

/** What predicting ListenerSets reads. @internal */
export interface ListenerSetContext {
  gateways: Gateway[];
  listenerSets: ListenerSet[];
  labelsOf: LabelsOf;
  secrets: Set<string>;
  referenceGrants: ReferenceGrant[];
  options: AttachmentOptions;
}

const isConflict = (c: PredictedCondition) => c.status === 'True';

function predictEntries(
  ls: ListenerSet,
  conflicts: Map<Listener, PredictedCondition>,
  ctx: ListenerSetContext,
  gateway: ObjectKey,
): ListenerPrediction[] {
  const owner = { kind: 'ListenerSet' as const, ...keyOf(ls) };
  const siblings = ls.spec?.listeners ?? [];
  return siblings.map(listener => {
    const conflicted =
      conflicts.get(listener) ?? predictConflicted(listener, siblings);
    const valid = predictAccepted(listener, ctx.options);
    const conditions = {
      // A conflicted ListenerSet listener is not accepted: the older listener keeps the port.
      accepted:
        valid.status === 'True' && isConflict(conflicted)
          ? { ...conflicted, type: 'Accepted', status: 'False' as const }
          : valid,
      resolvedRefs: predictResolvedRefs(
        owner,
        listener,
        ctx.secrets,
        ctx.referenceGrants,
        ctx.options,
      ),
      conflicted,
    };
    return {
      gatewayNamespace: gateway.namespace,
      gatewayName: gateway.name,
      listenerSet: keyOf(ls),
      listenerName: listener.name ?? '',
      supportedKinds: supportedRouteKinds(listener, ctx.options),
      attachedRoutes: 0,
      ...conditions,
      programmed: predictProgrammed(listener.name ?? '', conditions),
    };
  });
}

function accepted(
  status: 'True' | 'False',
  reason: string,
  message: string,
): PredictedCondition {
  return condition('Accepted', status, reason, message);
}

type ConflictsOf = (
  gateway: Gateway,
) => Map<string, Map<Listener, PredictedCondition>>;

function predictOne(
  ls: ListenerSet,
  ctx: ListenerSetContext,
  conflictsOf: ConflictsOf,
): ListenerSetPrediction {
  const key = keyOf(ls);
  const ref = listenerSetParentRef(ls);
  const gatewayKey = { namespace: ref.namespace, name: ref.name };
  const base = { ...key, gateway: gatewayKey };
  const label = `ListenerSet "${key.namespace}/${key.name}"`;
  const refused = (
    reason: string,
    message: string,
    mistakes: CommonMistake[] = [],
  ): ListenerSetPrediction => ({
    ...base,
    accepted: accepted('False', reason, message),
    listeners: predictEntries(ls, new Map(), ctx, gatewayKey),
    mistakes,
  });
  if (ref.group !== GATEWAY_API_GROUP || ref.kind !== 'Gateway') {
    return refused(
      'Invalid',
      `${label} names a ${ref.kind} as its parent; a ListenerSet's parentRef must be a Gateway.`,
    );
  }
  const gateway = ctx.gateways.find(
    g =>
      g.metadata?.namespace === ref.namespace && g.metadata?.name === ref.name,
  );
  if (!gateway) {
    const elsewhere = ctx.gateways.find(g => g.metadata?.name === ref.name);
    return refused(
      'ParentNotAccepted',
      ls.spec?.parentRef?.namespace === undefined && elsewhere
        ? `${label}'s parentRef has no namespace, so it names Gateway "${ref.namespace}/${ref.name}", which does not exist; the Gateway "${ref.name}" is in namespace "${elsewhere.metadata?.namespace}".`
        : `${label} names Gateway "${ref.namespace}/${ref.name}", which does not exist.`,
      ['listenerSetParentNotFound'],
    );
  }
  if (
    !gatewayAllowsListenerSet(
      gateway,
      key.namespace,
      ctx.labelsOf(key.namespace),
    )
  ) {
    const from = gateway.spec?.allowedListeners?.namespaces?.from ?? 'None';
    return refused(
      'NotAllowed',
      from === 'None'
        ? `Gateway "${ref.namespace}/${ref.name}" admits no ListenerSets (its allowedListeners is unset or None).`
        : `Gateway "${ref.namespace}/${ref.name}" admits ListenerSets from ${
            from === 'Same'
              ? `its own namespace "${ref.namespace}" only`
              : 'namespaces matching its allowedListeners selector'
          }, and namespace "${key.namespace}" is not one of them.`,
      ['listenerSetNotAllowed'],
    );
  }
  const conflicts =
    conflictsOf(gateway).get(`${key.namespace}/${key.name}`) ?? new Map();
  const listeners = predictEntries(ls, conflicts, ctx, gatewayKey);
  const gatewayAccepted = gateway.status?.conditions?.find(
    c => c.type === 'Accepted',
  );
  if (gatewayAccepted?.status === 'False') {
    return {
      ...base,
      accepted: accepted(
        'False',
        'ParentNotAccepted',
        `Gateway "${ref.namespace}/${ref.name}" is not Accepted (${gatewayAccepted.reason}).`,
      ),
      listeners,
      mistakes: [],
    };
  }
  // A listener that cannot be programmed (unaccepted, conflicted, or with references that do
  // not resolve) is what ListenersNotValid counts.
  const invalid = listeners.filter(l => l.programmed.status === 'False');
  const mistakes: CommonMistake[] = invalid.some(l => isConflict(l.conflicted))
    ? ['listenerConflict']
    : [];
  if (invalid.length > 0) {
    const names = invalid.map(l => `"${l.listenerName}"`).join(', ');
    const all = invalid.length === listeners.length;
    const which = all
      ? `No listener of ${label} is valid`
      : `Listener${invalid.length > 1 ? 's' : ''} ${names} of ${label} ${
          invalid.length > 1 ? 'are' : 'is'
        } not valid`;
    return {
      ...base,
      accepted: accepted(
        all ? 'False' : 'True',
        'ListenersNotValid',
        `${which}: ${invalid
          .map(
            l =>
              (l.accepted.status === 'False' ? l.accepted : l.resolvedRefs)
                .message,
          )
          .join(' ')}`,
      ),
      listeners,
      mistakes,
    };
  }
  return {
    ...base,
    accepted: accepted(
      'True',
      'Accepted',
      `${label} is attached to Gateway "${ref.namespace}/${ref.name}".`,
    ),
    listeners,
    mistakes,
  };
}

/**
 * Predicts every ListenerSet and, per Gateway, the merged effective listeners.
 *
 * @internal
 */
export function predictListenerSetsWith(ctx: ListenerSetContext): {
  listenerSets: ListenerSetPrediction[];
  merged: (gateway: Gateway) => EffectiveListener[];
} {
  const cache = new Map<Gateway, EffectiveListener[]>();
  const merged = (gateway: Gateway) => {
    let list = cache.get(gateway);
    if (!list) {
      list = merge(gateway, ctx.listenerSets, ctx.labelsOf);
      cache.set(gateway, list);
    }
    return list;
  };
  // Per Gateway, each ListenerSet's listeners with their Conflicted condition.
  const conflictCache = new Map<
    Gateway,
    Map<string, Map<Listener, PredictedCondition>>
  >();
  const conflictsOf: ConflictsOf = gateway => {
    let bySet = conflictCache.get(gateway);
    if (!bySet) {
      bySet = new Map();
      for (const entry of merged(gateway)) {
        if (!entry.listenerSet) continue;
        const key = `${entry.listenerSet.namespace}/${entry.listenerSet.name}`;
        const conflicts = bySet.get(key) ?? new Map();
        conflicts.set(entry.listener, entry.conflicted);
        bySet.set(key, conflicts);
      }
      conflictCache.set(gateway, bySet);
    }
    return bySet;
  };
  return {
    listenerSets: ctx.listenerSets.map(ls => predictOne(ls, ctx, conflictsOf)),
    merged,
  };
}

/**
 * Predicts, for every ListenerSet, the Accepted condition a conformant controller writes
 * (`NotAllowed` when its Gateway does not admit it, `ParentNotAccepted` when the Gateway is
 * missing or not Accepted, `ListenersNotValid` when its listeners cannot be used) and each
 * listener's Accepted, ResolvedRefs and Conflicted conditions.
 *
 * @public
 */
export function predictListenerSets(input: {
  gateways: Gateway[];
  listenerSets: ListenerSet[];
  namespaces?: Namespace[];
  /** Existing Secrets as `namespace/name`. */
  secrets?: ReadonlySet<string>;
  referenceGrants?: ReferenceGrant[];
  options?: AttachmentOptions;
}): ListenerSetPrediction[] {
  return predictListenerSetsWith({
    gateways: input.gateways,
    listenerSets: input.listenerSets,
    labelsOf: labelsFrom(input.namespaces ?? []),
    secrets: new Set(input.secrets ?? []),
    referenceGrants: input.referenceGrants ?? [],
    options: input.options ?? {},
  }).listenerSets;
}
