import {
  Exposure,
  summariseTls,
  TlsSummary,
  TlsSummaryInput,
  tlsStateChangesAt,
  tlsSummaryChangesAt,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { routeExposureStatus } from './routeExposureStatus';

/** The instants (ms) between which a TLS summary holds as computed. */
export interface TlsClock {
  /** When it was computed. */
  from: number;
  /** The first instant any part of it may differ (the days left drop by one each day). */
  until: number;
  /** The first instant its state, so its hostname's facets and status, may differ. */
  stateUntil: number;
}

/**
 * What each summary that the clock can change was computed from. Keyed by the summary object,
 * which every copy of its exposure shares: an exposure is the API's type and carries no
 * Certificate to compute it again from.
 */
const inputs = new WeakMap<
  TlsSummary,
  { input: TlsSummaryInput; clock: TlsClock }
>();

/**
 * `summariseTls`, keeping what the summary was computed from, so that an exposure holding it
 * can be given at another time without computing the cluster's exposures again.
 */
export function summariseTlsOnClock(input: TlsSummaryInput): TlsSummary {
  const summary = summariseTls(input);
  const until = tlsSummaryChangesAt(input);
  if (until !== Number.POSITIVE_INFINITY) {
    inputs.set(summary, {
      input,
      clock: {
        from: new Date(input.now).getTime(),
        until,
        stateUntil: tlsStateChangesAt(input),
      },
    });
  }
  return summary;
}

/** When the exposure's TLS summary holds; undefined when the clock cannot change it. */
export function exposureClock(exposure: Exposure): TlsClock | undefined {
  return exposure.tls && inputs.get(exposure.tls)?.clock;
}

/** Whether `exposure` is what it would be if computed at `now` (ms). */
export function exposureHoldsAt(exposure: Exposure, now: number): boolean {
  const clock = exposureClock(exposure);
  return !clock || (clock.from <= now && now < clock.until);
}

/**
 * `exposure` at `now` (ms): its TLS summarised from the same objects at that time and, for a
 * hostname a route serves, its status with it (an Ingress's TLS is shown, not counted in its
 * status). The same object when it holds at `now`.
 */
export function exposureAt(exposure: Exposure, now: number): Exposure {
  if (exposureHoldsAt(exposure, now)) return exposure;
  const { input } = inputs.get(exposure.tls!)!;
  const retimed = { ...exposure, tls: summariseTlsOnClock({ ...input, now }) };
  return exposure.source === 'Ingress'
    ? retimed
    : { ...retimed, status: routeExposureStatus(retimed) };
}
