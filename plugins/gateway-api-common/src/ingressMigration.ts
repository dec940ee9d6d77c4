/**
 * The REST API's Ingress migration types: `GET /ingress-migration`.
 */
import type { IngressMigrationState, IngressSummary } from './exposure';

/**
 * A difference between an Ingress and the routes made from it that blocks the move until the
 * team accepts it (or that can never be accepted, like a configuration snippet).
 *
 * @public
 */
export interface IngressMigrationBlocker {
  /** The translator's stable id of the difference. */
  id: string;
  summary: string;
}

/**
 * One hostname on the way from Ingress to Gateway API routes.
 *
 * @public
 */
export interface IngressMigrationItem {
  cluster: string;
  hostname: string;
  tenant?: string;
  owner?: string;
  entityRef?: string;
  state: IngressMigrationState;
  /** The Ingress serving it; absent once moved. */
  ingress?: IngressSummary;
  /** `Kind/namespace/name` of the routes serving it. */
  routes: string[];
  /** What blocks moving it, from the translator's report of its Ingress. */
  blockers: IngressMigrationBlocker[];
}

/**
 * Counts of hostnames by migration state, for one tenant (or none) of one cluster.
 *
 * @public
 */
export interface IngressMigrationTenantCount {
  cluster: string;
  tenant?: string;
  owner?: string;
  counts: Record<IngressMigrationState, number>;
  /** Hostnames still on an Ingress whose move a blocking difference holds up. */
  blocked: number;
}

/**
 * The answer of `GET /ingress-migration`: which hostnames of which teams still run on
 * Ingress, and what blocks each.
 *
 * @public
 */
export interface IngressMigrationOverview {
  items: IngressMigrationItem[];
  tenants: IngressMigrationTenantCount[];
  totals: Record<IngressMigrationState, number>;
  pendingClusters: string[];
}
