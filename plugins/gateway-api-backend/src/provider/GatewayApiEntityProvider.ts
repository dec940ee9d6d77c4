import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { entitiesFromSnapshot } from './entities';
import {
  HostnameEntities,
  readHostnameEntities,
  resolveHostnameEntities,
  shapeHostnameEntities,
} from './hostnameEntities';

const key = (e: Entity) => stringifyEntityRef(e);

/** The config of the providers: `catalog.providers.gatewayApi`. */
const CONFIG_KEY = 'catalog.providers.gatewayApi';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 5 },
};

const DEFAULT_OWNER = 'group:default/platform';

export interface GatewayApiEntityProviderOptions {
  cluster: string;
  cache: GatewayApiCache;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  defaultOwner: string;
  /** What to emit for hostnames; default `auto`. */
  hostnameEntities?: HostnameEntities;
  /** Delay that gathers a burst of watch events into one delta mutation. */
  deltaDelayMs?: number;
}

/**
 * Ingests one cluster's tenants, Gateways and hostnames. One provider per cluster: a full
 * mutation replaces only that cluster's entities, and a cluster the cache has not been able to
 * list keeps its last known entities, because nothing is emitted for it until it answers.
 */
export class GatewayApiEntityProvider implements EntityProvider {
  private connection: EntityProviderConnection | undefined;
  private unsubscribe: (() => void) | undefined;
  private emitted = new Map<string, string>();
  private deltaTimer: NodeJS.Timeout | undefined;
  private deltaRunning = false;
  private deltaPending = false;
  private readonly location: string;

  /**
   * One provider per cluster, from `catalog.providers.gatewayApi`: its `schedule` (every 5
   * minutes by default), `defaultOwner` (`group:default/platform`) and `hostnameEntities`
   * (`auto`).
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      clusters: string[];
      cache: GatewayApiCache;
    },
  ): GatewayApiEntityProvider[] {
    const providerConfig = config.getOptionalConfig(CONFIG_KEY);
    const schedule = providerConfig?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          providerConfig.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE;
    const defaultOwner =
      providerConfig?.getOptionalString('defaultOwner') ?? DEFAULT_OWNER;
    const hostnameEntities = readHostnameEntities(config);
    return options.clusters.map(
      cluster =>
        new GatewayApiEntityProvider({
          cluster,
          cache: options.cache,
          logger: options.logger.child({ cluster }),
          taskRunner: options.scheduler.createScheduledTaskRunner(schedule),
          defaultOwner,
          hostnameEntities,
        }),
    );
  }

  constructor(private readonly options: GatewayApiEntityProviderOptions) {
    this.location = `gateway-api:${options.cluster}`;
  }

  getProviderName(): string {
    return `gateway-api-provider:${this.options.cluster}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    this.options.cache.start();
    this.unsubscribe?.();
    this.unsubscribe = this.options.cache.subscribe(cluster => {
      if (cluster === this.options.cluster) this.scheduleDelta();
    });
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /**
   * Stops hearing the cache and drops the connection: the cluster left the configuration (a
   * catalog cluster removed), so nothing of it is emitted again.
   */
  disconnect(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.deltaTimer) clearTimeout(this.deltaTimer);
    this.deltaTimer = undefined;
    this.connection = undefined;
  }

  /** Full mutation: the catalog's set of this cluster's entities becomes exactly ours. */
  async refresh(): Promise<void> {
    if (!this.connection)
      throw new Error('GatewayApiEntityProvider is not connected');
    if (!this.options.cache.hasSynced(this.options.cluster)) {
      this.options.logger.info(
        `Cluster ${this.options.cluster} has not answered yet; keeping its last known entities`,
      );
      return;
    }
    const entities = this.build();
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.location,
      })),
    });
    this.emitted = new Map(entities.map(e => [key(e), JSON.stringify(e)]));
  }

  /**
   * Gathers the events of `deltaDelayMs` (100 ms by default) into one delta, with at most one
   * in flight: events that come meanwhile go into the next. A busy cluster therefore still
   * gets a delta every build, where a timer reset on each event would postpone it for as
   * long as events keep coming.
   */
  private scheduleDelta() {
    if (this.deltaRunning) {
      this.deltaPending = true;
      return;
    }
    if (this.deltaTimer) return;
    this.deltaTimer = setTimeout(async () => {
      this.deltaTimer = undefined;
      this.deltaRunning = true;
      try {
        await this.applyDelta();
      } catch (error) {
        this.options.logger.warn(`Delta mutation failed: ${error}`);
      } finally {
        this.deltaRunning = false;
        if (this.deltaPending) {
          this.deltaPending = false;
          this.scheduleDelta();
        }
      }
    }, this.options.deltaDelayMs ?? 100);
    this.deltaTimer.unref?.();
  }

  /** Only what changed since the last mutation, so a change in a cluster shows in seconds. */
  private async applyDelta(): Promise<void> {
    if (!this.connection || !this.options.cache.hasSynced(this.options.cluster))
      return;
    const entities = this.build();
    const next = new Map(entities.map(e => [key(e), JSON.stringify(e)]));
    const added = entities.filter(
      e => this.emitted.get(key(e)) !== next.get(key(e)),
    );
    const removed = [...this.emitted.keys()].filter(k => !next.has(k));
    if (added.length === 0 && removed.length === 0) return;
    await this.connection.applyMutation({
      type: 'delta',
      added: added.map(entity => ({ entity, locationKey: this.location })),
      removed: removed.map(entityRef => ({
        entityRef,
        locationKey: this.location,
      })),
    });
    this.emitted = next;
  }

  private build(): Entity[] {
    const entities = entitiesFromSnapshot(
      this.options.cache.snapshot(this.options.cluster),
      { defaultOwner: this.options.defaultOwner, location: this.location },
      (object, reason) =>
        this.options.logger.warn(
          `Skipping ${object} in cluster ${this.options.cluster}: ${reason}`,
        ),
    );
    const { cache } = this.options;
    return shapeHostnameEntities(
      entities,
      resolveHostnameEntities(this.options.hostnameEntities ?? 'auto', () =>
        cache.clusters.map(c => cache.snapshot(c)),
      ),
    );
  }
}
