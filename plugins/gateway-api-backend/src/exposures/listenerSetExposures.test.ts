import { HOSTNAMES, listenerSetSnapshot } from '../__testUtils__/listenerSets';
import { buildExposures } from './buildExposures';

const now = new Date('2026-06-01T00:00:00Z');

describe('buildExposures with ListenerSets', () => {
  const exposures = buildExposures(listenerSetSnapshot(), now);
  const of = (hostname: string) => {
    const found = exposures.find(e => e.hostname === hostname);
    if (!found) throw new Error(`no exposure of ${hostname}`);
    return found;
  };

  it('reports the ListenerSet that serves a hostname beside its Gateway, with its conditions', () => {
    const exposure = of(HOSTNAMES.A);
    expect(exposure.route.parents[0]).toMatchObject({
      gateway: { namespace: 'gateway', name: 'shared' },
      listenerSet: { namespace: 'tenant-team-a', name: HOSTNAMES.A },
      sectionName: 'https',
      status: { status: 'ok' },
      predicted: { status: 'ok' },
    });
    const [gateway] = exposure.gateways;
    expect(gateway).toMatchObject({
      namespace: 'gateway',
      name: 'shared',
      addresses: ['192.0.2.40'],
      listener: {
        name: 'https',
        hostname: HOSTNAMES.A,
        attachedRoutes: 1,
        status: { status: 'ok' },
      },
      listenerSet: {
        namespace: 'tenant-team-a',
        name: HOSTNAMES.A,
        status: { status: 'ok' },
        predicted: { status: 'ok' },
      },
    });
    expect(gateway.listenerSet!.conditions.map(c => c.type)).toEqual([
      'Accepted',
      'Programmed',
    ]);
    // The certificate is found in the ListenerSet's namespace, not the Gateway's.
    expect(exposure.tls).toMatchObject({ state: 'ready' });
    expect(exposure.url).toBe(`https://${HOSTNAMES.A}/`);
    expect(exposure.status.status).toBe('ok');
  });

  it('stands in with the analysis for a ListenerSet no controller has reported on', () => {
    const exposure = of(HOSTNAMES.C);
    expect(exposure.gateways[0].listenerSet).toMatchObject({
      status: { status: 'unknown' },
      predicted: { status: 'ok' },
    });
    expect(exposure.gateways[0].listener?.status.status).toBe('unknown');
    expect(exposure.route.parents[0].predicted).toMatchObject({
      status: 'ok',
    });
  });

  it('explains a ListenerSet the Gateway does not admit, with the hint, and fails the hostname', () => {
    const exposure = of(HOSTNAMES.Z);
    const listenerSet = exposure.gateways[0].listenerSet!;
    expect(listenerSet.status.status).toBe('unknown');
    expect(listenerSet.predicted).toMatchObject({
      status: 'error',
      reason: 'NotAllowed',
    });
    expect(listenerSet.predicted!.hint!.meaning).toMatch(
      /does not admit this ListenerSet/,
    );
    expect(exposure.route.parents[0].predicted).toMatchObject({
      status: 'error',
      reason: 'NoMatchingParent',
    });
    expect(exposure.status.status).toBe('error');
  });

  it('on a cluster that does not serve ListenerSets, names the missing ListenerSet and no Gateway', () => {
    const exposure = buildExposures(
      listenerSetSnapshot({ servesListenerSets: false }),
      now,
    ).find(e => e.hostname === HOSTNAMES.A)!;
    expect(exposure.gateways).toEqual([]);
    expect(exposure.route.parents[0]).toMatchObject({
      listenerSet: { namespace: 'tenant-team-a', name: HOSTNAMES.A },
      predicted: { status: 'error', reason: 'NoMatchingParent' },
    });
  });
});
