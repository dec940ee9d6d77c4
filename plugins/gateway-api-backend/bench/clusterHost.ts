/* eslint-disable no-console */
/**
 * Bench clusters in child processes: the dev clusters' objects (hundreds of megabytes at the
 * full size) and their HTTP serving stay out of the bench's heap and event loop, so what the
 * bench measures is only the side it measures, still over real HTTP. Run by
 * {@link startBenchClusterProcesses}; each child hosts the clusters whose indexes it is given.
 */
import { fork } from 'node:child_process';
import { BenchSize, startBenchClusters } from './fixtures';

/** What a bench needs of a cluster another process serves. */
export interface RemoteCluster {
  url: string;
  adminToken: string;
}

interface Ready {
  clusters: Array<RemoteCluster & { index: number }>;
}

/**
 * Starts `count` bench clusters (as {@link startBenchClusters}: the first serves the bench
 * entity) spread over `processes` child processes, which seed them in parallel.
 */
export async function startBenchClusterProcesses(
  count: number,
  size: BenchSize,
  processes = Math.min(2, count),
): Promise<{ clusters: RemoteCluster[]; close: () => Promise<void> }> {
  const children = Array.from({ length: processes }, (_, p) => {
    const indexes = [...Array(count).keys()].filter(i => i % processes === p);
    return fork(__filename, [JSON.stringify({ indexes, size })], {
      execArgv: [
        ...process.execArgv.filter(a => !a.startsWith('--max-old-space')),
        '--max-old-space-size=8192',
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  });
  const ready = await Promise.all(
    children.map(
      child =>
        new Promise<Ready>((resolve, reject) => {
          // Backstage's node transform also talks over the IPC channel (file watch notes).
          const onMessage = (message: Partial<Ready>) => {
            if (!message?.clusters) return;
            child.off('message', onMessage);
            resolve(message as Ready);
          };
          child.on('message', onMessage);
          child.once('exit', code =>
            reject(new Error(`bench cluster process exited with ${code}`)),
          );
        }),
    ),
  );
  const clusters: RemoteCluster[] = [];
  for (const { clusters: hosted } of ready) {
    for (const { index, url, adminToken } of hosted) {
      clusters[index] = { url, adminToken };
    }
  }
  return {
    clusters,
    close: async () => {
      await Promise.all(
        children.map(
          child =>
            new Promise<void>(resolve => {
              if (child.exitCode !== null || !child.connected) {
                resolve();
                return;
              }
              child.once('exit', () => resolve());
              child.disconnect();
            }),
        ),
      );
    },
  };
}

async function host(indexes: number[], size: BenchSize) {
  // startBenchClusters gives the bench entity's hostnames to the first cluster it starts.
  const started = await startBenchClusters(indexes.length, size, {
    entityInFirst: indexes[0] === 0,
  });
  process.send!({
    clusters: started.map((c, i) => ({
      index: indexes[i],
      url: c.url,
      adminToken: c.adminToken,
    })),
  } satisfies Ready);
  process.once('disconnect', async () => {
    await Promise.all(started.map(c => c.close()));
    process.exit(0);
  });
}

if (require.main === module && process.send) {
  const { indexes, size } = JSON.parse(process.argv[2]);
  host(indexes, size).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
