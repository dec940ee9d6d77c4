import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { durationToMilliseconds } from '@backstage/types';
import { ClusterProblem } from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import {
  ClusterClient,
  ClusterClientOptions,
} from '../kubernetes/ClusterClient';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';
import { defaultAuthStrategies } from './authStrategies';
import { readCatalogClusters } from './catalogLocator';
import {
  LocatorClusters,
  readGkeLocator,
  readStartupClusters,
} from './clusters';
import { ClusterSet } from './ClusterSet';
import { defaultGkeClusterLister, GkeClusterLister } from './gkeLocator';

/**
 * The clusters Gatehouse reads, with one client each, and the one watch-fed cache over them.
 * Root scoped, so the REST API, the entity provider and the scaffolder actions (three plugins of
 * the backend system) share a single cache and a single watch per kind and cluster. Clusters of
 * `catalog` and `gke` locators come and go while the backend runs.
 *
 * @public
 */
export interface GatewayApiClusters {
  /** The clusters read now: a live array, changed in place as clusters come and go. */
  clusters: GatewayApiCluster[];
  /** Their clients: a live array too. */
  clients: ClusterClient[];
  client(name: string): ClusterClient | undefined;
  /** Started by the first consumer that needs it; stopped when the backend shuts down. */
  cache: GatewayApiCache;
  /**
   * Adds (or replaces) the strategy for an authProvider; clusters ask for it on their next
   * request. Called by the plugin with the strategies its extension point collected.
   */
  addAuthStrategy(authProvider: string, strategy: AuthenticationStrategy): void;
  /** Clusters left out, unreachable or refusing Gatehouse, and locators not read: why and since when. */
  problems(): ClusterProblem[];
  /** Why a cluster cannot be used now, if it cannot. */
  problemOf(cluster: string): ClusterProblem | undefined;
  /** The locator a cluster read now comes from (`config`, `catalog`, `gke`, `localKubectlProxy`). */
  locatorOf(cluster: string): string | undefined;
  /** Hears each change of the set (clusters of catalog and gke locators added or removed); returns the unsubscribe. */
  subscribe(
    listener: (change: { added: string[]; removed: string[] }) => void,
  ): () => void;
  /**
   * Reads the `catalog` locators now and every `gatewayApi.clusters.refreshInterval`, with the
   * given catalog and credentials (the Gateway API plugin passes its own service credentials
   * once every plugin has started), and asks each cluster whether it answers. Resolves after
   * the first read; later calls do nothing.
   */
  readCatalogLocators(
    catalog: Pick<CatalogService, 'getEntities'>,
    credentials: () => Promise<BackstageCredentials>,
  ): Promise<void>;
}

const DEFAULT_REFRESH_MS = 60_000;

/** `gatewayApi.clusters.refreshInterval`: how often the catalog and GKE are read and each cluster checked. */
export function readClusterRefreshMs(config: Config): number {
  const key = 'gatewayApi.clusters.refreshInterval';
  if (!config.has(key)) return DEFAULT_REFRESH_MS;
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

/**
 * The clusters service over `config`: the locators read at start-up, the `gke` ones read again
 * on each interval, the `catalog` ones read when
 * {@link GatewayApiClusters.readCatalogLocators} is called and again on each interval, every
 * cluster checked on each interval. `stop` ends the timers and the cache.
 */
export async function createGatewayApiClusters(
  config: Config,
  logger: LoggerService,
  options: {
    clientOptions?: ClusterClientOptions;
    clock?: () => Date;
    /** The GKE API client for `gke` locators; the real one by default. */
    gke?: () => Promise<GkeClusterLister>;
  } = {},
): Promise<GatewayApiClusters & { stop(): void }> {
  const refreshMs = readClusterRefreshMs(config);
  // One GKE client for every read; one that could not be made is tried again on the next.
  let gkeLister: Promise<GkeClusterLister> | undefined;
  const gke = () =>
    (gkeLister ??= (options.gke ?? defaultGkeClusterLister)().catch(error => {
      gkeLister = undefined;
      throw error;
    }));
  const startup = await readStartupClusters(config, { gke });
  const strategies = defaultAuthStrategies(config, logger);
  const cache = new GatewayApiCache([], { logger });
  const set = new ClusterSet({
    cache,
    strategies,
    logger,
    clientOptions: options.clientOptions,
    clock: options.clock,
  });
  set.addStartup(startup);

  const timers: NodeJS.Timeout[] = [];
  const every = (fn: () => Promise<void>) => {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      fn()
        .catch(error => logger.warn(`Cluster refresh failed: ${error}`))
        .finally(() => {
          running = false;
        });
    };
    const timer = setInterval(tick, refreshMs);
    timer.unref?.();
    timers.push(timer);
  };
  // Each cluster is asked on every interval, and first when the plugin starts (once modules
  // have added their strategies): see readCatalogLocators.
  every(() => set.probe());

  /**
   * Reads a locator's clusters again: they replace its last ones, and new ones are asked at
   * once. A read that fails keeps the last ones and says why: a catalog or GKE API that is
   * down removes nothing.
   */
  const refresh = async (
    locator: string,
    read: () => Promise<LocatorClusters>,
    failed: (error: Error) => string,
  ) => {
    let clusters: LocatorClusters;
    try {
      clusters = await read();
    } catch (error) {
      set.locatorNotRead(locator, failed(error as Error));
      return;
    }
    set.replaceLocatorClusters(locator, clusters);
    await set.probe();
  };
  /** Every locator of a type read, their clusters together; the first that fails fails all. */
  const readEach = async (
    locators: Config[],
    readOne: (locator: Config) => Promise<LocatorClusters>,
  ): Promise<LocatorClusters> => {
    const merged: LocatorClusters = { clusters: [], leftOut: [] };
    for (const locator of locators) {
      const read = await readOne(locator);
      merged.clusters.push(...read.clusters);
      merged.leftOut.push(...read.leftOut);
    }
    return merged;
  };

  if (startup.gkeLocators.length > 0) {
    every(() =>
      refresh(
        'gke',
        () => readEach(startup.gkeLocators, l => readGkeLocator(l, gke)),
        error => error.message,
      ),
    );
  }

  let catalogStarted: Promise<void> | undefined;
  const readCatalog = (
    catalog: Pick<CatalogService, 'getEntities'>,
    credentials: () => Promise<BackstageCredentials>,
  ) =>
    refresh(
      'catalog',
      async () =>
        readEach(startup.catalogLocators, async l =>
          readCatalogClusters(l, catalog, await credentials()),
        ),
      error =>
        `reading the kubernetes-cluster entities failed: ${error.message}`,
    );

  return {
    clusters: set.clusters,
    clients: set.clients,
    client: name => set.client(name),
    cache,
    addAuthStrategy: (authProvider, strategy) =>
      strategies.set(authProvider, strategy),
    problems: () => set.problems.list(),
    problemOf: name => set.problemOf(name),
    locatorOf: name => set.locatorOf(name),
    subscribe: listener => set.subscribe(listener),
    readCatalogLocators(catalog, credentials) {
      if (!catalogStarted) {
        if (startup.catalogLocators.length === 0) {
          catalogStarted = set.probe();
        } else {
          catalogStarted = readCatalog(catalog, credentials);
          every(() => readCatalog(catalog, credentials));
        }
      }
      return catalogStarted;
    },
    stop() {
      timers.forEach(timer => clearInterval(timer));
      cache.stop();
    },
  };
}

/**
 * The clusters service.
 *
 * @public
 */
export const gatewayApiClustersServiceRef =
  createServiceRef<GatewayApiClusters>({
    id: 'gateway-api.clusters',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
          lifecycle: coreServices.rootLifecycle,
        },
        async factory({ config, logger, lifecycle }) {
          const clusters = await createGatewayApiClusters(
            config,
            logger.child({ plugin: 'gateway-api' }),
          );
          lifecycle.addShutdownHook(() => clusters.stop());
          return clusters;
        },
      }),
  });
