/**
 * What a cluster serves of the kinds Gatehouse reads, as the backend answers it and the pages
 * and forms show it. A kind a cluster does not serve has no objects there; a served kind that
 * could not be read has objects Gatehouse cannot see.
 */
import type { ClusterProblem } from './clusterProblems';

/**
 * A served kind that Gatehouse could not read, with why.
 *
 * @public
 */
export interface UnreadableKind {
  kind: string;
  reason: string;
}

/**
 * What one cluster serves, from discovery.
 *
 * @public
 */
export interface ClusterServedKinds {
  cluster: string;
  /** The apiVersion each served kind is read and written at (the cluster's preferred one). */
  served: Record<string, string>;
  /** Kinds the cluster does not serve at a version Gatehouse reads: none of them exist there. */
  unserved: string[];
  /** Served kinds that could not be read, or discovery itself when it failed (kind `*`). */
  unreadable: UnreadableKind[];
}

/**
 * The route kinds the expose form offers.
 *
 * @public
 */
export type ExposableRouteKind = 'HTTPRoute' | 'TLSRoute';

/** What to install so a cluster serves a kind Gatehouse writes. */
const INSTALL_HINTS: Record<string, string> = {
  TLSRoute:
    'install the Gateway API standard channel v1.5 or later, or the experimental channel',
  ListenerSet: 'install the Gateway API v1.5 or later',
  HTTPRoute: 'install the Gateway API standard channel',
};

/**
 * What the pages cannot show of a kind a cluster does not serve; only kinds whose absence a
 * reader could mistake for missing hostnames are noted (an older cluster without ListenerSet
 * simply keeps its listeners on Gateways).
 */
const NOT_SHOWN: Record<string, string> = {
  TLSRoute: 'passthrough routes are not shown',
  GRPCRoute: 'gRPC routes are not shown',
};

/**
 * Why an action refuses a kind the cluster does not serve, and what to install.
 *
 * @public
 */
export function kindNotServedMessage(cluster: string, kind: string): string {
  const hint = INSTALL_HINTS[kind];
  return `Cluster ${cluster} does not serve ${kind}${hint ? `; ${hint}` : ''}.`;
}

/**
 * The short notes a page shows for the kinds its clusters do not serve, one per cluster and
 * kind worth a note.
 *
 * @public
 */
export function unservedKindNotes(
  clusters: ReadonlyArray<{ cluster: string; kinds: string[] }>,
): string[] {
  return clusters.flatMap(({ cluster, kinds }) =>
    kinds
      .filter(kind => NOT_SHOWN[kind])
      .map(
        kind =>
          `Cluster ${cluster} does not serve ${kind}: ${NOT_SHOWN[kind]}.`,
      ),
  );
}

/**
 * Kinds a cluster does not serve, as the exposure, hostname and tenant answers carry them.
 *
 * @public
 */
export interface UnservedKinds {
  cluster: string;
  kinds: string[];
}

/**
 * The route kinds a cluster can take, in the form's order. With nothing known of the cluster
 * (no answer yet) both are offered, and the action decides.
 *
 * @public
 */
export function exposableRouteKinds(
  served?: Pick<ClusterServedKinds, 'served' | 'unserved'>,
): ExposableRouteKind[] {
  const kinds: ExposableRouteKind[] = ['HTTPRoute', 'TLSRoute'];
  if (!served) return kinds;
  return kinds.filter(kind => !served.unserved.includes(kind));
}

/**
 * The answer of `GET /clusters`: each cluster read and what it serves, and every cluster (or
 * locator) whose objects are missing, with why and since when.
 *
 * @public
 */
export interface ClusterList {
  items: Array<{
    name: string;
    url: string;
    /** Absent while the cluster's discovery has not answered. */
    apis?: ClusterServedKinds;
  }>;
  /** Clusters left out, unreachable or refusing Gatehouse, and locators not read. */
  problems: ClusterProblem[];
}
