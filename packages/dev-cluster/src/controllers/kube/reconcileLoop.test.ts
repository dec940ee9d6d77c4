import { ReconcileLoop } from './reconcileLoop';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('ReconcileLoop', () => {
  const loops: ReconcileLoop[] = [];
  afterEach(async () => {
    await Promise.all(loops.splice(0).map(l => l.stop()));
  });

  function loop(
    reconcile: () => Promise<number | undefined>,
    onError = jest.fn(),
    minIntervalMs = 0,
  ) {
    const l = new ReconcileLoop(reconcile, 20, onError, minIntervalMs);
    loops.push(l);
    return l;
  }

  it('runs once for a burst of triggers', async () => {
    const reconcile = jest.fn(async () => undefined);
    const l = loop(reconcile);
    l.trigger();
    l.trigger();
    await sleep(5);
    l.trigger();
    await sleep(60);
    expect(reconcile).toHaveBeenCalledTimes(1);
  });

  it('never overlaps runs, and runs again for changes made during a run', async () => {
    let running = 0;
    let maxRunning = 0;
    const reconcile = jest.fn(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(40);
      running--;
      return undefined;
    });
    const l = loop(reconcile);
    l.trigger();
    await sleep(30);
    l.trigger();
    await sleep(300);
    expect(maxRunning).toBe(1);
    expect(reconcile).toHaveBeenCalledTimes(2);
  });

  it('runs again when asked to', async () => {
    let runs = 0;
    const l = loop(async () => (++runs < 3 ? 10 : undefined));
    l.trigger();
    await sleep(300);
    expect(runs).toBe(3);
  });

  it('reports errors and retries', async () => {
    const onError = jest.fn();
    let runs = 0;
    const l = loop(async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
      return undefined;
    }, onError);
    l.trigger();
    await sleep(400);
    expect(onError).toHaveBeenCalledWith(new Error('boom'));
    expect(runs).toBe(2);
  });

  it('starts runs at least minIntervalMs apart', async () => {
    const starts: number[] = [];
    const l = loop(
      async () => {
        starts.push(Date.now());
        return undefined;
      },
      jest.fn(),
      150,
    );
    l.trigger();
    await sleep(50);
    l.trigger();
    await sleep(60);
    expect(starts).toHaveLength(1);
    await sleep(150);
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(145);
  });

  it('stops running once stopped', async () => {
    const reconcile = jest.fn(async () => 5);
    const l = loop(reconcile);
    l.trigger();
    await sleep(40);
    await l.stop();
    const calls = reconcile.mock.calls.length;
    l.trigger();
    await sleep(60);
    expect(reconcile).toHaveBeenCalledTimes(calls);
  });
});
