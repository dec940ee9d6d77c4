import { LoadBalancerClock } from './loadBalancers';

const gw = (uid: string) => ({
  metadata: { name: uid, namespace: 'infra', uid },
});

describe('LoadBalancerClock', () => {
  it('is ready once the delay has passed since the first question', () => {
    const clock = new LoadBalancerClock(300);
    expect(clock.isReady(gw('a'), 1000)).toBe(false);
    expect(clock.isReady(gw('a'), 1299)).toBe(false);
    expect(clock.isReady(gw('b'), 1299)).toBe(false);
    expect(clock.isReady(gw('a'), 1300)).toBe(true);
  });

  it('starts again for a Gateway it forgot', () => {
    const clock = new LoadBalancerClock(300);
    clock.isReady(gw('a'), 0);
    clock.retain([]);
    expect(clock.isReady(gw('a'), 1000)).toBe(false);
  });

  it('is ready at once without a delay', () => {
    expect(new LoadBalancerClock(0).isReady(gw('a'), 5)).toBe(true);
  });
});
