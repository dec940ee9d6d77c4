import { KubeObject, ResourceType } from '../api/types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  resourceVersion: number;
  type: EventType;
  resource: ResourceType;
  object: KubeObject;
  /** The object before this change, used to rebuild older snapshots. */
  previous?: KubeObject;
}

export type EventListener = (event: StoreEvent) => void;

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(object: KubeObject): string {
  return objectKey(object.metadata.namespace, object.metadata.name);
}

class Collection {
  readonly objects = new Map<string, KubeObject>();
  private sorted: string[] | undefined;

  sortedKeys(): string[] {
    this.sorted ??= [...this.objects.keys()].sort();
    return this.sorted;
  }

  invalidateOrder(): void {
    this.sorted = undefined;
  }
}

/**
 * Objects of every kind, a cluster-wide resourceVersion counter, and a bounded window of
 * recent events that watches resume from and paginated lists rebuild their snapshot from.
 */
export class ObjectStore {
  private revision = 0;
  private readonly collections = new Map<ResourceType, Collection>();
  /** Retained events are events[first..]; the head is compacted in batches to stay O(1). */
  private events: StoreEvent[] = [];
  private first = 0;
  private readonly listeners = new Map<ResourceType, Set<EventListener>>();

  constructor(private readonly window: number) {}

  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch or list continue may still start from. */
  get oldestResumable(): number {
    return this.first < this.events.length
      ? this.events[this.first].resourceVersion - 1
      : this.revision;
  }

  nextResourceVersion(): number {
    return this.revision + 1;
  }

  private collection(type: ResourceType): Collection {
    let c = this.collections.get(type);
    if (!c) {
      c = new Collection();
      this.collections.set(type, c);
    }
    return c;
  }

  get(type: ResourceType, key: string): KubeObject | undefined {
    return this.collections.get(type)?.objects.get(key);
  }

  count(type: ResourceType): number {
    return this.collections.get(type)?.objects.size ?? 0;
  }

  /** Stores an object that already carries the resourceVersion from nextResourceVersion(). */
  put(type: ResourceType, object: KubeObject): void {
    const c = this.collection(type);
    const key = keyOf(object);
    const previous = c.objects.get(key);
    if (!previous) c.invalidateOrder();
    c.objects.set(key, object);
    this.record({
      resourceVersion: this.bump(object),
      type: previous ? 'MODIFIED' : 'ADDED',
      resource: type,
      object,
      previous,
    });
  }

  /** Removes an object; `final` is the object as last seen, with a fresh resourceVersion. */
  remove(type: ResourceType, final: KubeObject): void {
    const c = this.collection(type);
    const key = keyOf(final);
    const previous = c.objects.get(key);
    if (!previous) return;
    c.objects.delete(key);
    c.invalidateOrder();
    this.record({
      resourceVersion: this.bump(final),
      type: 'DELETED',
      resource: type,
      object: final,
      previous,
    });
  }

  private bump(object: KubeObject): number {
    this.revision = Number(object.metadata.resourceVersion);
    return this.revision;
  }

  private record(event: StoreEvent): void {
    this.events.push(event);
    if (this.events.length - this.first > this.window) this.first++;
    if (this.first > this.window) {
      this.events = this.events.slice(this.first);
      this.first = 0;
    }
    for (const listener of this.listeners.get(event.resource) ?? [])
      listener(event);
  }

  /** Keys in order for the current state, or for the state at an older resourceVersion. */
  snapshot(
    type: ResourceType,
    atResourceVersion?: number,
  ): { keys: string[]; get: (key: string) => KubeObject | undefined } {
    const c = this.collection(type);
    if (
      atResourceVersion === undefined ||
      !this.changedSince(type, atResourceVersion)
    ) {
      return { keys: c.sortedKeys(), get: key => c.objects.get(key) };
    }
    const state = new Map(c.objects);
    for (let i = this.events.length - 1; i >= this.first; i--) {
      const e = this.events[i];
      if (e.resourceVersion <= atResourceVersion) break;
      if (e.resource !== type) continue;
      if (e.type === 'ADDED') state.delete(keyOf(e.object));
      else state.set(keyOf(e.object), e.previous!);
    }
    return { keys: [...state.keys()].sort(), get: key => state.get(key) };
  }

  private changedSince(type: ResourceType, resourceVersion: number): boolean {
    for (let i = this.events.length - 1; i >= this.first; i--) {
      const e = this.events[i];
      if (e.resourceVersion <= resourceVersion) return false;
      if (e.resource === type) return true;
    }
    return false;
  }

  /** Events for a type after a resourceVersion, or undefined when they left the window. */
  eventsSince(
    type: ResourceType,
    resourceVersion: number,
  ): StoreEvent[] | undefined {
    if (resourceVersion < this.oldestResumable) return undefined;
    const out: StoreEvent[] = [];
    for (let i = this.events.length - 1; i >= this.first; i--) {
      const e = this.events[i];
      if (e.resourceVersion <= resourceVersion) break;
      if (e.resource === type) out.push(e);
    }
    return out.reverse();
  }

  subscribe(type: ResourceType, listener: EventListener): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** All objects of a type in a namespace (for namespace deletion). */
  inNamespace(type: ResourceType, namespace: string): KubeObject[] {
    const prefix = `${namespace}/`;
    const out: KubeObject[] = [];
    for (const [key, object] of this.collection(type).objects) {
      if (key.startsWith(prefix)) out.push(object);
    }
    return out;
  }
}
