import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { GatewayApiClusters } from '../clusters/clustersService';
import { isRefreshedLocator } from '../clusters/clusters';
import { GatewayApiEntityProvider } from './GatewayApiEntityProvider';

/** The runner of a cluster's provider here: its full mutations run on this provider's task. */
const NO_RUN: SchedulerServiceTaskRunner = { run: async () => {} };

interface Part {
  provider: GatewayApiEntityProvider;
  /** What this cluster's provider emitted last, by entity ref. */
  entities: Map<string, DeferredEntity>;
  attached: boolean;
}

/**
 * The tenants, Gateways and hostnames of the clusters `catalog` and `gke` locators name. The
 * catalog takes entity providers only at start-up, and those clusters come and go while it
 * runs, so one provider holds them all: each cluster's entities are built by a
 * {@link GatewayApiEntityProvider} of its own (same entities, same location keys, same deltas),
 * and its full mutations are gathered here into one. A cluster that leaves the set takes its
 * entities out of the catalog.
 */
export class CatalogClustersEntityProvider implements EntityProvider {
  private connection: EntityProviderConnection | undefined;
  private readonly parts = new Map<string, Part>();
  private schedule: SchedulerServiceTaskScheduleDefinition | undefined;
  private scheduled = false;

  constructor(
    private readonly options: {
      config: Config;
      logger: LoggerService;
      scheduler: SchedulerService;
      clusters: Pick<
        GatewayApiClusters,
        'clusters' | 'cache' | 'locatorOf' | 'subscribe'
      >;
    },
  ) {}

  getProviderName(): string {
    return 'gateway-api-provider:catalog-clusters';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { clusters } = this.options;
    clusters.cache.start();
    clusters.subscribe(change => {
      for (const name of change.removed) this.detach(name);
      for (const name of change.added) {
        if (isRefreshedLocator(clusters.locatorOf(name))) this.attach(name);
      }
      if (change.removed.length > 0) {
        this.emitFull().catch(error =>
          this.options.logger.warn(`Full mutation failed: ${error}`),
        );
      }
    });
    for (const { name } of clusters.clusters) {
      if (isRefreshedLocator(clusters.locatorOf(name))) this.attach(name);
    }
  }

  /** Every cluster's full mutation now (the scheduled task). */
  async refresh(): Promise<void> {
    for (const part of [...this.parts.values()]) await part.provider.refresh();
  }

  private attach(name: string) {
    this.detach(name);
    const [provider] = GatewayApiEntityProvider.fromConfig(
      this.options.config,
      {
        logger: this.options.logger,
        // The cluster's provider reads the configured schedule; the task is this one's.
        scheduler: {
          createScheduledTaskRunner: (
            schedule: SchedulerServiceTaskScheduleDefinition,
          ) => {
            this.schedule ??= schedule;
            return NO_RUN;
          },
        } as unknown as SchedulerService,
        clusters: [name],
        cache: this.options.clusters.cache,
      },
    );
    const part: Part = { provider, entities: new Map(), attached: true };
    this.parts.set(name, part);
    provider
      .connect({
        applyMutation: mutation => this.apply(part, mutation),
        refresh: options => this.connection!.refresh(options),
      })
      .catch(error =>
        this.options.logger.warn(`Connecting cluster ${name} failed: ${error}`),
      );
    this.scheduleOnce();
  }

  private detach(name: string) {
    const part = this.parts.get(name);
    if (!part) return;
    part.attached = false;
    part.provider.disconnect();
    this.parts.delete(name);
  }

  private async apply(part: Part, mutation: EntityProviderMutation) {
    // A removed cluster's provider may still finish a build it had started.
    if (!part.attached || !this.connection) return;
    if (mutation.type === 'full') {
      part.entities = new Map(
        mutation.entities.map(e => [stringifyEntityRef(e.entity), e]),
      );
      await this.emitFull();
      return;
    }
    for (const e of mutation.added) {
      part.entities.set(stringifyEntityRef(e.entity), e);
    }
    for (const r of mutation.removed) {
      part.entities.delete(
        'entityRef' in r ? r.entityRef : stringifyEntityRef(r.entity),
      );
    }
    await this.connection.applyMutation(mutation);
  }

  /** One full mutation of every cluster's last entities: what is not in it leaves the catalog. */
  private async emitFull() {
    if (!this.connection) return;
    await this.connection.applyMutation({
      type: 'full',
      entities: [...this.parts.values()].flatMap(p => [...p.entities.values()]),
    });
  }

  private scheduleOnce() {
    if (this.scheduled || !this.schedule) return;
    this.scheduled = true;
    this.options.scheduler
      .createScheduledTaskRunner(this.schedule)
      .run({
        id: `${this.getProviderName()}:refresh`,
        fn: () => this.refresh(),
      })
      .catch(error =>
        this.options.logger.warn(`Scheduling the refresh failed: ${error}`),
      );
  }
}
