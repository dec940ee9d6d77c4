import {
  Exposure,
  ExposureList,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import { buildExposures } from './buildExposures';
import { HostnameIndex } from './HostnameIndex';
import { exposureAt } from './exposureClock';
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

/** The least time between two builds of the hostname index. */
const REBUILD_MS = 2_000;

type Shape = Exclude<HostnameEntities, 'auto'>;

interface Computed {
  /** The hostname entities' shape `catalogEntityRef` follows. */
  shape: Shape;
  /** Each as last read: given at the time of each answer (exposureAt), kept for the next. */
  items: Exposure[];
  /** Positions in `items` by lower-cased entity ref, so an entity page reads only its own. */
  byEntity: Map<string, number[]>;
}

const entityKey = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Exposures of every cluster, computed from the cache and memoised per cache snapshot, so page
 * views are cheap. The clock moves certificate expiry states: each answer gives every
 * exposure it holds at the time of the answer, computing again only the TLS of those whose
 * certificate changed since (see exposureClock), never a cluster's exposures.
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
    const now = this.clock().getTime();
    const items = clusters
      .flatMap(cluster => {
        const computed = this.exposuresOf(this.cache.snapshot(cluster));
        const at = (position: number) => {
          const exposure = exposureAt(computed.items[position], now);
          computed.items[position] = exposure;
          return exposure;
        };
        return filter.entityRef
          ? (computed.byEntity.get(entityKey(filter.entityRef)) ?? []).map(at)
          : computed.items.map((_, position) => at(position));
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
   * snapshot changed (a cache event), and at most every 2 seconds. The index follows the clock
   * itself (HostnameIndex).
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

  /** The snapshot's exposures, computed once per snapshot (and shape). */
  private exposuresOf(snapshot: ClusterSnapshot): Computed {
    const shape = this.shape();
    const cached = this.memo.get(snapshot);
    if (cached && cached.shape === shape) return cached;
    const items = buildExposures(snapshot, this.clock()).map(exposure => {
      const catalogEntityRef = hostnameCatalogEntityRef(
        shape,
        exposure.cluster,
        exposure.hostname,
        exposure.tenant,
      );
      return catalogEntityRef ? { ...exposure, catalogEntityRef } : exposure;
    });
    const byEntity = new Map<string, number[]>();
    items.forEach((exposure, position) => {
      if (!exposure.entityRef) return;
      const key = entityKey(exposure.entityRef);
      const same = byEntity.get(key);
      if (same) same.push(position);
      else byEntity.set(key, [position]);
    });
    const computed = { shape, items, byEntity };
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
}
