import {
  Exposure,
  ExposureList,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import { buildExposures } from './buildExposures';

export interface ExposureFilter {
  entityRef?: string;
  cluster?: string;
  tenant?: string;
}

const MINUTE = 60_000;

/**
 * Exposures of every cluster, computed from the cache and memoised per cache snapshot (and per
 * minute, since certificate expiry states move with the clock), so page views are cheap.
 */
export class ExposureIndex {
  private readonly memo = new WeakMap<
    ClusterSnapshot,
    { minute: number; items: Exposure[] }
  >();

  constructor(
    private readonly cache: GatewayApiCache,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(filter: ExposureFilter = {}): ExposureList {
    const clusters = this.cache.clusters.filter(
      c => !filter.cluster || c === filter.cluster,
    );
    const items = clusters
      .flatMap(cluster => this.exposuresOf(this.cache.snapshot(cluster)))
      .filter(
        e =>
          (!filter.entityRef ||
            e.entityRef?.toLocaleLowerCase('en-US') ===
              filter.entityRef.toLocaleLowerCase('en-US')) &&
          (!filter.tenant || e.tenant === filter.tenant),
      );
    return {
      items,
      pendingClusters: clusters.filter(c => !this.cache.hasSynced(c)),
    };
  }

  private exposuresOf(snapshot: ClusterSnapshot): Exposure[] {
    const now = this.clock();
    const minute = Math.floor(now.getTime() / MINUTE);
    const cached = this.memo.get(snapshot);
    if (cached && cached.minute === minute) return cached.items;
    const items = buildExposures(snapshot, now);
    this.memo.set(snapshot, { minute, items });
    return items;
  }
}
