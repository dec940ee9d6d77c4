import { acceptedAndProgrammed } from '../kube/status';
import { KubeObject, objectKey } from '../kube/types';
import { GATEWAY_GROUP } from './constants';
import { findConflicts } from './conflicts';
import {
  ConditionOutcome,
  isListenerAccepted,
  listenerStatus,
} from './gateways';
import { matchesLabelSelector } from '../../api/labelSelector';
import {
  Listener,
  ListenerContext,
  ListenerModel,
  analyzeListener,
} from './listeners';

/**
 * ListenerSets (Gateway API v1.5+, GEP-1713): extra listeners that a
 * Gateway admits through `spec.allowedListeners`.
 */

/** `namespace/name` of the Gateway a ListenerSet's `spec.parentRef` names, or undefined for another kind. */
export function listenerSetParentKey(
  listenerSet: KubeObject,
): string | undefined {
  const ref = listenerSet.spec?.parentRef;
  if (!ref?.name) return undefined;
  if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP) return undefined;
  if ((ref.kind ?? 'Gateway') !== 'Gateway') return undefined;
  return `${ref.namespace ?? listenerSet.metadata.namespace}/${ref.name}`;
}

/**
 * Whether the Gateway's `spec.allowedListeners` admits ListenerSets from
 * `namespace`. None (the default) admits none.
 */
export function isListenerSetAllowed(
  gateway: KubeObject,
  namespace: string,
  namespaceLabels: (namespace: string) => Record<string, string>,
): boolean {
  const namespaces = gateway.spec?.allowedListeners?.namespaces;
  switch (namespaces?.from ?? 'None') {
    case 'All':
      return true;
    case 'Same':
      return namespace === gateway.metadata.namespace;
    case 'Selector':
      // A Selector without selector selects nothing rather than everything.
      return (
        !!namespaces.selector &&
        matchesLabelSelector(namespaces.selector, namespaceLabels(namespace))
      );
    default:
      return false;
  }
}

/**
 * Listener precedence: the Gateway's own listeners, then ListenerSets by
 * creation time (oldest first), then by `namespace/name`.
 */
export function byListenerSetPrecedence(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = objectKey(a);
  const kb = objectKey(b);
  if (ka === kb) return 0;
  return ka < kb ? -1 : 1;
}

/** A listener a route could be served by; later listeners conflict with it. */
export function isListenerProgrammable(model: ListenerModel): boolean {
  return isListenerAccepted(model) && !model.unresolvedRefs;
}

/**
 * The listeners of one admitted ListenerSet, each checked against the
 * listeners that take precedence: `earlier` (the Gateway's accepted
 * listeners and those of older ListenerSets) and its own earlier listeners.
 * The first listener wins a conflict; only the later one is Conflicted.
 */
export function analyzeListenerSetListeners(
  listenerSet: KubeObject,
  earlier: Listener[],
  context: Omit<ListenerContext, 'owner' | 'ownerKind'>,
): ListenerModel[] {
  const placed = [...earlier];
  const models: ListenerModel[] = [];
  for (const listener of (listenerSet.spec?.listeners ?? []) as Listener[]) {
    const model: ListenerModel = {
      ...analyzeListener(listener, {
        ...context,
        owner: listenerSet,
        ownerKind: 'ListenerSet',
      }),
      conflict: findConflicts([listener], placed).get(listener.name),
    };
    if (isListenerAccepted(model)) placed.push(listener);
    models.push(model);
  }
  return models;
}

/** Why a ListenerSet is not attached to its Gateway, if it is not. */
export type ListenerSetAdmission =
  | { allowed: false }
  | { allowed: true; parentAccepted: boolean; parentProgrammed: boolean };

/** The ListenerSet's Accepted and Programmed conditions. */
export function listenerSetConditions(
  admission: ListenerSetAdmission,
  listeners: ListenerModel[],
): { accepted: ConditionOutcome; programmed: ConditionOutcome } {
  if (!admission.allowed) {
    const notAllowed = {
      status: false,
      reason: 'NotAllowed',
      message:
        "The parent Gateway's allowedListeners does not allow ListenerSets from this namespace.",
    };
    return { accepted: notAllowed, programmed: notAllowed };
  }
  if (!admission.parentAccepted) {
    return {
      accepted: {
        status: false,
        reason: 'ParentNotAccepted',
        message: 'The parent Gateway is not accepted.',
      },
      programmed: {
        status: false,
        reason: 'ParentNotProgrammed',
        message: 'The parent Gateway is not accepted.',
      },
    };
  }
  const invalid = listeners.filter(l => !isListenerProgrammable(l)).length;
  if (invalid === listeners.length) {
    const notValid = {
      status: false,
      reason: 'ListenersNotValid',
      message: 'No listener of the ListenerSet is valid.',
    };
    return { accepted: notValid, programmed: notValid };
  }
  const accepted =
    invalid > 0
      ? {
          status: true,
          reason: 'ListenersNotValid',
          message: `${invalid} of ${listeners.length} listeners are not valid.`,
        }
      : { status: true, reason: 'Accepted', message: 'ListenerSet accepted' };
  const programmed = admission.parentProgrammed
    ? { status: true, reason: 'Programmed', message: 'ListenerSet programmed' }
    : {
        status: false,
        reason: 'ParentNotProgrammed',
        message: 'Waiting for an address to be assigned to the parent Gateway',
      };
  return { accepted, programmed };
}

export interface ListenerSetStatusInput {
  listenerSet: KubeObject;
  admission: ListenerSetAdmission;
  /** Analysed listeners; empty when the ListenerSet is not allowed. */
  listeners: ListenerModel[];
  attachedRoutes: (listenerName: string) => number;
}

/** The ListenerSet's status: its conditions and, once admitted, one entry per listener. */
export function listenerSetStatus(
  input: ListenerSetStatusInput,
): Record<string, unknown> {
  const { listenerSet, admission, listeners } = input;
  const generation = listenerSet.metadata.generation;
  const { accepted, programmed } = listenerSetConditions(admission, listeners);
  const hasAddress = admission.allowed && admission.parentProgrammed;
  const status: Record<string, unknown> = {
    conditions: acceptedAndProgrammed(accepted, programmed, generation),
  };
  if (admission.allowed) {
    status.listeners = listeners.map(model =>
      listenerStatus(
        model,
        input.attachedRoutes(model.listener.name),
        hasAddress,
        generation,
      ),
    );
  }
  return status;
}

/** Accepted: admitted by its Gateway with at least one valid listener. */
export function isListenerSetAttached(
  admission: ListenerSetAdmission,
  listeners: ListenerModel[],
): boolean {
  return listenerSetConditions(admission, listeners).accepted.status;
}
