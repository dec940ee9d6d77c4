import { Action } from './actions';
import { ApiError, KubeClient } from './client';
import { Informer } from './informer';
import { ReconcileLoop } from './reconcileLoop';
import { ResourceName, resources } from './resources';
import { sameStatus, statusPatch, withTransitionTimes } from './status';
import { KubeObject, formatTime } from './types';

export interface ControllerLogger {
  warn(message: string): void;
}

export interface RuntimeOptions {
  debounceMs: number;
  retryDelayMs: number;
  logger: ControllerLogger;
  /** Least time between the starts of two reconciles. */
  minIntervalMs?: number;
}

export type Snapshot<R extends ResourceName> = Record<R, KubeObject[]>;

/**
 * Glue between the API and a pure reconcile function: informers for the
 * resources it reads, a debounced loop that runs it, and the writes it asks
 * for. `reconcile` returns the actions and, optionally, when to run again.
 */
export class ControllerRuntime<R extends ResourceName> {
  private readonly informers: Map<ResourceName, Informer>;
  private readonly loop: ReconcileLoop;
  private reported = new Set<string>();

  constructor(
    private readonly client: KubeClient,
    names: R[],
    private readonly options: RuntimeOptions,
    reconcile: (
      snapshot: Snapshot<R>,
      /** Whether the server serves a resource (an unserved one lists as empty). */
      served: (name: R) => boolean,
    ) => {
      actions: Action[];
      /** Objects that could not be reconciled; each is reported once. */
      failures: string[];
      requeueAfterMs?: (written: number) => number | undefined;
    },
  ) {
    this.loop = new ReconcileLoop(
      async () => {
        if (![...this.informers.values()].every(i => i.hasSynced))
          return undefined;
        const { actions, failures, requeueAfterMs } = reconcile(
          this.snapshot(),
          name => this.informers.get(name)?.served ?? false,
        );
        this.report(failures);
        const written = await this.apply(actions);
        return requeueAfterMs?.(written);
      },
      options.debounceMs,
      error => options.logger.warn(`Reconcile failed: ${errorMessage(error)}`),
      options.minIntervalMs,
    );
    this.informers = new Map(
      names.map(name => [
        name,
        new Informer(client, resources[name], {
          retryDelayMs: options.retryDelayMs,
          onChange: () => this.loop.trigger(),
          onError: error =>
            options.logger.warn(
              `Watching ${resources[name].plural} failed: ${errorMessage(
                error,
              )}`,
            ),
        }),
      ]),
    );
  }

  start(): void {
    for (const informer of this.informers.values()) informer.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.all([...this.informers.values()].map(i => i.stop()));
  }

  /** Warns about failures not seen in the previous pass. */
  private report(failures: string[]): void {
    for (const failure of failures) {
      if (!this.reported.has(failure)) {
        this.options.logger.warn(`Cannot reconcile ${failure}`);
      }
    }
    this.reported = new Set(failures);
  }

  private snapshot(): Snapshot<R> {
    const snapshot: Partial<Snapshot<R>> = {};
    for (const [name, informer] of this.informers) {
      snapshot[name as R] = informer.list();
    }
    return snapshot as Snapshot<R>;
  }

  /** Makes the writes; returns how many were tried (not skipped as unchanged). */
  private async apply(actions: Action[]): Promise<number> {
    let written = 0;
    for (const action of actions) {
      try {
        if (await this.write(action)) written++;
      } catch (error) {
        written++;
        // A conflict or a vanished object: the watch brings the news and a new pass.
        if (!(error instanceof ApiError && [404, 409].includes(error.status))) {
          this.options.logger.warn(
            `${action.type} ${resources[action.resource].kind} ${
              action.object.metadata.name
            } failed: ${errorMessage(error)}`,
          );
        }
      }
    }
    return written;
  }

  private async write(action: Action): Promise<boolean> {
    const type = resources[action.resource];
    const informer = this.informers.get(action.resource);
    const object = withApiVersion(
      action.object,
      informer?.apiVersion ?? type.versions[0],
      type.kind,
    );
    let result: KubeObject | undefined;
    switch (action.type) {
      case 'status': {
        const current = object.status ?? {};
        const desired = withTransitionTimes(
          action.status,
          current,
          formatTime(new Date()),
        );
        if (sameStatus(current, desired)) return false;
        result = await this.client.patchStatus(
          type,
          object,
          statusPatch(current, desired),
        );
        break;
      }
      case 'create':
        result = await this.client.create(type, object);
        break;
      case 'replace':
        result = await this.client.replace(type, object);
        break;
      case 'delete':
        await this.client.delete(type, object);
        informer?.remove(object);
        return true;
      default:
        return false;
    }
    if (result) informer?.upsert(result);
    return true;
  }
}

function withApiVersion(
  obj: KubeObject,
  apiVersion: string,
  kind: string,
): KubeObject {
  return obj.apiVersion ? obj : { ...obj, apiVersion, kind };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
