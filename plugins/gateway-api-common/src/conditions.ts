/**
 * Condition interpretation: turns the conditions controllers write (and the conditions the
 * attachment analysis predicts) into one short status, a one-line summary and a hint.
 */
import {
  ListenerPrediction,
  ListenerSetPrediction,
  ParentAttachment,
} from './attachment';
import {
  CommonMistake,
  Hint,
  HintSubject,
  hintForCondition,
  hintForMistake,
} from './hints';
import {
  Condition,
  Gateway,
  GatewayClass,
  ListenerSet,
  Route,
  RouteParentStatus,
} from './types';

/**
 * A short status, from best to worst: `ok`, `unknown` (nothing reported), `pending`, `warning`,
 * `error`.
 *
 * @public
 */
export type StatusLevel = 'ok' | 'pending' | 'warning' | 'error' | 'unknown';

/**
 * A status with a one-line summary and, when something needs attention, a hint.
 *
 * @public
 */
export interface StatusSummary {
  status: StatusLevel;
  summary: string;
  /** The condition type and reason the status comes from, when one condition decides it. */
  type?: string;
  reason?: string;
  hint?: Hint;
  /** The common mistake the analysis recognised, as a stable id. */
  mistake?: CommonMistake;
}

const SEVERITY: Record<StatusLevel, number> = {
  ok: 0,
  unknown: 1,
  pending: 2,
  warning: 3,
  error: 4,
};

/**
 * Orders statuses from best to worst, for sorting tables and lists by status.
 *
 * @public
 */
export function compareStatusLevels(a: StatusLevel, b: StatusLevel): number {
  return SEVERITY[a] - SEVERITY[b];
}

// Conditions whose True is the healthy state.
const POSITIVE_TYPES = new Set([
  'Accepted',
  'ResolvedRefs',
  'Programmed',
  'Ready',
  'SupportedVersion',
]);
// Conditions whose True is a problem, and how bad it is.
const NEGATIVE_TYPES: Record<string, StatusLevel> = {
  Conflicted: 'error',
  PartiallyInvalid: 'warning',
  OverlappingTLSConfig: 'warning',
  InsecureFrontendValidationMode: 'warning',
};
// Reasons meaning "not processed yet", including the deprecated names older controllers write.
const PENDING_REASONS = new Set(['Pending', 'NotReconciled', 'Waiting']);

/**
 * The policy kind an informational condition names: NGINX Gateway Fabric marks each Gateway
 * and route its policies target with `<Kind>Affected` True/`PolicyAffected`
 * (`gateway.nginx.org/WAFPolicyAffected` for a WAFPolicy), whether or not it accepted the
 * policy. It says a policy applies, never that something is wrong, so it decides no status.
 */
function policyAffected(condition: Condition): string | undefined {
  if (condition.reason !== 'PolicyAffected' || condition.status !== 'True') {
    return undefined;
  }
  return /^(?:[a-z0-9.-]+\/)?([A-Za-z]+)Affected$/.exec(
    condition.type ?? '',
  )?.[1];
}

/**
 * The worst of several statuses (the first one on a tie); `unknown` when there are none.
 *
 * @public
 */
export function worstStatus(statuses: StatusSummary[]): StatusSummary {
  if (statuses.length === 0)
    return { status: 'unknown', summary: 'No status reported yet.' };
  return statuses.reduce((worst, s) =>
    SEVERITY[s.status] > SEVERITY[worst.status] ? s : worst,
  );
}

function levelOf(condition: Condition): StatusLevel | undefined {
  const type = condition.type ?? '';
  if (
    condition.status === 'Unknown' ||
    PENDING_REASONS.has(condition.reason ?? '')
  ) {
    return 'pending';
  }
  // A Gateway can be Accepted while some of its listeners are not.
  if (condition.reason === 'ListenersNotValid' && condition.status === 'True') {
    return 'warning';
  }
  if (POSITIVE_TYPES.has(type))
    return condition.status === 'True' ? 'ok' : 'error';
  if (type in NEGATIVE_TYPES)
    return condition.status === 'True' ? NEGATIVE_TYPES[type] : 'ok';
  return undefined;
}

function summaryLine(label: string, condition: Condition): string {
  const state =
    condition.status === 'True' ? '' : ` ${condition.status ?? 'Unknown'}`;
  const reason =
    condition.reason && condition.reason !== condition.type
      ? ` (${condition.reason})`
      : '';
  const message = condition.message ? `: ${condition.message}` : '';
  return `${label}${condition.type}${state}${reason}${message}`;
}

/**
 * Interprets the conditions of one object (or of one listener or route parent). Conditions
 * older than `generation` mean the controller has not seen the latest spec: the status is then
 * `pending` with the stale-generation hint. Condition types the domain does not know are
 * ignored; NGINX Gateway Fabric's `<Kind>Affected` informs only: a healthy summary names the
 * policy kinds it reports applied.
 *
 * @public
 */
export function interpretConditions(
  subject: HintSubject,
  conditions: Condition[] | undefined,
  generation?: number,
  label = '',
): StatusSummary {
  const known = (conditions ?? []).flatMap(condition => {
    const level = levelOf(condition);
    return level ? [{ condition, level }] : [];
  });
  if (known.length === 0) {
    return { status: 'unknown', summary: `${label}No status reported yet.` };
  }
  const stale = known.find(
    ({ condition }) =>
      generation !== undefined &&
      condition.observedGeneration !== undefined &&
      condition.observedGeneration < generation,
  );
  const statuses = known.map(({ condition, level }) => ({
    status: level,
    summary: summaryLine(label, condition),
    type: condition.type,
    reason: condition.reason,
    hint:
      level === 'ok'
        ? undefined
        : hintForCondition(subject, condition.type, condition.reason),
  }));
  const worst = worstStatus(statuses);
  if (stale && SEVERITY[worst.status] < SEVERITY.pending) {
    return {
      status: 'pending',
      summary: `${label}The controller has not processed the latest change yet (observedGeneration ${stale.condition.observedGeneration}, generation ${generation}).`,
      hint: hintForMistake('staleObservedGeneration'),
    };
  }
  if (worst.status === 'ok') {
    const affecting = (conditions ?? []).flatMap(
      condition => policyAffected(condition) ?? [],
    );
    return {
      status: 'ok',
      // A negative condition (Conflicted) that is healthy reads as its absence.
      summary: `${label}${known
        .map(k =>
          (k.condition.type ?? '') in NEGATIVE_TYPES
            ? `not ${k.condition.type}`
            : k.condition.type,
        )
        .join(', ')}${
        affecting.length ? `; policies applied: ${affecting.join(', ')}` : ''
      }.`,
    };
  }
  return worst;
}

function parentLabel(parent: RouteParentStatus): string {
  const ref = parent.parentRef;
  const section = ref?.sectionName ? `/${ref.sectionName}` : '';
  return `${ref?.namespace ? `${ref.namespace}/` : ''}${
    ref?.name ?? ''
  }${section}: `;
}

/**
 * Interprets the status a controller wrote for one parentRef of a route.
 *
 * @public
 */
export function interpretRouteParentStatus(
  parent: RouteParentStatus,
  generation?: number,
): StatusSummary {
  return interpretConditions(
    'Route',
    parent.conditions,
    generation,
    parentLabel(parent),
  );
}

/**
 * Interprets a route's status across all its parents: the worst parent decides. A route no
 * controller has reported on is `unknown`.
 *
 * @public
 */
export function interpretRouteStatus(route: Route): StatusSummary {
  const parents = route.status?.parents ?? [];
  if (parents.length === 0) {
    return {
      status: 'unknown',
      summary: 'No controller has reported on this route yet.',
      hint: {
        meaning: 'No Gateway controller has written a status for this route.',
        fix: "Check that each parentRef names an existing Gateway (with its namespace) whose GatewayClass's controller is running.",
      },
    };
  }
  return worstStatus(
    parents.map(parent =>
      interpretRouteParentStatus(parent, route.metadata?.generation),
    ),
  );
}

/**
 * Interprets a Gateway's own conditions and every listener's conditions: the worst decides.
 *
 * @public
 */
export function interpretGatewayStatus(gateway: Gateway): StatusSummary {
  const generation = gateway.metadata?.generation;
  const own = interpretConditions(
    'Gateway',
    gateway.status?.conditions,
    generation,
  );
  const listeners = (gateway.status?.listeners ?? []).map(listener =>
    interpretConditions(
      'Listener',
      listener.conditions,
      generation,
      `Listener "${listener.name}": `,
    ),
  );
  return worstStatus([own, ...listeners]);
}

/**
 * Interprets a ListenerSet's own conditions (Accepted, Programmed). Its listeners are judged
 * one by one: another hostname's broken listener is not this hostname's problem.
 *
 * @public
 */
export function interpretListenerSetStatus(
  listenerSet: ListenerSet,
): StatusSummary {
  return interpretConditions(
    'ListenerSet',
    listenerSet.status?.conditions,
    listenerSet.metadata?.generation,
  );
}

/**
 * Interprets the attachment analysis's prediction for one listener: its Accepted,
 * ResolvedRefs, Conflicted and Programmed conditions as a controller would write them, so the
 * listener reads the same before a controller reports as after.
 *
 * @public
 */
export function interpretListenerPrediction(
  prediction: ListenerPrediction,
): StatusSummary {
  return interpretConditions(
    'Listener',
    [
      prediction.accepted,
      prediction.resolvedRefs,
      prediction.conflicted,
      prediction.programmed,
    ],
    undefined,
    `Listener "${prediction.listenerName}": `,
  );
}

/**
 * Interprets the attachment analysis's prediction for a ListenerSet: its predicted Accepted
 * condition, with the recognised mistake's hint (not admitted, parent Gateway missing,
 * listener conflict) in place of the generic one.
 *
 * @public
 */
export function interpretListenerSetPrediction(
  prediction: ListenerSetPrediction,
): StatusSummary {
  const summary = interpretConditions(
    'ListenerSet',
    [prediction.accepted],
    undefined,
    `ListenerSet "${prediction.namespace}/${prediction.name}": `,
  );
  const [mistake] = prediction.mistakes;
  return mistake && summary.status !== 'ok'
    ? { ...summary, hint: hintForMistake(mistake) }
    : summary;
}

/**
 * Interprets a GatewayClass's conditions.
 *
 * @public
 */
export function interpretGatewayClassStatus(
  gatewayClass: GatewayClass,
): StatusSummary {
  return interpretConditions(
    'GatewayClass',
    gatewayClass.status?.conditions,
    gatewayClass.metadata?.generation,
  );
}

// A recognised mistake explains a reason better than the reason's generic hint; the first
// one the analysis recognised wins.
const MISTAKES_FOR_REASON: Record<string, CommonMistake[]> = {
  NoMatchingParent: [
    'parentRefWithoutNamespace',
    'sectionNameInListenerSet',
    'listenerSetParentNotFound',
    'listenerSetNotAllowed',
    'listenerConflict',
  ],
  NotAllowedByListeners: ['namespaceNotAllowedByListener'],
  RefNotPermitted: ['missingReferenceGrant'],
};

/**
 * Interprets the attachment analysis's prediction for one parentRef. A recognised common
 * mistake replaces the generic hint; an accepted route whose hostname has no certificate on the
 * listener is a `warning`.
 *
 * @public
 */
export function interpretParentAttachment(
  attachment: ParentAttachment,
): StatusSummary {
  const ref = attachment.parentRef;
  const label = `${ref.namespace}/${ref.name}${
    ref.sectionName ? `/${ref.sectionName}` : ''
  }: `;
  const summary = interpretConditions(
    'Route',
    [attachment.accepted, attachment.resolvedRefs],
    undefined,
    label,
  );
  const mistake = (MISTAKES_FOR_REASON[summary.reason ?? ''] ?? []).find(m =>
    attachment.mistakes.includes(m),
  );
  if (mistake) {
    return { ...summary, hint: hintForMistake(mistake) };
  }
  if (
    summary.status === 'ok' &&
    attachment.mistakes.includes('listenerConflict')
  ) {
    return {
      status: 'error',
      summary: `${label}Accepted, but the ListenerSet listener it attaches to is Conflicted with an older listener of the Gateway, so no traffic reaches the route through it.`,
      type: 'Conflicted',
      reason: 'ListenerConflict',
      hint: hintForMistake('listenerConflict'),
    };
  }
  if (
    summary.status === 'ok' &&
    attachment.mistakes.includes('noCertificateForHostname')
  ) {
    return {
      status: 'warning',
      summary: `${label}Accepted, but the HTTPS listener has no certificate for one of the route's hostnames.`,
      hint: hintForMistake('noCertificateForHostname'),
    };
  }
  return summary;
}
