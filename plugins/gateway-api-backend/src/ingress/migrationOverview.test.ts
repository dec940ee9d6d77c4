import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { exposure } from '../__testUtils__/exposure';
import { ingressMigrationOverview } from './migrationOverview';

const onIngress = (
  hostname: string,
  tenant: string | undefined,
  name: string,
  migration: Exposure['migration'] = 'ingress-only',
) =>
  exposure(hostname, {
    tenant,
    owner: tenant && `group:default/${tenant}`,
    source: 'Ingress',
    migration,
    ingress: { namespace: 'apps', name, addresses: ['192.0.2.20'] },
    route: {
      kind: 'Ingress',
      namespace: 'apps',
      name,
      status: { status: 'ok', summary: 'Served' },
      parents: [],
      backends: [],
    },
  });
const onRoute = (
  hostname: string,
  tenant: string,
  migration?: Exposure['migration'],
) =>
  exposure(hostname, {
    tenant,
    owner: `group:default/${tenant}`,
    ...(migration ? { migration } : {}),
  });

describe('ingressMigrationOverview', () => {
  const exposures = [
    onIngress('a.team-a.example.org', 'team-a', 'a'),
    onIngress('b.team-a.example.org', 'team-a', 'snippet'),
    onIngress('c.team-a.example.org', 'team-a', 'c', 'both'),
    onRoute('c.team-a.example.org', 'team-a', 'both'),
    onRoute('d.team-a.example.org', 'team-a', 'moved'),
    onIngress('x.team-b.example.org', 'team-b', 'x'),
    onIngress('stray.example.org', undefined, 'stray'),
    // Never on an Ingress: not part of the move.
    onRoute('plain.team-b.example.org', 'team-b'),
  ];
  const blockers = ({ name }: { name: string }) =>
    name === 'snippet'
      ? [
          {
            id: 'configuration-injection:nginx.ingress.kubernetes.io/configuration-snippet',
            summary: 'injects nginx configuration',
          },
        ]
      : [];

  it('gives one item per hostname with its state, Ingress, routes and blockers', () => {
    const overview = ingressMigrationOverview(exposures, {
      pendingClusters: [],
      blockers,
    });
    expect(
      overview.items.map(i => [i.hostname, i.state, i.blockers.length]),
    ).toEqual([
      ['stray.example.org', 'ingress-only', 0],
      ['a.team-a.example.org', 'ingress-only', 0],
      ['b.team-a.example.org', 'ingress-only', 1],
      ['c.team-a.example.org', 'both', 0],
      ['d.team-a.example.org', 'moved', 0],
      ['x.team-b.example.org', 'ingress-only', 0],
    ]);
    const both = overview.items.find(i => i.state === 'both')!;
    expect(both.ingress).toMatchObject({ namespace: 'apps', name: 'c' });
    expect(both.routes).toEqual(['HTTPRoute/checkout/c.team-a.example.org']);
    expect(overview.items.find(i => i.state === 'moved')!.ingress).toBe(
      undefined,
    );
  });

  it('counts per tenant, most hostnames left on Ingress first, and in total', () => {
    const overview = ingressMigrationOverview(exposures, {
      pendingClusters: ['other'],
      blockers,
    });
    expect(overview.tenants.map(t => [t.tenant, t.counts, t.blocked])).toEqual([
      ['team-a', { 'ingress-only': 2, both: 1, moved: 1 }, 1],
      [undefined, { 'ingress-only': 1, both: 0, moved: 0 }, 0],
      ['team-b', { 'ingress-only': 1, both: 0, moved: 0 }, 0],
    ]);
    expect(overview.totals).toEqual({ 'ingress-only': 4, both: 1, moved: 1 });
    expect(overview.pendingClusters).toEqual(['other']);
  });

  it('narrows to one tenant', () => {
    const overview = ingressMigrationOverview(exposures, {
      pendingClusters: [],
      tenant: 'team-b',
    });
    expect(overview.items.map(i => i.hostname)).toEqual([
      'x.team-b.example.org',
    ]);
    expect(overview.totals['ingress-only']).toBe(1);
  });
});
