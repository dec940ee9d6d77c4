import { ApiError, KubeClient, WatchEvent } from './client';
import { ResourceType, apiVersionOf } from './resources';
import { KubeObject, objectKey } from './types';

export interface InformerOptions {
  /** Wait before listing again after an error (e.g. a CRD not installed yet). */
  retryDelayMs: number;
  onChange: () => void;
  onError?: (error: unknown) => void;
}

/**
 * Keeps an in-memory copy of one resource type: lists it, then watches from
 * the list's resourceVersion, and lists again whenever the watch ends.
 */
export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly abort = new AbortController();
  private versionIndex = 0;
  private running?: Promise<void>;
  private synced = false;
  private absent = false;

  constructor(
    private readonly client: KubeClient,
    readonly type: ResourceType,
    private readonly options: InformerOptions,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /** False once the server was found to serve none of the versions (until it does). */
  get served(): boolean {
    return !this.absent;
  }

  /** True once the first list succeeded. */
  get hasSynced(): boolean {
    return this.synced;
  }

  get apiVersion(): string {
    return apiVersionOf(this.type, this.type.versions[this.versionIndex]);
  }

  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  /** Records an object this process just wrote, ahead of its watch event. */
  upsert(obj: KubeObject): void {
    const key = objectKey(obj);
    const cached = this.cache.get(key);
    if (cached && newerThan(cached, obj)) return;
    this.cache.set(key, obj);
  }

  /** No version is served: until one is, there are no such objects. */
  private markAbsent(): void {
    const changed = !this.synced || !this.absent || this.cache.size > 0;
    this.cache.clear();
    this.synced = true;
    this.absent = true;
    if (changed) this.options.onChange();
  }

  /** Forgets an object this process just deleted. */
  remove(obj: KubeObject): void {
    this.cache.delete(objectKey(obj));
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (error) {
        if (signal.aborted) return;
        // A watch refused with 410 Gone: list again at once.
        if (error instanceof ApiError && error.status === 410) continue;
        if (error instanceof ApiError && error.status === 404) {
          // The version may not be served (or the CRD not installed): try the next.
          this.versionIndex =
            (this.versionIndex + 1) % this.type.versions.length;
          if (this.versionIndex === 0) this.markAbsent();
        } else {
          this.options.onError?.(error);
        }
        await sleep(this.options.retryDelayMs, signal);
      }
    }
  }

  private async listAndWatch(signal: AbortSignal): Promise<void> {
    const version = this.type.versions[this.versionIndex];
    const listed = await this.client.list(this.type, version, signal);
    this.cache.clear();
    for (const item of listed.items) this.cache.set(objectKey(item), item);
    this.synced = true;
    this.absent = false;
    this.options.onChange();
    // An ERROR event (e.g. 410 Gone) ends this watch; like a dropped stream,
    // that leads to a fresh list.
    const watchAbort = new AbortController();
    const stopWatch = () => watchAbort.abort();
    signal.addEventListener('abort', stopWatch);
    try {
      await this.client.watch(
        this.type,
        version,
        listed.resourceVersion,
        watchAbort.signal,
        event => {
          if (this.apply(event)) stopWatch();
        },
      );
    } catch (error) {
      if (!watchAbort.signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', stopWatch);
    }
  }

  /** Applies one event; returns true when the watch must be restarted. */
  private apply(event: WatchEvent): boolean {
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.cache.set(objectKey(event.object), event.object);
        this.options.onChange();
        return false;
      case 'DELETED':
        this.cache.delete(objectKey(event.object));
        this.options.onChange();
        return false;
      case 'ERROR':
        return true;
      default:
        return false;
    }
  }
}

function newerThan(a: KubeObject, b: KubeObject): boolean {
  const va = Number(a.metadata.resourceVersion);
  const vb = Number(b.metadata.resourceVersion);
  return Number.isFinite(va) && Number.isFinite(vb) && va > vb;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
