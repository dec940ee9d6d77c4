/**
 * Clusters whose objects Gatehouse cannot show: why, and since when. The backend reports them
 * (`GET /clusters`), the pages warn of them, the actions refuse with the same words.
 */

/**
 * Why a cluster's objects are missing from Gatehouse:
 * - `locatorNotRead`: a cluster locator could not be read (its clusters are unknown);
 * - `userOnlyAuth`: the cluster's authProvider acts as the signed-in user;
 * - `invalidConfig`: its configuration is refused (auth metadata, a name already taken);
 * - `malformedEntity`: its `kubernetes-cluster` catalog entity lacks or misuses an annotation;
 * - `unreachable`: the API server does not answer (connection, TLS, timeout, 5xx);
 * - `unauthenticated`: the API server refuses Gatehouse's credential (401 or 403).
 *
 * @public
 */
export type ClusterProblemKind =
  | 'locatorNotRead'
  | 'userOnlyAuth'
  | 'invalidConfig'
  | 'malformedEntity'
  | 'unreachable'
  | 'unauthenticated';

/**
 * A cluster (or a cluster locator) Gatehouse cannot read, with why and since when.
 *
 * @public
 */
export interface ClusterProblem {
  /** The cluster's name; absent for a locator that could not be read. */
  cluster?: string;
  /** The locator it comes from: `config`, `catalog`, `gke`, `localKubectlProxy`. */
  locator: string;
  kind: ClusterProblemKind;
  /** What is wrong and how to fix it; never a credential. */
  reason: string;
  /** When Gatehouse first saw the problem (ISO 8601); a changed reason keeps it. */
  since: string;
  /** The catalog entity a `catalog` locator's cluster comes from. */
  entityRef?: string;
}

const WHAT: Record<ClusterProblemKind, string> = {
  locatorNotRead: 'could not be read',
  userOnlyAuth: 'is left out: its authentication acts as the signed-in user',
  invalidConfig: 'is left out: its configuration is refused',
  malformedEntity: 'is left out: its catalog entity is malformed',
  unreachable: 'cannot be reached',
  unauthenticated: 'refuses the Gateway API plugin’s credentials',
};

/** The subject of a problem: the cluster, or the locator whose clusters are unknown. */
function clusterProblemSubject(problem: ClusterProblem): string {
  return problem.cluster
    ? `cluster ${problem.cluster}`
    : `the ${problem.locator} cluster locator`;
}

/**
 * One sentence for a problem, as the pages show it and the actions refuse with it:
 * `Cluster prod cannot be reached (since ...): <reason>`.
 *
 * @public
 */
export function clusterProblemMessage(problem: ClusterProblem): string {
  const subject = clusterProblemSubject(problem);
  return `${subject[0].toUpperCase()}${subject.slice(1)} ${
    WHAT[problem.kind]
  } (since ${problem.since}): ${problem.reason}`;
}

/**
 * The heading a page warns with: which hostnames are missing.
 *
 * @public
 */
export function clusterProblemTitle(problem: ClusterProblem): string {
  if (!problem.cluster) {
    return `Hostnames from the clusters of the ${problem.locator} cluster locator are missing`;
  }
  // A cluster read before it failed keeps its last known objects: they may be out of date.
  return problem.kind === 'unreachable' || problem.kind === 'unauthenticated'
    ? `Hostnames from cluster ${problem.cluster} may be missing or out of date`
    : `Hostnames from cluster ${problem.cluster} are missing`;
}
