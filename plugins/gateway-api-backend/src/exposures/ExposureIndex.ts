import {
  Exposure,
  ExposureList,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import { buildExposures } from './buildExposures';
import { HostnameIndex } from './HostnameIndex';
import {
  HostnameEntities,
  hostnameCatalogEntityRef,
  resolveHostnameEntities,
} from '../provider/hostnameEntities';

export interface ExposureFilter {
  entityRef?: string;
  cluster?: string;
  tenant?: string;
}

const MINUTE = 60_000;
/** The least time between two builds of the hostname index. */
const REBUILD_MS = 2_000;

type Shape = Exclude<HostnameEntities, 'auto'>;

interface Computed {
  minute: number;
  /** The hostname entities' shape `catalogEntityRef` follows. */
  shape: Shape;
  items: Exposure[];
  /** By lower-cased entity ref, so an entity page touches only its own hostnames. */
  byEntity: Map<string, Exposure[]>;
}

const entityKey = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Exposures of every cluster, computed from the cache and memoised per cache snapshot (and per
 * minute, since certificate expiry states move with the clock), so page views are cheap.
 */
export class ExposureIndex {
  private readonly memo = new WeakMap<ClusterSnapshot, Computed>();
  /** The hostname index of every cluster, and the per-cluster answers it was built from. */
  private hostnameIndex?: {
    from: Computed[];
    index: HostnameIndex;
    builtAt: number;
    /** The clusters not yet listed when it was built: the answer says so with the index. */
    pending: string[];
  };

  /** Snapshots whose exposures are to be recomputed for a new minute, after this answer. */
  private readonly refreshing = new WeakSet<ClusterSnapshot>();

  /** The shape `auto` stood for, and the snapshots it was counted in. */
  private resolved?: { from: ClusterSnapshot[]; shape: Shape };

  constructor(
    private readonly cache: GatewayApiCache,
    private readonly clock: () => Date = () => new Date(),
    /** The entity provider's `hostnameEntities`, so each hostname links to its entity. */
    private readonly hostnameEntities: HostnameEntities = 'auto',
  ) {}

  list(filter: ExposureFilter = {}): ExposureList {
    const clusters = this.cache.clusters.filter(
      c => !filter.cluster || c === filter.cluster,
    );
    const items = clusters
      .flatMap(cluster => {
        // An entity's page answers from the last minute's expiry states while this one's are
        // computed after it: it never waits for every cluster to be recomputed at once.
        const computed = this.exposuresOf(this.cache.snapshot(cluster), {
          stale: true,
        });
        return filter.entityRef
          ? computed.byEntity.get(entityKey(filter.entityRef)) ?? []
          : computed.items;
      })
      .filter(e => !filter.tenant || e.tenant === filter.tenant);
    return {
      items,
      pendingClusters: clusters.filter(c => !this.cache.hasSynced(c)),
      unservedKinds: GatewayApiCache.unservedKinds(
        clusters.map(c => this.cache.snapshot(c)),
      ),
    };
  }

  /**
   * Every cluster's hostnames, indexed for `GET /hostnames`; rebuilt only after a cluster's
   * snapshot changed (a cache event) or its expiry states moved (each minute), and at most
   * every 2 seconds.
   */
  hostnames(): Omit<ExposureList, 'items'> & { index: HostnameIndex } {
    const clusters = this.cache.clusters;
    const now = this.clock().getTime();
    const built = this.hostnameIndex;
    const pending = clusters.filter(c => !this.cache.hasSynced(c));
    // A busy fleet changes every moment: rebuild at most every REBUILD_MS, so a page waits
    // for at most one rebuild and may lag the cache by that long; but a cluster that has just
    // been listed is taken in at once, or a page would show it empty and not pending.
    if (
      !built ||
      now - built.builtAt >= REBUILD_MS ||
      now < built.builtAt ||
      built.pending.join() !== pending.join()
    ) {
      const from = clusters.map(c => this.exposuresOf(this.cache.snapshot(c)));
      if (
        !built ||
        built.from.length !== from.length ||
        built.from.some((computed, i) => computed !== from[i])
      ) {
        this.hostnameIndex = {
          from,
          index: new HostnameIndex(from.flatMap(c => c.items)),
          builtAt: now,
          pending,
        };
      } else {
        this.hostnameIndex = { ...built, pending };
      }
    }
    return {
      index: this.hostnameIndex!.index,
      pendingClusters: this.hostnameIndex!.pending,
      unservedKinds: GatewayApiCache.unservedKinds(
        clusters.map(c => this.cache.snapshot(c)),
      ),
    };
  }

  /**
   * The snapshot's exposures at this minute; with `stale`, those of an earlier minute of the
   * same snapshot if that is all there is yet, this minute's being computed after the answer.
   * A snapshot not computed at all yet (a watch event made it) is always computed at once.
   */
  private exposuresOf(
    snapshot: ClusterSnapshot,
    options: { stale?: boolean } = {},
  ): Computed {
    const now = this.clock();
    const minute = Math.floor(now.getTime() / MINUTE);
    const shape = this.shape();
    const cached = this.memo.get(snapshot);
    if (cached && cached.minute === minute && cached.shape === shape)
      return cached;
    if (cached && cached.shape === shape && options.stale) {
      this.refreshLater(snapshot);
      return cached;
    }
    const items = buildExposures(snapshot, now).map(exposure => {
      const catalogEntityRef = hostnameCatalogEntityRef(
        shape,
        exposure.cluster,
        exposure.hostname,
        exposure.tenant,
      );
      return catalogEntityRef ? { ...exposure, catalogEntityRef } : exposure;
    });
    const byEntity = new Map<string, Exposure[]>();
    for (const exposure of items) {
      if (!exposure.entityRef) continue;
      const key = entityKey(exposure.entityRef);
      const same = byEntity.get(key);
      if (same) same.push(exposure);
      else byEntity.set(key, [exposure]);
    }
    const computed = { minute, shape, items, byEntity };
    this.memo.set(snapshot, computed);
    return computed;
  }

  /**
   * The shape the entity provider uses now: `auto` counts every cluster's hostnames as the
   * provider does, once per change of any cluster's snapshot.
   */
  private shape(): Shape {
    const from = this.cache.clusters.map(c => this.cache.snapshot(c));
    const last = this.resolved;
    if (
      !last ||
      last.from.length !== from.length ||
      last.from.some((snapshot, i) => snapshot !== from[i])
    ) {
      this.resolved = {
        from,
        shape: resolveHostnameEntities(this.hostnameEntities, () => from),
      };
    }
    return this.resolved!.shape;
  }

  private refreshLater(snapshot: ClusterSnapshot) {
    if (this.refreshing.has(snapshot)) return;
    this.refreshing.add(snapshot);
    const timer = setTimeout(() => {
      this.refreshing.delete(snapshot);
      // A snapshot the cache has replaced since is computed when it is asked for.
      if (this.cache.snapshot(snapshot.cluster) === snapshot) {
        this.exposuresOf(snapshot);
      }
    }, 0);
    timer.unref?.();
  }
}
