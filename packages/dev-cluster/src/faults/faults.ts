import { StatusError, internalError, tooManyRequests } from '../api/status';

export interface VerbFault {
  /** Probability in [0, 1] that a request with this verb fails. */
  rate: number;
  /** 500 (InternalError) or 429 (TooManyRequests with Retry-After). */
  code: 500 | 429;
  retryAfterSeconds?: number;
}

export interface FaultOptions {
  /** Added to every API request before it is served. */
  latencyMs?: number;
  /** Failure rates by verb: get, list, watch, create, update, patch, delete. */
  errors?: Record<string, VerbFault>;
  /** Watch streams end (without a final event) after this long. */
  dropWatchesAfterMs?: number;
  /** The next watch request gets an ERROR event with 410 Gone, then this resets. */
  goneOnNextWatch?: boolean;
}

/** Holds the active faults; the server consults it on each request. */
export class Faults {
  private current: FaultOptions = {};

  constructor(
    initial: FaultOptions = {},
    private readonly random = Math.random,
  ) {
    this.set(initial);
  }

  set(faults: FaultOptions): void {
    this.current = { ...faults };
  }

  get options(): FaultOptions {
    return this.current;
  }

  async delay(): Promise<void> {
    const ms = this.current.latencyMs ?? 0;
    if (ms > 0) await new Promise(resolve => setTimeout(resolve, ms));
  }

  /** The injected failure for this verb, if the dice say so. */
  failureFor(verb: string): StatusError | undefined {
    const fault = this.current.errors?.[verb];
    if (!fault || this.random() >= fault.rate) return undefined;
    return fault.code === 429
      ? tooManyRequests(fault.retryAfterSeconds ?? 1)
      : internalError(`injected fault for ${verb}`);
  }

  /** True once after goneOnNextWatch was set. */
  takeGone(): boolean {
    if (!this.current.goneOnNextWatch) return false;
    this.current = { ...this.current, goneOnNextWatch: false };
    return true;
  }
}
