import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { ClusterProblem } from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import {
  ClusterClient,
  ClusterClientOptions,
} from '../kubernetes/ClusterClient';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';
import { authProblems, withCredentials } from './authStrategies';
import { probeCluster } from './clusterHealth';
import { ClusterProblems } from './ClusterProblems';
import {
  ConfiguredCluster,
  LeftOutCluster,
  LocatorClusters,
  StartupClusters,
} from './clusters';

/** Which clusters came and went in one change of the set. */
export interface ClusterSetChange {
  added: string[];
  removed: string[];
}

/**
 * The clusters Gatehouse reads now, each with its client, in the one cache; and the clusters
 * and locators it cannot read, with why. `clusters` and `clients` are live arrays, changed in
 * place as catalog clusters come and go, so a consumer that keeps them sees the current set
 * (look clusters up when needed; do not copy the arrays).
 */
export class ClusterSet {
  readonly clusters: GatewayApiCluster[] = [];
  readonly clients: ClusterClient[] = [];
  readonly problems: ClusterProblems;
  private readonly configured = new Map<
    string,
    { cluster: ConfiguredCluster; fingerprint: string }
  >();
  private readonly listeners = new Set<(change: ClusterSetChange) => void>();

  constructor(
    private readonly options: {
      cache: GatewayApiCache;
      strategies: Map<string, AuthenticationStrategy>;
      logger: LoggerService;
      clientOptions?: ClusterClientOptions;
      clock?: () => Date;
    },
  ) {
    this.problems = new ClusterProblems(options.clock);
  }

  /** The clusters read at start-up, and what was left out then. */
  addStartup(read: StartupClusters): void {
    for (const cluster of read.clusters) {
      const refused = this.add(cluster);
      if (refused) this.leaveOut(refused);
    }
    for (const leftOut of read.leftOut) this.leaveOut(leftOut);
    for (const { locator, reason } of read.locatorsNotRead) {
      this.locatorNotRead(locator, reason);
    }
  }

  client(name: string): ClusterClient | undefined {
    return this.clients.find(c => c.name === name);
  }

  /** The locator a cluster read now comes from. */
  locatorOf(name: string): string | undefined {
    return this.configured.get(name)?.cluster.locator;
  }

  /**
   * Why a cluster cannot be used now: the problem of the cluster read under that name, or, when
   * none is, of a cluster left out under it. Undefined for a cluster that is fine or unknown.
   */
  problemOf(name: string): ClusterProblem | undefined {
    const locator = this.locatorOf(name);
    return locator ? this.problems.of(name, locator) : this.problems.of(name);
  }

  /** Hears every change of the set; returns the unsubscribe. */
  subscribe(listener: (change: ClusterSetChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A locator could not be read: its clusters (if any were read) stay as they were. */
  locatorNotRead(locator: string, reason: string): void {
    if (this.problems.set({ locator, kind: 'locatorNotRead', reason })) {
      this.options.logger.error(
        `The Gateway API plugin could not read the ${locator} cluster locator: ${reason}`,
      );
    }
  }

  /**
   * Makes the set's clusters of `locator` (one that is read again: `catalog`, `gke`) those of
   * `read`: new ones are added (their watches start), changed ones replaced, gone ones removed
   * (their objects leave the cache). Such a cluster cannot take the name of a cluster of another
   * locator: that one stays.
   */
  replaceLocatorClusters(
    locator: string,
    read: LocatorClusters,
  ): ClusterSetChange {
    this.problems.clear({ locator });
    const leftOut = [...read.leftOut];
    const next = new Map<string, ConfiguredCluster>();
    for (const cluster of read.clusters) {
      const taken = this.locatorOf(cluster.name);
      if (taken && taken !== locator) {
        leftOut.push({
          name: cluster.name,
          locator,
          kind: 'invalidConfig',
          reason: `a cluster named "${
            cluster.name
          }" comes from the ${taken} locator; ${
            locator === 'catalog'
              ? 'the catalog entity cannot replace it (rename the entity)'
              : `the ${locator} locator's cluster cannot replace it`
          }`,
          entityRef: cluster.entityRef,
        });
      } else {
        next.set(cluster.name, { ...cluster, locator });
      }
    }
    const change: ClusterSetChange = { added: [], removed: [] };
    for (const [name, { cluster }] of this.configured) {
      if (cluster.locator === locator && !next.has(name)) {
        this.remove(name);
        change.removed.push(name);
      }
    }
    for (const [name, cluster] of next) {
      const known = this.configured.get(name);
      if (known?.fingerprint === fingerprintOf(cluster)) continue;
      if (known) {
        this.remove(name);
        change.removed.push(name);
      }
      const refused = this.add(cluster);
      if (refused) leftOut.push(refused);
      else change.added.push(name);
    }
    // Of the locator's clusters' problems, those of clusters read now stay (their checks set
    // them); the left-out ones are recorded again, keeping since when; the others are over.
    const leftOutNames = new Set(leftOut.map(l => l.name));
    this.problems.clearLocatorClusters(
      locator,
      name => leftOutNames.has(name) || this.locatorOf(name) === locator,
    );
    // A cluster added now (a malformed entity fixed, say) starts without a problem.
    for (const name of change.added) {
      this.problems.clear({ cluster: name, locator });
    }
    for (const l of leftOut) this.leaveOut(l);
    if (change.added.length || change.removed.length) {
      this.options.logger.info(
        `Clusters from the ${locator} locator: added ${
          change.added.join(', ') || 'none'
        }, removed ${change.removed.join(', ') || 'none'}`,
      );
      for (const listener of this.listeners) listener(change);
    }
    return change;
  }

  /** Asks every cluster read now whether it answers and takes the credential. */
  async probe(): Promise<void> {
    await Promise.all(
      [...this.clients].map(async client => {
        const configured = this.configured.get(client.name)?.cluster;
        const locator = configured?.locator ?? 'config';
        const problem =
          configured && !this.options.strategies.has(configured.authProvider)
            ? {
                kind: 'invalidConfig' as const,
                reason: `no authentication strategy "${configured.authProvider}" is installed; add one through gatewayApiAuthStrategyExtensionPoint, or use another authProvider`,
              }
            : await probeCluster(client);
        // The cluster may have left the set while the probe ran.
        if (this.client(client.name) !== client) return;
        if (!problem) {
          this.problems.clear({ cluster: client.name, locator });
          return;
        }
        const entityRef = this.configured.get(client.name)?.cluster.entityRef;
        if (
          this.problems.set({
            cluster: client.name,
            locator,
            ...problem,
            ...(entityRef ? { entityRef } : {}),
          })
        ) {
          this.options.logger.error(
            `The Gateway API plugin cannot read cluster "${client.name}": ${problem.reason}`,
          );
        }
      }),
    );
  }

  /** Adds a cluster whose strategy accepts its auth metadata; answers why not otherwise. */
  private add(cluster: ConfiguredCluster): LeftOutCluster | undefined {
    const refused = authProblems(cluster, this.options.strategies);
    if (refused.length > 0) {
      return {
        name: cluster.name,
        locator: cluster.locator ?? 'config',
        kind: 'invalidConfig',
        reason: refused.join(', '),
        entityRef: cluster.entityRef,
      };
    }
    const [withCredential] = withCredentials(
      [cluster],
      this.options.strategies,
    );
    const client = new ClusterClient(
      withCredential,
      this.options.clientOptions,
    );
    this.configured.set(cluster.name, {
      cluster,
      fingerprint: fingerprintOf(cluster),
    });
    this.clusters.push(withCredential);
    this.clients.push(client);
    this.options.cache.addCluster(client);
    return undefined;
  }

  private remove(name: string): void {
    this.configured.delete(name);
    removeWhere(this.clusters, c => c.name === name);
    removeWhere(this.clients, c => c.name === name);
    this.options.cache.removeCluster(name);
  }

  private leaveOut(leftOut: LeftOutCluster): void {
    const { name, ...rest } = leftOut;
    if (this.problems.set({ cluster: name, ...rest })) {
      this.options.logger.error(
        `The Gateway API plugin cannot read cluster "${name}"${
          leftOut.entityRef ? ` (${leftOut.entityRef})` : ''
        }: ${leftOut.reason}`,
      );
    }
  }
}

/** What makes a cluster the same cluster: where it is and how Gatehouse authenticates to it. */
function fingerprintOf(cluster: ConfiguredCluster): string {
  const { credential, ...rest } = cluster;
  // Keys sorted at every level, so the same cluster always reads the same.
  return JSON.stringify(rest, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).sort(([a], [b]) => a.localeCompare(b)),
        )
      : value,
  );
}

function removeWhere<T>(array: T[], predicate: (item: T) => boolean) {
  for (let i = array.length - 1; i >= 0; i -= 1) {
    if (predicate(array[i])) array.splice(i, 1);
  }
}
