import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@kubernetes/client-node';
import { UnreadableKind } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { WATCHED_KINDS } from '../kubernetes/kinds';
import { InformerEvent, ObjectInformer } from './ObjectInformer';

/** What the cache knows of one cluster: every watched object, grouped by kind. */
export interface ClusterSnapshot {
  cluster: string;
  /**
   * Objects by kind name (`Gateway`, `HTTPRoute`, ...); a kind in {@link unserved} or
   * {@link unreadable} has an empty (or stale) list: ask those before trusting an empty one.
   */
  byKind: ReadonlyMap<string, readonly KubernetesObject[]>;
  /** Kinds the cluster does not serve: none of their objects can exist there. */
  unserved?: readonly string[];
  /** Kinds it serves whose list failed (forbidden, erroring): their objects are unknown. */
  unreadable?: readonly UnreadableKind[];
}

export type CacheListener = (cluster: string, event: InformerEvent) => void;

export interface GatewayApiCacheOptions {
  logger: LoggerService;
  resyncMs?: number;
  backoff?: { initialMs: number; maxMs: number };
}

/**
 * One watch-fed cache of every configured cluster's Gateway API, cert-manager and Envoy
 * Gateway objects. The entity provider and the REST API both read it, so a page view makes no
 * cluster call. Snapshots are rebuilt lazily, only after a change.
 */
export class GatewayApiCache {
  private readonly informers = new Map<string, ObjectInformer[]>();
  private readonly snapshots = new Map<string, ClusterSnapshot>();
  private readonly listeners = new Set<CacheListener>();
  private started = false;

  constructor(
    clients: ClusterClient[],
    private readonly options: GatewayApiCacheOptions,
  ) {
    for (const client of clients) this.addCluster(client);
  }

  /** The clusters cached now (clusters from the catalog come and go). */
  get clusters(): string[] {
    return [...this.informers.keys()];
  }

  /** Starts watching a cluster (at once if the cache runs); a cluster of that name is replaced. */
  addCluster(client: ClusterClient): void {
    this.removeCluster(client.name);
    const informers = WATCHED_KINDS.map(
      kind =>
        new ObjectInformer(client, kind, {
          logger: this.options.logger,
          resyncMs: this.options.resyncMs,
          backoff: this.options.backoff,
          // A removed (or replaced) cluster's informer may still answer a request it had sent.
          onEvent: event => {
            if (this.informers.get(client.name) === informers) {
              this.onEvent(client.name, event);
            }
          },
        }),
    );
    this.informers.set(client.name, informers);
    if (this.started) informers.forEach(informer => informer.start());
  }

  /** Stops watching a cluster and forgets its objects; listeners hear a RESYNC of each kind. */
  removeCluster(name: string): void {
    const informers = this.informers.get(name);
    if (!informers) return;
    this.informers.delete(name);
    informers.forEach(informer => informer.stop());
    this.snapshots.delete(name);
    for (const informer of informers) {
      for (const listener of this.listeners) {
        listener(name, { type: 'RESYNC', kind: informer.kind });
      }
    }
  }

  start(): void {
    this.started = true;
    this.forEachInformer(informer => informer.start());
  }

  stop(): void {
    this.started = false;
    this.forEachInformer(informer => informer.stop());
  }

  /** Resolves when every kind of every cluster has been listed once (or found unserved). */
  async waitForSync(): Promise<void> {
    const all: Promise<void>[] = [];
    this.forEachInformer(informer => all.push(informer.waitForSync()));
    await Promise.all(all);
  }

  /** Whether every kind of the cluster has been listed at least once (false for one not cached). */
  hasSynced(cluster: string): boolean {
    const informers = this.informers.get(cluster);
    return informers !== undefined && informers.every(i => i.hasSynced);
  }

  snapshot(cluster: string): ClusterSnapshot {
    let snapshot = this.snapshots.get(cluster);
    if (!snapshot) {
      const byKind = new Map<string, KubernetesObject[]>();
      const unserved: string[] = [];
      const unreadable: UnreadableKind[] = [];
      for (const informer of this.informers.get(cluster) ?? []) {
        byKind.set(informer.kind.kind, informer.list());
        const read = informer.readState;
        if (read.state === 'unserved') unserved.push(informer.kind.kind);
        if (read.state === 'unreadable') {
          unreadable.push({ kind: informer.kind.kind, reason: read.reason });
        }
      }
      snapshot = { cluster, byKind, unserved, unreadable };
      this.snapshots.set(cluster, snapshot);
    }
    return snapshot;
  }

  subscribe(listener: CacheListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The kinds each cluster does not serve; clusters that serve them all are left out. */
  static unservedKinds(snapshots: ClusterSnapshot[]) {
    return snapshots
      .map(s => ({ cluster: s.cluster, kinds: [...(s.unserved ?? [])] }))
      .filter(u => u.kinds.length > 0);
  }

  private onEvent(cluster: string, event: InformerEvent) {
    this.snapshots.delete(cluster);
    for (const listener of this.listeners) listener(cluster, event);
  }

  private forEachInformer(fn: (informer: ObjectInformer) => void) {
    for (const informers of this.informers.values()) informers.forEach(fn);
  }
}
