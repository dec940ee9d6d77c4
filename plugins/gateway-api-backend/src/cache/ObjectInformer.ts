import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { statusCodeOf } from '../kubernetes/retry';
import { KindInfo, KINDS, KindName } from '../kubernetes/kinds';
import { ServedKind } from '../kubernetes/ServedApis';
import { trimObject } from './trim';

export type InformerEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'RESYNC';

export interface InformerEvent {
  type: InformerEventType;
  kind: KindInfo;
  /** The object for ADDED/MODIFIED/DELETED; absent for RESYNC (a fresh list replaced all). */
  object?: KubernetesObject;
}

export interface InformerOptions {
  logger: LoggerService;
  onEvent: (event: InformerEvent) => void;
  /** Full relist even when the watch is healthy, to heal anything a watch could miss. */
  resyncMs?: number;
  /** Server-side watch timeout; the watch is simply reopened from the last version. */
  watchTimeoutSeconds?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** How often a kind the cluster does not serve is looked for again; 1 minute by default. */
  unservedRecheckMs?: number;
}

/**
 * How far the informer could read its kind: `served` with the apiVersion it reads at;
 * `unserved` when the cluster does not serve it (nothing of it can exist there); `unreadable`
 * when it is served (or discovery failed) but the list failed, so its objects are unknown.
 */
export type KindReadState =
  | { state: 'pending' }
  | { state: 'served'; apiVersion: string }
  | { state: 'unserved' }
  | { state: 'unreadable'; reason: string };

type State = 'stopped' | 'listing' | 'watching' | 'waiting';

const keyOf = (o: KubernetesObject) =>
  `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/**
 * List-then-watch of one kind in one cluster, like client-go's reflector: a paginated list
 * fixes a resourceVersion, the watch resumes from it (with bookmarks so idle kinds keep a fresh
 * version), a 410 Gone means the version is too old and triggers a relist, and a dropped
 * connection is retried with backoff. The version read is the one the cluster serves
 * ({@link ServedApis}); a kind the cluster does not serve is looked for again every
 * `unservedRecheckMs`, so installing its CRD later is picked up, and a 404 from a list or a
 * watch makes discovery read again (the CRD was removed or changed its versions).
 */
export class ObjectInformer {
  private readonly objects = new Map<string, KubernetesObject>();
  private state: State = 'stopped';
  private resourceVersion: string | undefined;
  private abort: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Bumped by stop and relist, so a watch that connects after either is closed at once. */
  private watchGeneration = 0;
  private synced = false;
  private readonly waiters: Array<() => void> = [];
  private served: ServedKind | undefined;
  private read: KindReadState = { state: 'pending' };
  readonly kind: KindInfo;

  constructor(
    private readonly client: ClusterClient,
    kind: KindName,
    private readonly options: InformerOptions,
  ) {
    this.kind = KINDS[kind];
  }

  /** Whether the kind is served, and read. */
  get readState(): KindReadState {
    return this.read;
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.relist();
    const resyncMs = this.options.resyncMs ?? 10 * 60_000;
    this.resyncTimer = setInterval(() => {
      if (this.state === 'watching') this.relist();
    }, resyncMs);
    this.resyncTimer.unref?.();
  }

  stop(): void {
    this.state = 'stopped';
    this.watchGeneration++;
    clearTimeout(this.timer);
    clearInterval(this.resyncTimer);
    this.abort?.abort();
  }

  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  /** Whether a first list has completed (or the kind is known not to be served). */
  get hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves once the first list completed, successful or not. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise(resolve => this.waiters.push(resolve));
  }

  list(): KubernetesObject[] {
    return [...this.objects.values()];
  }

  private markSynced() {
    if (this.synced) return;
    this.synced = true;
    this.waiters.splice(0).forEach(resolve => resolve());
  }

  private async relist(): Promise<void> {
    this.watchGeneration++;
    this.abort?.abort();
    this.state = 'listing';
    let served: ServedKind | undefined;
    try {
      served = await this.client.servedApis.kind(this.kind.kind as KindName);
    } catch (error) {
      this.fail(error, `Discovering what cluster ${this.client.name} serves`);
      return;
    }
    if (this.isStopped()) return;
    if (!served) {
      this.unserved();
      return;
    }
    this.served = served;
    try {
      const { items, resourceVersion } = await this.client.listCollection(
        served.path,
        served.kind,
      );
      if (this.isStopped()) return;
      this.objects.clear();
      for (const item of items) {
        const trimmed = trimObject(item, {
          apiVersion: served.apiVersion,
          kind: served.kind,
        });
        this.objects.set(keyOf(trimmed), trimmed);
      }
      this.resourceVersion = resourceVersion;
      this.failures = 0;
      this.read = { state: 'served', apiVersion: served.apiVersion };
      this.markSynced();
      this.options.onEvent({ type: 'RESYNC', kind: this.kind });
      await this.watch();
    } catch (error) {
      if (statusCodeOf(error) === 404) {
        // Discovery said served, the server says not (any more): read discovery again.
        this.client.servedApis.invalidate();
      }
      this.fail(
        error,
        `Listing ${this.kind.kind} in cluster ${this.client.name}`,
      );
    }
  }

  /** Not served: nothing of the kind exists in the cluster; look again later. */
  private unserved() {
    const changed = this.read.state !== 'unserved' || this.objects.size > 0;
    this.objects.clear();
    this.served = undefined;
    this.read = { state: 'unserved' };
    this.markSynced();
    if (changed) this.options.onEvent({ type: 'RESYNC', kind: this.kind });
    if (this.state === 'stopped') return;
    this.state = 'waiting';
    this.timer = setTimeout(
      () => this.relist(),
      this.options.unservedRecheckMs ?? 60_000,
    );
    this.timer.unref?.();
  }

  private fail(error: unknown, what: string) {
    const status = statusCodeOf(error);
    if (status === 403) {
      // The service account may not read this kind: what depends on it shows less, and the
      // rest of the cluster must not wait for it.
      if (this.read.state !== 'unreadable') {
        this.options.logger.warn(
          `Not allowed to list ${this.kind.kind} in cluster ${this.client.name}; grant the ClusterRole of the plugin README`,
        );
      }
      this.setUnreadable(
        `not allowed to list ${this.kind.kind} (grant the ClusterRole of the Gatehouse README)`,
      );
      this.markSynced();
    } else {
      this.options.logger.warn(`${what} failed: ${error}`);
      this.setUnreadable(
        `${what} failed: ${(error as Error)?.message ?? error}`,
      );
      // A 404 is settled by the next discovery read, so the cluster need not wait for it;
      // anything else (a timeout, a 500) may heal on the next try, and the kind stays pending.
      if (status === 404) this.markSynced();
    }
    this.retryLater(() => this.relist());
  }

  private setUnreadable(reason: string) {
    const changed = this.read.state !== 'unreadable';
    this.read = { state: 'unreadable', reason };
    if (changed) this.options.onEvent({ type: 'RESYNC', kind: this.kind });
  }

  private async watch(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'watching';
    let gone = false;
    const served = this.served;
    if (!served) return;
    const generation = ++this.watchGeneration;
    const abort = await this.client.watch(
      served.path,
      {
        resourceVersion: this.resourceVersion,
        timeoutSeconds: this.options.watchTimeoutSeconds ?? 300,
      },
      (phase, object) => {
        // A watch another one replaced says nothing about the objects now.
        if (generation !== this.watchGeneration) return;
        if (phase === 'ERROR') {
          gone = object?.code === 410;
          if (object?.code === 404) this.client.servedApis.invalidate();
          return;
        }
        this.apply(phase, object);
      },
      error => {
        if (this.state === 'stopped' || generation !== this.watchGeneration) {
          return;
        }
        if (gone) {
          this.relist();
        } else if (error && statusCodeOf(error) === 404) {
          this.client.servedApis.invalidate();
          this.retryLater(() => this.relist());
        } else if (error) {
          this.options.logger.warn(
            `Watch of ${this.kind.kind} in cluster ${this.client.name} dropped: ${error}`,
          );
          this.retryLater(() => this.watch());
        } else {
          // The server closed the watch at timeoutSeconds; resume where it stopped.
          this.failures = 0;
          this.watch();
        }
      },
    );
    if (generation !== this.watchGeneration) {
      // Stopped, or relisted, while the watch was connecting: nothing may keep it open.
      abort.abort();
    } else {
      this.abort = abort;
    }
  }

  private apply(phase: string, raw: KubernetesObject) {
    const version = raw?.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (phase === 'BOOKMARK') return;
    const object = trimObject(raw, {
      apiVersion: this.served?.apiVersion ?? raw.apiVersion,
      kind: this.kind.kind,
    });
    if (phase === 'DELETED') {
      this.objects.delete(keyOf(object));
    } else if (phase === 'ADDED' || phase === 'MODIFIED') {
      this.objects.set(keyOf(object), object);
    } else {
      return;
    }
    this.options.onEvent({ type: phase, kind: this.kind, object });
  }

  private retryLater(action: () => void) {
    if (this.state === 'stopped') return;
    this.state = 'waiting';
    const { initialMs, maxMs } = this.options.backoff ?? {
      initialMs: 1_000,
      maxMs: 60_000,
    };
    const delay = Math.min(initialMs * 2 ** this.failures, maxMs);
    this.failures++;
    this.timer = setTimeout(action, delay);
    this.timer.unref?.();
  }
}
