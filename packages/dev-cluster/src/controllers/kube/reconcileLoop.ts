const ERROR_RETRY_MIN_MS = 100;

/** Node timers overflow above 2^31-1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `reconcile` after changes settle: triggers within `debounceMs` of each
 * other cause one run, and runs never overlap. Runs start at least
 * `minIntervalMs` apart, which paces step-by-step simulations even though
 * each step's own write triggers the next run. `reconcile` may ask to run
 * again after a delay.
 */
export class ReconcileLoop {
  private timer?: NodeJS.Timeout;
  private dueAt = Infinity;
  private running?: Promise<void>;
  private stopped = false;
  private lastStart = -Infinity;

  constructor(
    private readonly reconcile: () => Promise<number | undefined>,
    private readonly debounceMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly minIntervalMs = 0,
  ) {}

  trigger(): void {
    this.schedule(this.debounceMs);
  }

  /** Resolves once no run is in progress; later triggers are ignored. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const now = Date.now();
    const at = Math.max(
      now + Math.max(delayMs, 0),
      this.lastStart + this.minIntervalMs,
    );
    if (at >= this.dueAt) return;
    const delay = Math.min(at - now, MAX_TIMER_MS);
    clearTimeout(this.timer);
    this.dueAt = now + delay;
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.dueAt = Infinity;
    if (this.running) {
      // Run again once the current run is done, to see the latest changes.
      this.running.then(() => this.trigger());
      return;
    }
    this.lastStart = Date.now();
    this.running = this.reconcile()
      .then(
        requeueAfterMs => {
          if (requeueAfterMs !== undefined) this.schedule(requeueAfterMs);
        },
        error => {
          this.onError(error);
          this.schedule(Math.max(this.debounceMs * 10, ERROR_RETRY_MIN_MS));
        },
      )
      .finally(() => {
        this.running = undefined;
      });
  }
}
