import {
  ChallengeProgress,
  Exposure,
  Hint,
  StatusLevel,
  StatusSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { TLS_STATES } from '../components/status';
import { listenerHealth, listenerSetHealth } from './statusWords';

/** One thing wrong (or not yet done) with an exposure, where it is, and what to do. */
export interface ExposureProblem {
  /** The object it is about, in the Gateway API's words: "parentRef ns/name/section". */
  subject: string;
  status: StatusLevel;
  summary: string;
  hints: Hint[];
  /** ACME challenge progress, for a Certificate that is not Ready. */
  challenges?: ChallengeProgress[];
  orderState?: string;
  orderReason?: string;
}

const notOk = (s: StatusSummary | undefined): s is StatusSummary =>
  s !== undefined && s.status !== 'ok';

function fromStatus(
  subject: string,
  status: StatusSummary,
  hint = status.hint,
): ExposureProblem {
  return {
    subject,
    status: status.status,
    summary: status.summary,
    hints: hint ? [hint] : [],
  };
}

function parentProblems(exposure: Exposure): ExposureProblem[] {
  const { route } = exposure;
  if (route.parents.length === 0) {
    return notOk(route.status)
      ? [
          fromStatus(
            `${route.kind} ${route.namespace}/${route.name}`,
            route.status,
          ),
        ]
      : [];
  }
  return route.parents.flatMap(parent => {
    const { namespace, name } = parent.listenerSet ?? parent.gateway;
    const subject = `parentRef ${
      parent.listenerSet ? 'ListenerSet ' : ''
    }${namespace}/${name}${parent.sectionName ? `/${parent.sectionName}` : ''}${
      parent.port ? `:${parent.port}` : ''
    }`;
    // The analysis names the mistake behind the controller's reason, so its hint goes first.
    if (notOk(parent.status)) {
      return [
        fromStatus(
          subject,
          parent.status,
          parent.predicted?.hint ?? parent.status.hint,
        ),
      ];
    }
    return notOk(parent.predicted)
      ? [fromStatus(subject, parent.predicted)]
      : [];
  });
}

function gatewayProblems(exposure: Exposure): ExposureProblem[] {
  return exposure.gateways.flatMap(gateway => {
    const subject = `Gateway ${gateway.namespace}/${gateway.name}`;
    const listener = gateway.listener;
    const listenerSet = gateway.listenerSet;
    const setSubject =
      listenerSet && `ListenerSet ${listenerSet.namespace}/${listenerSet.name}`;
    const setStatus = listenerSet && listenerSetHealth(listenerSet);
    // The controller's verdict on the listener; the analysis stands in until one reports.
    const listenerStatus = listener && listenerHealth(listener);
    return [
      ...(notOk(gateway.status) ? [fromStatus(subject, gateway.status)] : []),
      // The controller's verdict on the ListenerSet (the analysis stands in until one
      // reports), with the analysis's hint for the mistake behind it.
      ...(listenerSet && notOk(setStatus)
        ? [
            fromStatus(
              setSubject!,
              setStatus,
              listenerSet.predicted?.hint ?? setStatus.hint,
            ),
          ]
        : []),
      ...(gateway.ignoredPolicies ?? []).map(policy =>
        fromStatus(`${subject} policies`, policy),
      ),
      // What the analysis finds in the Gateway's own configuration (client IP, listeners).
      ...(gateway.mistakes ?? [])
        .filter(notOk)
        .map(found => fromStatus(subject, found)),
      // The Gateway's own summary already covers its worst listener; say it once.
      ...(listener &&
      notOk(listenerStatus) &&
      listenerStatus.summary !== gateway.status.summary
        ? [
            fromStatus(
              `${setSubject ?? subject} listener ${listener.name}`,
              listenerStatus,
            ),
          ]
        : []),
    ];
  });
}

/**
 * Policies that apply to the hostname but the controller rejected (or another of their kind
 * holds the target), and policies of the route's namespace that attach to nothing.
 */
function policyProblems(exposure: Exposure): ExposureProblem[] {
  return [
    ...(exposure.policies ?? [])
      .filter(
        policy => notOk(policy.status) && policy.status.status !== 'unknown',
      )
      .map(policy =>
        fromStatus(
          `${policy.kind} ${policy.namespace}/${policy.name}`,
          policy.status,
        ),
      ),
    ...(exposure.unattachedPolicies ?? [])
      .filter(notOk)
      .map(found =>
        fromStatus(`Policies in ${exposure.route.namespace}`, found),
      ),
  ];
}

function tlsProblems(exposure: Exposure): ExposureProblem[] {
  const { tls } = exposure;
  // A Ready certificate with hints is one whose renewal is failing.
  if (!tls || (tls.state === 'ready' && tls.hints.length === 0)) return [];
  return [
    {
      subject: `Certificate for ${exposure.hostname}`,
      status: tls.state === 'ready' ? 'warning' : TLS_STATES[tls.state].status,
      summary: tls.summary,
      hints: tls.hints,
      challenges: tls.acme?.challenges,
      orderState: tls.acme?.orderState,
      orderReason: tls.acme?.orderReason,
    },
  ];
}

/**
 * Everything that keeps an exposure from working, with its hint: a hostname outside its
 * tenant's domains, each parentRef (the controller's verdict, explained by the attachment
 * analysis), each Gateway with the policies it ignores, the mistakes of its configuration and its
 * listener, the policies the controller rejected or that attach to nothing, and the
 * Certificate with its ACME progress.
 */
export function exposureProblems(exposure: Exposure): ExposureProblem[] {
  const problems = [
    // A hostname taken from another tenant matters before whether it works.
    ...(notOk(exposure.tenancy)
      ? [fromStatus(`Tenancy of ${exposure.hostname}`, exposure.tenancy)]
      : []),
    ...parentProblems(exposure),
    ...gatewayProblems(exposure),
    ...policyProblems(exposure),
    ...tlsProblems(exposure),
  ];
  if (problems.length === 0 && notOk(exposure.status)) {
    return [fromStatus(exposure.hostname, exposure.status)];
  }
  return problems;
}
