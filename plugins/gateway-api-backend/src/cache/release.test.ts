import v8 from 'node:v8';
import vm from 'node:vm';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GatewayApiCache } from './GatewayApiCache';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const quiet = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => quiet,
} as any;

/**
 * What a stopped cache held must be freed: clusters from the catalog come and go while the
 * backend runs, and each one's cache is stopped when it goes.
 */
describe('a stopped cache', () => {
  let cluster: DevCluster;
  beforeAll(async () => {
    cluster = await startDevCluster({ controllers: false });
  }, 120_000);
  afterAll(() => cluster.close());

  it('is freed, watches and all', async () => {
    // In a function of its own, so no frame of the test holds the last one.
    const syncAndStop = async (i: number) => {
      const cache = new GatewayApiCache(
        [
          new ClusterClient({
            name: `dev-${i}`,
            url: cluster.url,
            serviceAccountToken: cluster.adminToken,
            skipTLSVerify: true,
          }),
        ],
        { logger: quiet },
      );
      cache.start();
      await cache.waitForSync();
      // Let the watches connect, as they do after a sync.
      await new Promise(resolve => setTimeout(resolve, 200));
      expect(cache.snapshot(`dev-${i}`).byKind.get('Namespace')).not.toEqual(
        [],
      );
      cache.stop();
      return new WeakRef(cache);
    };
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 3; i++) refs.push(await syncAndStop(i));
    await new Promise(resolve => setTimeout(resolve, 200));
    gc();
    await new Promise(resolve => setImmediate(resolve));
    gc();
    expect(refs.map(r => r.deref() !== undefined)).toEqual([
      false,
      false,
      false,
    ]);
  }, 60_000);
});
