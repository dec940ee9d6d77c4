/* eslint-disable no-console */
/**
 * yarn bench:catalog — the real Backstage catalog (`@backstage/plugin-catalog-backend`) fed by
 * our entity providers over 10 in-memory clusters: how long from the full mutations until every
 * entity is processed and stitched (final entity written, stitch queue empty), a few deltas'
 * latency into the catalog, and what the backend holds in memory after a forced GC.
 * Each run is a fresh child process (clean heap); every figure is compared with a baseline
 * measured in the same run: per entity against the small size, and per hostname shape.
 * Small (npm test): 500 hostnames against 100, one entity each, on SQLite.
 * BENCH_SIZE=full: 100k hostnames against 1k (and 10k), each shape, on SQLite in memory and
 * PostgreSQL; BENCH_CATALOG_MINUTES caps a run (it then reports its progress and rate).
 * BENCH_DB=sqlite|pg|both picks the databases (default: sqlite, both at full size);
 * BENCH_SHAPES=perHostname,perTenant,none the hostname entity shapes at the large size.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { entityName } from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject } from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import type { Knex } from 'knex';
import { startPostgres, TestPostgres } from '../src/__testUtils__/postgres';
import { GatewayApiEntityProvider } from '../src/provider/GatewayApiEntityProvider';
import { entitiesFromSnapshot } from '../src/provider/entities';
import {
  HostnameEntities,
  resolveHostnameEntities,
  shapeHostnameEntities,
} from '../src/provider/hostnameEntities';
import { GatewayApiPartOfProcessor } from '../src/provider/partOfProcessor';
import { percentile, quietLogger, snapshotCache } from './fixtures';

const FULL = process.env.BENCH_SIZE === 'full';
// Each cluster adds its tenants and Gateways: two at the small size keep npm test short.
const CLUSTERS = FULL ? 10 : 2;
const DELTAS = FULL ? 5 : 2;
const OWNER = 'group:default/platform';
const gc = () => {
  const run = (globalThis as { gc?: () => void }).gc;
  if (!run) throw new Error('run node with --expose-gc');
  run();
  run();
};

type Db = 'sqlite' | 'pg';
interface RunSpec {
  hostnames: number;
  db: Db;
  shape: HostnameEntities;
}
interface RunResult extends RunSpec {
  entities: number;
  /** False when the time limit came first: then `processed` says how far it got. */
  finished: boolean;
  processed: number;
  mutationMs: number;
  processedMs: number;
  stitchedMs: number;
  deltaP50Ms: number;
  deltaMaxMs: number;
  /** Growth of the V8 heap and of the process's resident memory, after GC. */
  heapBytes: number;
  rssBytes: number;
  dbBytes: number;
  errors: number;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;

/** Polls `check` until it holds (true) or `timeoutMs` passes (false). */
async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  pollMs = 200,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) return false;
    await new Promise(r => setTimeout(r, pollMs));
  }
  return true;
}

const count = async (query: Knex.QueryBuilder) =>
  Number(((await query.count({ n: '*' })) as Array<{ n: number }>)[0].n);

/** One size, one database, one shape, in this process (a child of the main one). */
async function runOne(spec: RunSpec): Promise<RunResult> {
  let postgres: TestPostgres | undefined;
  if (spec.db === 'pg') postgres = await startPostgres();
  const cache = snapshotCache(CLUSTERS, spec.hostnames);
  const listeners: Array<(cluster: string) => void> = [];
  (cache as { subscribe: unknown }).subscribe = (
    listener: (cluster: string) => void,
  ) => {
    listeners.push(listener);
    return () => {};
  };
  const providers = cache.clusters.map(
    cluster =>
      new GatewayApiEntityProvider({
        cluster,
        cache,
        logger: quietLogger,
        // The bench runs the full mutations itself, to time them.
        taskRunner: { run: async () => {} },
        defaultOwner: OWNER,
        hostnameEntities: spec.shape,
        deltaDelayMs: 10,
      }),
  );
  const expected = cache.clusters.reduce(
    (sum, cluster) =>
      sum +
      shapeHostnameEntities(
        entitiesFromSnapshot(cache.snapshot(cluster), {
          defaultOwner: OWNER,
          location: 'bench',
        }),
        resolveHostnameEntities(spec.shape, () =>
          cache.clusters.map(c => cache.snapshot(c)),
        ),
      ).length,
    0,
  );

  let knex: Knex | undefined;
  const benchModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'gateway-api-bench',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          database: coreServices.database,
        },
        async init({ catalog, database }) {
          catalog.addProcessor(new GatewayApiPartOfProcessor());
          catalog.addEntityProvider(providers);
          knex = await database.getClient();
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: postgres
              ? { client: 'pg', connection: postgres.connection }
              : { client: 'better-sqlite3', connection: ':memory:' },
          },
        },
      }),
      catalogPlugin,
      benchModule,
    ],
  });
  const db = knex!;

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  await Promise.all(providers.map(p => p.refresh()));
  const mutationMs = performance.now() - start;
  // On shared machines a full-size run can take longer than anyone waits: past the limit,
  // the run reports how far the catalog got and its rate.
  const timeout = Number(
    process.env.BENCH_CATALOG_MINUTES
      ? Number(process.env.BENCH_CATALOG_MINUTES) * 60_000
      : Math.max(120_000, spec.hostnames * 60),
  );
  // Counting 100k rows takes the catalog's database from it: less often at that size.
  const pollMs = expected > 20_000 ? 10_000 : 200;
  let processedMs = 0;
  let processed = 0;
  let reported = start;
  const progress = (what: string, done: number) => {
    if (performance.now() - reported < 60_000) return;
    reported = performance.now();
    console.error(
      `  ${spec.db} ${spec.shape} ${
        spec.hostnames
      }: ${done}/${expected} ${what} after ${s(reported - start)}`,
    );
  };
  const allProcessed = await waitFor(
    async () => {
      processed = await count(
        db('refresh_state').whereNotNull('processed_entity'),
      );
      progress('processed', processed);
      if (processed < expected) return false;
      processedMs ||= performance.now() - start;
      return true;
    },
    timeout,
    pollMs,
  );
  const memory = async () => {
    gc();
    return {
      heapBytes: process.memoryUsage().heapUsed - heapBefore,
      rssBytes: process.memoryUsage().rss - rssBefore,
      dbBytes:
        spec.db === 'pg'
          ? Number(
              (
                await db.raw(
                  'select pg_database_size(current_database()) as size',
                )
              ).rows[0].size,
            )
          : Number((await db.raw('pragma page_count'))[0].page_count) *
            Number((await db.raw('pragma page_size'))[0].page_size),
    };
  };
  if (!allProcessed) {
    const elapsed = performance.now() - start;
    // What it holds so far, with `processed` of the entities behind it.
    const held = await memory();
    await backend.stop();
    postgres?.stop();
    return {
      ...spec,
      entities: expected,
      finished: false,
      processed,
      mutationMs,
      processedMs: elapsed,
      stitchedMs: elapsed,
      deltaP50Ms: 0,
      deltaMaxMs: 0,
      ...held,
      errors: 0,
    };
  }
  await waitFor(
    async () => {
      const stitched = await count(
        db('final_entities').whereNotNull('final_entity'),
      );
      progress('stitched', stitched);
      return stitched >= expected && (await count(db('stitch_queue'))) === 0;
    },
    timeout,
    pollMs,
  );
  const stitchedMs = performance.now() - start;
  const stored = await count(db('final_entities').whereNotNull('final_entity'));
  if (stored !== expected) {
    throw new Error(`the catalog holds ${stored} entities, not ${expected}`);
  }
  const errors = await count(
    db('refresh_state').whereNot('errors', '[]').whereNotNull('errors'),
  );

  // The catalog really stitched relations: a Gateway knows what depends on it.
  const gateway = await db('final_entities')
    .where('entity_ref', 'like', 'resource:bench-0/tenant-t0.gw-0')
    .first();
  const relations = JSON.parse(gateway?.final_entity ?? '{}').relations ?? [];
  if (
    spec.shape !== 'none' &&
    !relations.some((r: { type: string }) => r.type === 'dependencyOf')
  ) {
    throw new Error(
      'gateway gw-0 has no dependencyOf relation after stitching',
    );
  }

  const { heapBytes, rssBytes, dbBytes } = await memory();

  // Deltas: a new hostname in the first cluster, until the catalog serves it stitched.
  const deltas: number[] = [];
  const snapshot = cache.snapshot('bench-0');
  // With no hostname entities, a new hostname changes nothing in the catalog.
  for (let i = 0; i < (spec.shape === 'none' ? 0 : DELTAS); i++) {
    const hostname = `delta-${i}.g0.t0.example.org`;
    (snapshot.byKind.get('HTTPRoute') as KubernetesObject[]).push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `delta-${i}`, namespace: 'apps-t0' },
      spec: {
        parentRefs: [{ name: 'gw-0', namespace: 'tenant-t0' }],
        hostnames: [hostname],
      },
    } as KubernetesObject);
    const applied = performance.now();
    listeners.forEach(l => l('bench-0'));
    // Per hostname: its own entity; per tenant: the tenant's group lists it.
    const ref = `resource:bench-0/${
      spec.shape === 'perHostname' ? hostname : entityName('hostnames', 't0')
    }`;
    const reached = await waitFor(async () => {
      const row = await db('final_entities')
        .where('entity_ref', ref)
        .whereNotNull('final_entity')
        .first();
      return row !== undefined && row.final_entity.includes(hostname);
    }, 120_000);
    // A delta waits behind whatever the catalog has yet to process: past 2 minutes it counts
    // as 2 minutes, and the run says so rather than failing.
    if (!reached)
      console.error(`  ${hostname} did not reach the catalog in 120 s`);
    deltas.push(performance.now() - applied);
  }

  await backend.stop();
  postgres?.stop();
  return {
    ...spec,
    entities: expected,
    finished: true,
    processed,
    mutationMs,
    processedMs,
    stitchedMs,
    deltaP50Ms: deltas.length ? percentile(deltas, 50) : 0,
    deltaMaxMs: deltas.length ? Math.max(...deltas) : 0,
    heapBytes,
    rssBytes,
    dbBytes,
    errors,
  };
}

/** Runs one measurement in a fresh node process, so each heap starts clean. */
function child(spec: RunSpec): RunResult {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, __filename],
    {
      env: { ...process.env, CATALOG_BENCH_RUN: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  ).toString();
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line);
}

function describe(r: RunResult) {
  if (!r.finished) {
    const rate = r.processed / (r.processedMs / 1000);
    return `${r.db} ${r.shape}, ${r.hostnames} hostnames (${
      r.entities
    } entities): NOT FINISHED, ${r.processed} processed in ${s(
      r.processedMs,
    )} (${rate.toFixed(
      0,
    )} entities/s; the first processing alone would take ${s(
      (r.entities / rate) * 1000,
    )}); so far heap +${mb(r.heapBytes)}, rss +${mb(r.rssBytes)}, database ${mb(
      r.dbBytes,
    )}`;
  }
  return `${r.db} ${r.shape}, ${r.hostnames} hostnames (${
    r.entities
  } entities): full mutation ${s(r.mutationMs)}, processed ${s(
    r.processedMs,
  )}, stitched ${s(r.stitchedMs)} (${(r.stitchedMs / r.entities).toFixed(
    2,
  )} ms/entity); delta p50 ${s(r.deltaP50Ms)}, max ${s(
    r.deltaMaxMs,
  )}; heap +${mb(r.heapBytes)}, rss +${mb(r.rssBytes)} (${(
    r.rssBytes /
    1024 /
    r.entities
  ).toFixed(1)} kB/entity), database ${mb(r.dbBytes)}; ${
    r.errors
  } entities with errors`;
}

async function main() {
  // Small enough for npm test (about a minute on two shared cores).
  const large = FULL ? 100_000 : 500;
  const small = FULL ? 1_000 : 100;
  const dbs: Db[] =
    process.env.BENCH_DB === 'both' || (FULL && !process.env.BENCH_DB)
      ? ['sqlite', 'pg']
      : [(process.env.BENCH_DB as Db) ?? 'sqlite'];
  const shapes = (process.env.BENCH_SHAPES?.split(',') ??
    (FULL
      ? ['perHostname', 'perTenant', 'none']
      : ['perHostname'])) as HostnameEntities[];
  console.log(
    `bench:catalog, ${CLUSTERS} clusters x 10 tenants, ${large} hostnames against ${small}, on ${dbs.join(
      ' and ',
    )}`,
  );
  for (const db of dbs) {
    const base = child({ hostnames: small, db, shape: 'perHostname' });
    console.log(describe(base));
    // At full size, 10k as well: one entity per hostname still finishes there.
    if (FULL && !process.env.BENCH_SHAPES) {
      const mid = child({ hostnames: 10_000, db, shape: 'perHostname' });
      console.log(describe(mid));
      console.log(
        `${db}: at 10000 hostnames, ${(
          mid.stitchedMs /
          mid.entities /
          (base.stitchedMs / base.entities)
        ).toFixed(2)}x the time per entity of ${small}, ${(
          (mid.rssBytes - base.rssBytes) /
          1024 /
          (mid.entities - base.entities)
        ).toFixed(1)} kB of memory per added entity (database ${(
          (mid.dbBytes - base.dbBytes) /
          1024 /
          (mid.entities - base.entities)
        ).toFixed(1)} kB)`,
      );
    }
    const runs = new Map<HostnameEntities, RunResult>();
    for (const shape of shapes) {
      const r = child({ hostnames: large, db, shape });
      console.log(describe(r));
      runs.set(shape, r);
    }
    // Entities processed and stitched per second, the catalog's throughput.
    const rate = (r: RunResult) =>
      (r.finished ? r.entities : r.processed) / (r.stitchedMs / 1000);
    const perHostname = runs.get('perHostname');
    if (perHostname) {
      const projected = (perHostname.entities / rate(perHostname)) * 1000;
      console.log(
        `${db}: at ${large} hostnames, one entity each, the catalog ${
          perHostname.finished ? 'took' : 'would take'
        } ${s(projected)} for ${perHostname.entities} entities against ${s(
          base.stitchedMs,
        )} for ${base.entities} at ${small}: ${rate(perHostname).toFixed(
          0,
        )} entities/s against ${rate(base).toFixed(0)} (${(
          rate(base) / rate(perHostname)
        ).toFixed(2)}x the time per entity)${
          perHostname.finished
            ? `; memory +${mb(perHostname.rssBytes)} against +${mb(
                base.rssBytes,
              )}, ${(
                (perHostname.rssBytes - base.rssBytes) /
                1024 /
                (perHostname.entities - base.entities)
              ).toFixed(1)} kB per added entity`
            : ''
        }`,
      );
      for (const [shape, r] of runs) {
        if (shape === 'perHostname') continue;
        console.log(
          `${db}: ${shape} at ${large}: ${r.entities} entities in ${s(
            r.stitchedMs,
          )}, ${(projected / r.stitchedMs).toFixed(
            0,
          )}x sooner than one entity per hostname; memory +${mb(r.rssBytes)}`,
        );
      }
    }
  }
}

if (process.env.CATALOG_BENCH_RUN) {
  runOne(JSON.parse(process.env.CATALOG_BENCH_RUN))
    .then(result => {
      console.log(JSON.stringify(result));
      process.exit(0);
    })
    .catch(error => {
      console.error(error);
      process.exit(1);
    });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
