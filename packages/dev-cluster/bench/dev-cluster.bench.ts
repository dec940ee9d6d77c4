/* eslint-disable no-console */
/**
 * Benchmarks the dev cluster over real HTTP on loopback. Each figure is printed as a ratio
 * against a baseline measured in the same run (a bare node http server doing the minimum for
 * the same traffic), because absolute numbers vary too much between machines.
 *
 *   yarn workspace @gatehouse/dev-cluster bench [--objects 100000]
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startDevCluster } from '../src';

const memoryObjects =
  Number(process.argv[process.argv.indexOf('--objects') + 1]) || 100_000;
const listObjects = 10_000;
const pageSize = 500;
const watchers = 50;
const events = 500;
const concurrency = 32;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function request(
  url: string,
  method: string,
  token: string,
  body?: string,
): Promise<string> {
  const contentType =
    method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': contentType,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 500) >= 300)
            reject(new Error(`${method} ${url}: ${res.statusCode} ${text}`));
          else resolve(text);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function pool(
  count: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function configMap(i: number) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `cm-${String(i).padStart(6, '0')}`,
      namespace: 'bench',
      labels: { app: `a${i % 10}` },
    },
    data: { key: `value-${i}` },
  };
}

/** The baseline: parses each body and answers with prepared bytes, nothing else. */
async function baselineServer(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Counts event lines until `expected` arrived; fails after a minute so the run stays bounded. */
function watchStream(
  url: string,
  token: string,
  expected: number,
): { ready: Promise<void>; done: Promise<void> } {
  let ready!: () => void;
  const readyP = new Promise<void>(r => (ready = r));
  const done = new Promise<void>((resolve, reject) => {
    http
      .get(url, { headers: { Authorization: `Bearer ${token}` } }, res => {
        ready();
        let seen = 0;
        const timer = setTimeout(() => {
          res.destroy();
          reject(new Error(`watch saw ${seen} of ${expected} events`));
        }, 60_000);
        res.on('data', (chunk: Buffer) => {
          for (const byte of chunk) if (byte === 10) seen++;
          if (seen >= expected) {
            clearTimeout(timer);
            res.destroy();
            resolve();
          }
        });
      })
      .on('error', reject);
  });
  return { ready: readyP, done };
}

function report(
  name: string,
  devMs: number,
  baseMs: number,
  unit = 'ms',
): void {
  console.log(
    `${name.padEnd(34)} dev-cluster ${devMs
      .toFixed(0)
      .padStart(7)} ${unit}  baseline ${baseMs
      .toFixed(0)
      .padStart(7)} ${unit}  ratio ${(devMs / baseMs).toFixed(2)}x`,
  );
}

async function main(): Promise<void> {
  const cluster = await startDevCluster({
    controllers: false,
    watchWindow: 20_000,
  });
  const token = cluster.adminToken;
  const cms = `${cluster.url}/api/v1/namespaces/bench/configmaps`;
  await request(
    `${cluster.url}/api/v1/namespaces`,
    'POST',
    token,
    JSON.stringify({ metadata: { name: 'bench' } }),
  );

  // 1. Create throughput.
  const created = await baselineServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () =>
      res
        .writeHead(201, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString()))),
    );
  });
  const baseCreate = await timed(() =>
    pool(listObjects, i =>
      request(`${created.url}/x`, 'POST', token, JSON.stringify(configMap(i))),
    ),
  );
  await created.close();
  const devCreate = await timed(() =>
    pool(listObjects, i =>
      request(cms, 'POST', token, JSON.stringify(configMap(i))),
    ),
  );
  report(`create ${listObjects} ConfigMaps`, devCreate, baseCreate);
  console.log(
    `${''.padEnd(34)} (${Math.round(
      (listObjects / devCreate) * 1000,
    )} creates/s)`,
  );

  // 2. Paginated list of 10k.
  const pages: string[] = [];
  let token2 = '';
  const listAll = async (base: string) => {
    let cont = '';
    do {
      const page = JSON.parse(
        await request(
          `${base}?limit=${pageSize}${cont ? `&continue=${cont}` : ''}`,
          'GET',
          token,
        ),
      );
      if (base === cms) pages.push(JSON.stringify(page));
      cont = page.metadata.continue ?? '';
    } while (cont);
  };
  const devList = await timed(() => listAll(cms));
  const listed = await baselineServer((req, res) => {
    const n = Number(
      new URL(req.url!, 'http://x').searchParams.get('continue') || 0,
    );
    const body = pages[n].replace(
      /"continue":"[^"]*"/,
      n + 1 < pages.length ? `"continue":"${n + 1}"` : '"x":""',
    );
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
  });
  token2 = listed.url;
  const baseList = await timed(() => listAll(`${token2}/x`));
  await listed.close();
  report(`list ${listObjects} in pages of ${pageSize}`, devList, baseList);

  // 3. Watch fan-out: N events to 50 watchers.
  const rv = JSON.parse(await request(`${cms}?limit=1`, 'GET', token)).metadata
    .resourceVersion;
  const devWatchers = Array.from({ length: watchers }, () =>
    watchStream(`${cms}?watch=true&resourceVersion=${rv}`, token, events),
  );
  await Promise.all(devWatchers.map(w => w.ready));
  const devFan = await timed(async () => {
    await pool(events, i =>
      request(
        `${cms}/${configMap(i).metadata.name}`,
        'PATCH',
        token,
        JSON.stringify({ data: { key: `changed-${i}` } }),
      ),
    );
    await Promise.all(devWatchers.map(w => w.done));
  });
  const lines = Array.from(
    { length: events },
    (_, i) =>
      `${JSON.stringify({
        type: 'MODIFIED',
        object: { ...configMap(i), data: { key: `changed-${i}` } },
      })}\n`,
  );
  const subscribers = new Set<http.ServerResponse>();
  const fan = await baselineServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      subscribers.add(res);
      return;
    }
    const i = Number(new URL(req.url!, 'http://x').pathname.slice(1));
    req.resume();
    req.on('end', () => {
      for (const s of subscribers) s.write(lines[i]);
      res.end('{}');
    });
  });
  const baseWatchers = Array.from({ length: watchers }, () =>
    watchStream(`${fan.url}/watch`, token, events),
  );
  await Promise.all(baseWatchers.map(w => w.ready));
  const baseFan = await timed(async () => {
    await pool(events, i => request(`${fan.url}/${i}`, 'PATCH', token, '{}'));
    await Promise.all(baseWatchers.map(w => w.done));
  });
  await fan.close();
  report(`${events} events to ${watchers} watchers`, devFan, baseFan);

  // 4. Memory at 100k objects, against the same objects held in a plain Map.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  await pool(memoryObjects - listObjects, i =>
    request(cms, 'POST', token, JSON.stringify(configMap(listObjects + i))),
  );
  gc?.();
  const devBytes = process.memoryUsage().heapUsed - before;
  await cluster.close();
  gc?.();
  const baseBefore = process.memoryUsage().heapUsed;
  const plain = new Map<string, unknown>();
  for (let i = 0; i < memoryObjects; i++)
    plain.set(
      String(i),
      JSON.parse(
        JSON.stringify({
          ...configMap(i),
          metadata: {
            ...configMap(i).metadata,
            uid: crypto.randomUUID(),
            resourceVersion: String(i),
            creationTimestamp: new Date().toISOString(),
          },
        }),
      ),
    );
  gc?.();
  const baseBytes = process.memoryUsage().heapUsed - baseBefore;
  report(
    `heap for ${memoryObjects} objects${gc ? '' : ' (no --expose-gc)'}`,
    devBytes / 2 ** 20,
    ((baseBytes / 2 ** 20) * (memoryObjects - listObjects)) / memoryObjects,
    'MiB',
  );
  console.log(
    `${''.padEnd(34)} (${
      plain.size
    } baseline objects; dev cluster total ${memoryObjects} objects)`,
  );
  agent.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
