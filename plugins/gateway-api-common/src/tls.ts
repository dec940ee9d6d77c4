/**
 * TLS summary: the state of a hostname's cert-manager Certificate at a given time, with the
 * ACME progress and a hint for each failure found along the issuance chain
 * (Certificate -> CertificateRequest -> Order -> Challenges, and the issuer).
 */
import { StatusLevel } from './conditions';
import { CommonMistake, Hint, hintForCondition, hintForMistake } from './hints';
import {
  Certificate,
  CertificateRequest,
  Challenge,
  Condition,
  Issuer,
  Order,
} from './types';

/**
 * The TLS state of a hostname.
 *
 * @public
 */
export type TlsState =
  | 'ready'
  | 'expiring'
  | 'expired'
  | 'issuing'
  | 'failed'
  | 'missing';

/**
 * What {@link summariseTls} reads. Only the Certificate is needed; the rest refines the answer.
 *
 * @public
 */
export interface TlsSummaryInput {
  certificate?: Certificate;
  /** The latest CertificateRequest of the Certificate. */
  certificateRequest?: CertificateRequest;
  /** The ACME Order of that CertificateRequest. */
  order?: Order;
  /** The ACME Challenges of that Order. */
  challenges?: Challenge[];
  /** The Issuers and ClusterIssuers known; when given, a missing issuer is reported. */
  issuers?: Issuer[];
  /** Whether the Certificate's Secret exists, when known. */
  secretExists?: boolean;
  /** The time to judge expiry against. */
  now: Date | string | number;
  /** A Ready certificate is `expiring` under this many days to notAfter; 14 when not given. */
  expiringWithinDays?: number;
}

/**
 * The progress of one ACME Challenge.
 *
 * @public
 */
export interface ChallengeProgress {
  type: string;
  dnsName: string;
  state: string;
  reason?: string;
}

/**
 * The TLS summary of a Certificate.
 *
 * @public
 */
export interface TlsSummary {
  state: TlsState;
  /** One line for a person. */
  summary: string;
  issuer?: { name: string; kind: string; ready?: boolean };
  dnsNames: string[];
  notBefore?: string;
  notAfter?: string;
  renewalTime?: string;
  /** Whole days from `now` to notAfter (negative once expired). */
  daysLeft?: number;
  acme?: {
    orderState?: string;
    orderReason?: string;
    challenges: ChallengeProgress[];
  };
  /** One hint per problem found, the most important first. */
  hints: Hint[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How bad each TLS state is, for every view. No Certificate for a terminated hostname is an
 * error: its listener has nothing to serve.
 *
 * @public
 */
export const TLS_STATE_LEVEL: Record<TlsState, StatusLevel> = {
  ready: 'ok',
  expiring: 'warning',
  issuing: 'pending',
  expired: 'error',
  failed: 'error',
  missing: 'error',
};

/**
 * Whether a certificate's notAfter falls within `days` of `now`; an expired certificate does,
 * a hostname without a certificate does not. The one rule behind the Hostnames page's filter,
 * its query parameter and the expiry notifications.
 *
 * @public
 */
export function certificateExpiresWithin(
  tls: Pick<TlsSummary, 'notAfter'> | undefined,
  days: number,
  now: Date | number,
): boolean {
  if (!tls?.notAfter) return false;
  const notAfter = Date.parse(tls.notAfter);
  return (
    !Number.isNaN(notAfter) &&
    notAfter - new Date(now).getTime() <= days * DAY_MS
  );
}
/** notAfter and now as {@link summariseTls} reads them, or undefined when it has no expiry. */
function expiryClock(input: TlsSummaryInput) {
  const notAfterText = input.certificate?.status?.notAfter;
  const notAfter = notAfterText ? Date.parse(notAfterText) : NaN;
  const now = new Date(input.now).getTime();
  if (Number.isNaN(notAfter) || Number.isNaN(now)) return undefined;
  return { notAfter, now };
}

/**
 * The first instant after `input.now` (in whole milliseconds, as Date keeps time) at which
 * {@link summariseTls} of the same input may give another state: when the certificate starts
 * `expiring` (less than `expiringWithinDays` left), and when it is `expired`. Infinity when the
 * clock cannot change it (no Certificate, or no readable notAfter).
 *
 * @public
 */
export function tlsStateChangesAt(input: TlsSummaryInput): number {
  const clock = expiryClock(input);
  if (!clock) return Number.POSITIVE_INFINITY;
  const { notAfter, now } = clock;
  // `expiring` from the first millisecond with less than the window left; `expired` at notAfter.
  const window = (input.expiringWithinDays ?? 14) * DAY_MS;
  const expiring = Math.floor(notAfter - window) + 1;
  return Math.min(
    ...[expiring, notAfter].filter(at => at > now),
    Number.POSITIVE_INFINITY,
  );
}

/**
 * The first instant after `input.now` at which any part of {@link summariseTls}'s answer for
 * the same input may change: its state ({@link tlsStateChangesAt}), or its whole days left,
 * which drop by one each day at the time of day of notAfter. Infinity when the clock cannot
 * change it.
 *
 * @public
 */
export function tlsSummaryChangesAt(input: TlsSummaryInput): number {
  const clock = expiryClock(input);
  if (!clock) return Number.POSITIVE_INFINITY;
  const { notAfter, now } = clock;
  // daysLeft = floor((notAfter - now) / DAY_MS) holds while notAfter - now >= daysLeft days.
  const daysLeft = Math.floor((notAfter - now) / DAY_MS);
  return Math.min(tlsStateChangesAt(input), notAfter - daysLeft * DAY_MS + 1);
}

const CERT_MANAGER_GROUP = 'cert-manager.io';
const FAILED_ACME_STATES = ['invalid', 'errored', 'expired'];

function findCondition(
  conditions: Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find(c => c.type === type);
}

function isTrue(conditions: Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

function lookupIssuer(certificate: Certificate, issuers: Issuer[] | undefined) {
  const ref = certificate.spec?.issuerRef;
  if (!ref?.name) return undefined;
  const kind = ref.kind ?? 'Issuer';
  const external = (ref.group ?? CERT_MANAGER_GROUP) !== CERT_MANAGER_GROUP;
  const found = issuers?.find(
    i =>
      i.kind === kind &&
      i.metadata?.name === ref.name &&
      (kind === 'ClusterIssuer' ||
        i.metadata?.namespace === certificate.metadata?.namespace),
  );
  // Issuers of external groups (say, a cloud CA) are not in the list: nothing to judge.
  const missing = !external && issuers !== undefined && !found;
  const ready = found ? isTrue(found.status?.conditions, 'Ready') : undefined;
  return { name: ref.name, kind, ready, missing };
}

function challengeMistake(challenge: Challenge): CommonMistake | undefined {
  const state = challenge.status?.state ?? 'pending';
  const reason = challenge.status?.reason ?? '';
  const failing = FAILED_ACME_STATES.includes(state) || reason !== '';
  if (!failing || state === 'valid') return undefined;
  if (/dns-01/i.test(challenge.spec?.type ?? ''))
    return 'dns01ChallengeFailing';
  if (
    /no such host|NXDOMAIN|SERVFAIL|DNS problem|no valid A|no IP addresses/i.test(
      reason,
    )
  ) {
    return 'dnsNotPointingAtGateway';
  }
  return 'http01ChallengeUnreachable';
}

type ChallengeFinding = ChallengeProgress & { mistake?: CommonMistake };

/**
 * Walks the issuance chain and sorts what it finds: failures stop a certificate from being
 * issued, warnings need attention but do not.
 */
function findProblems(
  input: TlsSummaryInput,
  issuer: ReturnType<typeof lookupIssuer>,
  challenges: ChallengeFinding[],
): { failures: Hint[]; warnings: Hint[] } {
  const failures: Hint[] = [];
  const warnings: Hint[] = [];
  if (issuer?.missing) failures.push(hintForMistake('issuerNotFound'));
  if (issuer?.ready === false) failures.push(hintForMistake('issuerNotReady'));
  const issuing = findCondition(
    input.certificate?.status?.conditions,
    'Issuing',
  );
  if (issuing?.status === 'False' && issuing.reason === 'Failed') {
    failures.push(hintForCondition('Certificate', 'Issuing', 'Failed')!);
  }
  const requestConditions = input.certificateRequest?.status?.conditions;
  const requestReady = findCondition(requestConditions, 'Ready');
  if (
    requestReady?.status === 'False' &&
    ['Failed', 'Denied'].includes(requestReady.reason ?? '')
  ) {
    failures.push(
      hintForCondition('CertificateRequest', 'Ready', requestReady.reason)!,
    );
  }
  if (isTrue(requestConditions, 'InvalidRequest')) {
    failures.push(
      hintForCondition(
        'CertificateRequest',
        'InvalidRequest',
        'InvalidRequest',
      )!,
    );
  }
  for (const mistake of new Set(challenges.flatMap(c => c.mistake ?? []))) {
    const failed = challenges.some(
      c => c.mistake === mistake && FAILED_ACME_STATES.includes(c.state),
    );
    (failed ? failures : warnings).push(hintForMistake(mistake));
  }
  const orderState = input.order?.status?.state;
  // A failed Order whose Challenges explain nothing was refused by the ACME server itself.
  if (
    orderState !== undefined &&
    FAILED_ACME_STATES.includes(orderState) &&
    !challenges.some(c => c.mistake)
  ) {
    failures.push(hintForMistake('acmeRejected'));
  }
  if (input.secretExists === false)
    warnings.push(hintForMistake('secretMissing'));
  return { failures, warnings };
}

/**
 * Summarises the TLS state of a Certificate at `now`: `missing` without a Certificate;
 * `expired` once notAfter has passed; `issuing` while a certificate is on its way (or its
 * Secret is gone); `failed` when it is not Ready and the issuer is missing or not Ready, or the
 * CertificateRequest, Order or a Challenge failed; `expiring` when Ready with less than
 * `expiringWithinDays` left; `ready` otherwise. A Ready certificate keeps serving while its
 * renewal fails, so such failures add hints without changing the state. Each problem found
 * adds a hint (issuer missing or not Ready, Secret missing, HTTP-01 challenge unreachable, DNS
 * not pointing at the Gateway, DNS-01 failing, ACME rejection, expiry), the most urgent first.
 *
 * @public
 */
export function summariseTls(input: TlsSummaryInput): TlsSummary {
  const { certificate } = input;
  if (!certificate) {
    return {
      state: 'missing',
      summary: 'No Certificate exists for this hostname.',
      dnsNames: [],
      hints: [hintForMistake('noCertificateForHostname')],
    };
  }
  const now = new Date(input.now).getTime();
  const status = certificate.status ?? {};
  const notAfter = status.notAfter ? Date.parse(status.notAfter) : NaN;
  // An unreadable notAfter or now leaves the expiry unknown rather than wrong.
  const daysLeft =
    Number.isNaN(notAfter) || Number.isNaN(now)
      ? undefined
      : Math.floor((notAfter - now) / DAY_MS);
  const issuer = lookupIssuer(certificate, input.issuers);
  const challenges: ChallengeFinding[] = (input.challenges ?? []).map(
    challenge => ({
      type: challenge.spec?.type ?? '',
      dnsName: challenge.spec?.dnsName ?? '',
      state: challenge.status?.state ?? 'pending',
      ...(challenge.status?.reason && { reason: challenge.status.reason }),
      mistake: challengeMistake(challenge),
    }),
  );
  const { failures, warnings } = findProblems(input, issuer, challenges);
  const ready = isTrue(status.conditions, 'Ready');
  // The day alone: the time of day is noise in a one-line summary.
  const notAfterDay = status.notAfter?.slice(0, 10);

  let state: TlsState;
  let summary: string;
  if (daysLeft !== undefined && notAfter <= now) {
    state = 'expired';
    summary = `Certificate expired on ${notAfterDay}.`;
    failures.unshift(hintForMistake('certificateExpired'));
  } else if (!ready && failures.length > 0) {
    state = 'failed';
    const message = findCondition(status.conditions, 'Ready')?.message?.replace(
      /\.?$/,
      '.',
    );
    summary = `Certificate issuance failed${message ? `: ${message}` : '.'}`;
  } else if (!ready || input.secretExists === false) {
    state = 'issuing';
    const valid = challenges.filter(c => c.state === 'valid').length;
    summary = `Certificate is being issued${
      challenges.length > 0
        ? ` (${valid} of ${challenges.length} ACME challenges valid)`
        : ''
    }.`;
  } else if (
    daysLeft !== undefined &&
    notAfter - now < (input.expiringWithinDays ?? 14) * DAY_MS
  ) {
    state = 'expiring';
    summary = `Certificate expires in ${daysLeft} days, on ${notAfterDay}.`;
    failures.unshift(hintForMistake('certificateExpiring'));
  } else {
    state = 'ready';
    const until =
      daysLeft === undefined
        ? ''
        : ` until ${notAfterDay} (${daysLeft} days left)`;
    const renewal = status.renewalTime
      ? `, renewal on ${status.renewalTime.slice(0, 10)}`
      : '';
    summary = `Certificate is Ready${until}${renewal}.`;
  }

  return {
    state,
    summary,
    ...(issuer && {
      issuer: { name: issuer.name, kind: issuer.kind, ready: issuer.ready },
    }),
    dnsNames: certificate.spec?.dnsNames ?? [],
    ...(status.notBefore && { notBefore: status.notBefore }),
    ...(status.notAfter && { notAfter: status.notAfter }),
    ...(status.renewalTime && { renewalTime: status.renewalTime }),
    ...(daysLeft !== undefined && { daysLeft }),
    ...((input.order || challenges.length > 0) && {
      acme: {
        orderState: input.order?.status?.state,
        orderReason: input.order?.status?.reason,
        challenges: challenges.map(({ mistake, ...progress }) => progress),
      },
    }),
    hints: [...failures, ...warnings],
  };
}
