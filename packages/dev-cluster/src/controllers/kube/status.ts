import { Condition, ConditionStatus } from './types';

/** Builds a condition; `lastTransitionTime` is carried over by the writer. */
export function condition(
  type: string,
  status: ConditionStatus | boolean,
  reason: string,
  message: string,
  observedGeneration?: number,
): Condition {
  return {
    type,
    status: typeof status === 'boolean' ? conditionStatus(status) : status,
    reason,
    message,
    lastTransitionTime: '',
    ...(observedGeneration === undefined ? {} : { observedGeneration }),
  };
}

/** A verdict of one condition type, as the controllers compute it. */
export interface Verdict {
  status: ConditionStatus | boolean;
  reason: string;
  message: string;
}

/** The Accepted and Programmed conditions that Gateways and ListenerSets both report. */
export function acceptedAndProgrammed(
  accepted: Verdict,
  programmed: Verdict,
  observedGeneration?: number,
): Condition[] {
  return [
    condition(
      'Accepted',
      accepted.status,
      accepted.reason,
      accepted.message,
      observedGeneration,
    ),
    condition(
      'Programmed',
      programmed.status,
      programmed.reason,
      programmed.message,
      observedGeneration,
    ),
  ];
}

function conditionStatus(value: boolean): ConditionStatus {
  return value ? 'True' : 'False';
}

/**
 * Returns `desired` with every condition's lastTransitionTime taken from the
 * matching condition in `current` when its status did not change, or `now`.
 * Conditions are found in any `conditions` array; list items are matched by
 * `name` (listeners), `parentRef` + `controllerName` (route parents) or index.
 */
export function withTransitionTimes<T>(
  desired: T,
  current: unknown,
  now: string,
): T {
  return carry(desired, current, now, false) as T;
}

function carry(
  desired: any,
  current: any,
  now: string,
  isConditions: boolean,
): any {
  if (Array.isArray(desired)) {
    const currentItems: any[] = Array.isArray(current) ? current : [];
    return desired.map((item, index) => {
      if (isConditions) {
        const previous = currentItems.find(c => c?.type === item.type);
        return {
          ...item,
          lastTransitionTime:
            previous &&
            previous.status === item.status &&
            previous.lastTransitionTime
              ? previous.lastTransitionTime
              : now,
        };
      }
      return carry(item, findMatch(item, currentItems, index), now, false);
    });
  }
  if (desired && typeof desired === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(desired)) {
      result[key] = carry(value, current?.[key], now, key === 'conditions');
    }
    return result;
  }
  return desired;
}

function findMatch(item: any, candidates: any[], index: number): unknown {
  if (item && typeof item === 'object') {
    if ('name' in item) return candidates.find(c => c?.name === item.name);
    if ('parentRef' in item) {
      return candidates.find(
        c =>
          c?.controllerName === item.controllerName &&
          sameJson(c?.parentRef, item.parentRef),
      );
    }
  }
  return candidates[index];
}

/** Compares two statuses, ignoring lastTransitionTime. */
export function sameStatus(a: unknown, b: unknown): boolean {
  return sameJson(stripTransitionTimes(a), stripTransitionTimes(b));
}

function stripTransitionTimes(value: any): any {
  if (Array.isArray(value)) return value.map(stripTransitionTimes);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key !== 'lastTransitionTime' && value[key] !== undefined) {
        result[key] = stripTransitionTimes(value[key]);
      }
    }
    return result;
  }
  return value;
}

/** Deep equality of JSON values, ignoring key order and undefined values. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: any): any {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) result[key] = canonical(value[key]);
    }
    return result;
  }
  return value;
}

/**
 * A JSON merge patch turning `current` into `desired`: keys that are no
 * longer desired are set to null so the server removes them, in nested
 * objects too (`{ loadBalancer: {} }` alone would keep the old
 * `loadBalancer.ingress`). Arrays are replaced whole, as merge patch does.
 */
export function statusPatch(
  current: Record<string, unknown> | undefined,
  desired: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...desired };
  for (const [key, value] of Object.entries(current ?? {})) {
    if (!(key in desired)) {
      patch[key] = null;
    } else if (isPlainObject(value) && isPlainObject(desired[key])) {
      patch[key] = statusPatch(value, desired[key]);
    }
  }
  return patch;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
