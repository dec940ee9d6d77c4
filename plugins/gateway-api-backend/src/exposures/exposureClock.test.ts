import {
  certificateClockSnapshot,
  DAY,
  instantsAround,
  T0,
} from '../__testUtils__/certificateClock';
import { buildExposures } from './buildExposures';
import { exposureAt, exposureClock, exposureHoldsAt } from './exposureClock';

describe('exposureAt', () => {
  const snapshot = certificateClockSnapshot();
  const built = buildExposures(snapshot, new Date(T0));
  const instants = instantsAround(3);

  it('gives every exposure as the cluster’s exposures computed at that instant give it, across each change of state and day', () => {
    expect(instants.length).toBeGreaterThan(40);
    const states = new Set<string>();
    for (const at of instants) {
      const fresh = buildExposures(snapshot, new Date(at));
      expect(built.map(e => exposureAt(e, at))).toEqual(fresh);
      fresh.forEach(e => states.add(`${e.source ?? 'Route'} ${e.tls?.state}`));
    }
    // The instants did cross what the clock changes, for routes and the Ingress alike.
    expect([...states].sort()).toEqual([
      'Ingress expiring',
      'Ingress ready',
      'Route expired',
      'Route expiring',
      'Route failed',
      'Route ready',
      'Route undefined',
    ]);
  });

  it('moves on from where it was last given, one instant after another', () => {
    let rows = built;
    for (const at of instants) {
      rows = rows.map(e => exposureAt(e, at));
      expect(rows).toEqual(buildExposures(snapshot, new Date(at)));
    }
  });

  it('keeps the same object while it holds, and changes the status with the TLS state', () => {
    const expiresSoon = built.find(e => e.hostname === 'one.c2.a.example.org')!;
    expect(expiresSoon.tls?.state).toBe('expiring');
    expect(expiresSoon.status.status).toBe('warning');
    expect(exposureClock(expiresSoon)).toEqual({
      from: T0,
      until: T0 + 45_000,
      stateUntil: T0 + 45_000,
    });
    expect(exposureAt(expiresSoon, T0 + 44_999)).toBe(expiresSoon);
    const expired = exposureAt(expiresSoon, T0 + 45_000);
    expect(expired.tls?.state).toBe('expired');
    expect(expired.status).toMatchObject({
      status: 'error',
      summary: expect.stringMatching(/^Certificate expired on /),
    });
    // Before the time it was computed at, it is computed again too.
    expect(exposureHoldsAt(expiresSoon, T0 - 1)).toBe(false);
    expect(exposureAt(expired, T0 - DAY).tls?.state).toBe('expiring');
  });

  it('leaves what the clock cannot change as it is', () => {
    const plain = built.find(e => e.hostname === 'plain.a.example.org')!;
    const expired = built.find(e => e.hostname === 'one.c3.a.example.org')!;
    expect(exposureClock(plain)).toBeUndefined();
    expect(exposureAt(plain, T0 + 400 * DAY)).toBe(plain);
    expect(exposureClock(expired)?.stateUntil).toBe(Infinity);
  });
});
