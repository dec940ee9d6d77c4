import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject, Watch } from '@kubernetes/client-node';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { statusCodeOf } from '../kubernetes/retry';
import { trimObject } from './trim';
import { WatchedKind } from './watchedKinds';

export type InformerEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'RESYNC';

export interface InformerEvent {
  type: InformerEventType;
  kind: WatchedKind;
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
}

type State = 'stopped' | 'listing' | 'watching' | 'waiting';

const keyOf = (o: KubernetesObject) =>
  `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/**
 * List-then-watch of one kind in one cluster, like client-go's reflector: a paginated list
 * fixes a resourceVersion, the watch resumes from it (with bookmarks so idle kinds keep a fresh
 * version), a 410 Gone means the version is too old and triggers a relist, and a dropped
 * connection is retried with backoff. A kind the cluster does not serve (its CRD is not
 * installed) is retried on the same backoff, so installing the CRD later is picked up.
 */
export class ObjectInformer {
  private readonly objects = new Map<string, KubernetesObject>();
  private state: State = 'stopped';
  private resourceVersion: string | undefined;
  private abort: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private synced = false;
  private readonly waiters: Array<() => void> = [];

  constructor(
    private readonly client: ClusterClient,
    readonly kind: WatchedKind,
    private readonly options: InformerOptions,
  ) {}

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
    this.abort?.abort();
    this.state = 'listing';
    try {
      const { items, resourceVersion } = await this.client.listWithVersion(
        this.kind.apiVersion,
        this.kind.kind,
      );
      if (this.isStopped()) return;
      this.objects.clear();
      for (const item of items) {
        const trimmed = trimObject({
          ...item,
          apiVersion: this.kind.apiVersion,
          kind: this.kind.kind,
        });
        this.objects.set(keyOf(trimmed), trimmed);
      }
      this.resourceVersion = resourceVersion;
      this.failures = 0;
      this.markSynced();
      this.options.onEvent({ type: 'RESYNC', kind: this.kind });
      await this.watch();
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 404) {
        // The kind is not served by this cluster: nothing to cache, yet.
        this.objects.clear();
        this.markSynced();
      } else if (status === 403) {
        // The service account may not read this kind: what depends on it shows less, and the
        // rest of the cluster must not wait for it.
        if (!this.synced) {
          this.options.logger.warn(
            `Not allowed to list ${this.kind.kind} in cluster ${this.client.name}; grant the ClusterRole of the plugin README`,
          );
        }
        this.markSynced();
      } else {
        this.options.logger.warn(
          `Listing ${this.kind.kind} in cluster ${this.client.name} failed: ${error}`,
        );
      }
      this.retryLater(() => this.relist());
    }
  }

  private async watch(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'watching';
    const watch = new Watch(this.client.kubeConfig);
    let gone = false;
    this.abort = await watch.watch(
      this.kind.path,
      {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.options.watchTimeoutSeconds ?? 300,
      },
      (phase, object) => {
        if (phase === 'ERROR') {
          gone = object?.code === 410;
          return;
        }
        this.apply(phase, object);
      },
      error => {
        if (this.state === 'stopped') return;
        if (gone) {
          this.relist();
        } else if (error && String(error).includes('AbortError')) {
          // A relist aborted this watch on purpose.
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
  }

  private apply(phase: string, raw: KubernetesObject) {
    const version = raw?.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (phase === 'BOOKMARK') return;
    const object = trimObject({
      ...raw,
      apiVersion: this.kind.apiVersion,
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
