import { ClusterProblem } from '@gatehouse/backstage-plugin-gateway-api-common';

type Found = Omit<ClusterProblem, 'since'>;

// By locator too: a catalog entity refused for taking a configured cluster's name must not
// pass for a problem of that cluster.
const keyOf = (p: { cluster?: string; locator: string }) =>
  `${p.locator}/${p.cluster ?? ''}`;

/**
 * The clusters and locators Gatehouse cannot read now, each with since when: a problem seen
 * again keeps its first time while it lasts (even as its reason's words change), and starts
 * again once it has cleared.
 */
export class ClusterProblems {
  private readonly problems = new Map<string, ClusterProblem>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Records the problem of a cluster (or of a locator); true when it is new (or of a new kind). */
  set(found: Found): boolean {
    const key = keyOf(found);
    const known = this.problems.get(key);
    const since =
      known && known.kind === found.kind
        ? known.since
        : this.clock().toISOString();
    this.problems.set(key, { ...stripUndefined(found), since });
    return !known || known.kind !== found.kind;
  }

  /** The cluster (or locator) is fine again, or gone. */
  clear(key: { cluster?: string; locator: string }): void {
    this.problems.delete(keyOf(key));
  }

  /** Clears every problem of a locator's clusters that `keep` does not name. */
  clearLocatorClusters(locator: string, keep: (cluster: string) => boolean) {
    for (const [key, problem] of this.problems) {
      if (
        problem.locator === locator &&
        problem.cluster &&
        !keep(problem.cluster)
      ) {
        this.problems.delete(key);
      }
    }
  }

  /** The problem of a cluster: of its locator's cluster, if given, else of any by that name. */
  of(cluster: string, locator?: string): ClusterProblem | undefined {
    return [...this.problems.values()].find(
      p => p.cluster === cluster && (!locator || p.locator === locator),
    );
  }

  list(): ClusterProblem[] {
    return [...this.problems.values()].sort((a, b) =>
      keyOf(a).localeCompare(keyOf(b)),
    );
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
