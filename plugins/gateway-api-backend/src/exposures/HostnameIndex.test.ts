import {
  certificateExpiresWithin,
  compareStatusLevels,
  Exposure,
  HostnameFacetField,
  HostnameQuery,
  StatusLevel,
  TlsState,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { exposure } from '../__testUtils__/exposure';
import {
  certificateClockSnapshot,
  instantsAround,
  T0,
} from '../__testUtils__/certificateClock';
import { buildExposures } from './buildExposures';
import { HOSTNAME_FACET_FIELDS, HostnameIndex } from './HostnameIndex';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

// A small deterministic generator (mulberry32), so a failure reproduces.
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const LEVELS: StatusLevel[] = ['ok', 'pending', 'warning', 'error', 'unknown'];
const TLS: TlsState[] = ['ready', 'expiring', 'expired', 'issuing', 'failed'];

function fleet(count: number, seed = 7): Exposure[] {
  const pick = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const tenant = `t${pick(6)}`;
    const tls = pick(4) === 0 ? undefined : TLS[pick(TLS.length)];
    return exposure(`h${pick(count)}.${tenant}.example.org`, {
      cluster: `c${pick(3)}`,
      tenant: pick(10) === 0 ? undefined : tenant,
      owner: `group:default/${pick(2) ? tenant : 'platform'}`,
      entityRef: `component:default/app-${pick(20)}`,
      route: {
        kind: 'HTTPRoute',
        namespace: `apps-${tenant}`,
        name: `route-${i}`,
        status: { status: 'ok', summary: '' },
        parents: [],
        backends: [],
      },
      status: { status: LEVELS[pick(LEVELS.length)], summary: '' },
      tls: tls && {
        state: tls,
        summary: tls,
        dnsNames: [],
        hints: [],
        notAfter:
          pick(5) === 0
            ? undefined
            : new Date(NOW.getTime() + (pick(120) - 20) * DAY).toISOString(),
      },
      ...(pick(5) === 0
        ? {
            source: 'Ingress' as const,
            migration: (['ingress-only', 'both', 'moved'] as const)[pick(3)],
          }
        : {}),
    });
  });
}

const valueOf: Record<HostnameFacetField, (e: Exposure) => string | undefined> =
  {
    tenant: e => e.tenant,
    cluster: e => e.cluster,
    owner: e => e.owner,
    status: e => e.status.status,
    tls: e => e.tls?.state ?? 'none',
    source: e => e.source ?? 'Route',
    migration: e => e.migration,
  };
const list = (v: string | readonly string[] | undefined): string[] => {
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : [...v];
};

/** The rule, stated plainly: filter every hostname, sort them all, slice the page. */
function byScan(items: Exposure[], query: HostnameQuery, except?: string) {
  const search = query.search?.toLocaleLowerCase('en-US');
  const matching = items.filter(
    e =>
      HOSTNAME_FACET_FIELDS.every(field => {
        const wanted = list(query[field]);
        return (
          field === except ||
          wanted.length === 0 ||
          wanted.includes(valueOf[field](e) as string)
        );
      }) &&
      (query.expiringWithinDays === undefined ||
        certificateExpiresWithin(e.tls, query.expiringWithinDays, NOW)) &&
      (!search ||
        [
          e.hostname,
          e.tenant,
          e.owner,
          e.entityRef,
          `${e.route.namespace}/${e.route.name}`,
        ].some(t => t?.toLocaleLowerCase('en-US').includes(search))),
  );
  const text = (t: string | undefined) => t ?? '';
  const collator = new Intl.Collator('en-US');
  const expiry = (e: Exposure) => {
    const t = e.tls?.notAfter ? Date.parse(e.tls.notAfter) : NaN;
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  const key: Record<string, (a: Exposure, b: Exposure) => number> = {
    hostname: () => 0,
    // Hostnames without a tenant first.
    tenant: (a, b) =>
      Number(!!a.tenant) - Number(!!b.tenant) ||
      collator.compare(text(a.tenant), text(b.tenant)),
    cluster: (a, b) => collator.compare(a.cluster, b.cluster),
    owner: (a, b) => collator.compare(text(a.owner), text(b.owner)),
    status: (a, b) => compareStatusLevels(a.status.status, b.status.status),
    expiry: (a, b) => Math.sign(expiry(a) - expiry(b)) || 0,
  };
  const tie = (a: Exposure, b: Exposure) =>
    collator.compare(a.hostname, b.hostname) ||
    collator.compare(a.cluster, b.cluster) ||
    collator.compare(
      `${a.route.namespace}/${a.route.name}`,
      `${b.route.namespace}/${b.route.name}`,
    );
  const direction = query.order === 'desc' ? -1 : 1;
  const by = key[query.sort ?? 'hostname'];
  const sorted = [...matching].sort(
    (a, b) => direction * (by(a, b) || tie(a, b)),
  );
  const offset = query.offset ?? 0;
  return {
    matching,
    page: sorted.slice(offset, offset + (query.limit ?? 100)),
    sorted,
  };
}

const names = (items: Exposure[]) =>
  items.map(e => `${e.hostname} ${e.route.name}`);

describe('HostnameIndex', () => {
  const items = fleet(600);
  const index = new HostnameIndex(items);
  const pick = random(42);
  const someOf = <T>(values: readonly T[]) =>
    values.filter(() => pick(3) === 0);

  // Random queries, each answered by the index and by a plain scan: they must agree on the
  // page, the count, the facets and the export.
  const queries: HostnameQuery[] = Array.from({ length: 300 }, (_, i) => ({
    tenant: pick(2) ? someOf(['t0', 't1', 't2', 't3', 't4', 't5', 'nope']) : [],
    cluster: pick(3) === 0 ? someOf(['c0', 'c1', 'c2']) : undefined,
    owner: pick(4) === 0 ? 'group:default/platform' : undefined,
    status: pick(3) === 0 ? someOf(LEVELS) : undefined,
    tls: pick(3) === 0 ? someOf([...TLS, 'none' as const]) : undefined,
    source:
      pick(5) === 0 ? (['Ingress', 'Route'] as const)[pick(2)] : undefined,
    migration: pick(5) === 0 ? 'both' : undefined,
    expiringWithinDays: pick(4) === 0 ? pick(60) : undefined,
    search:
      pick(3) === 0
        ? ['h1', 'T3.EX', 'apps-t2/route-1', 'app-1', 'x', 'zzz', '1'][pick(7)]
        : undefined,
    sort: (
      ['hostname', 'tenant', 'cluster', 'owner', 'status', 'expiry'] as const
    )[pick(6)],
    order: pick(2) ? 'desc' : 'asc',
    offset: i % 5 === 0 ? pick(200) : 0,
    limit: [1, 20, 100, 1000][pick(4)],
  }));

  it.each(queries.map((q, i) => [i, q] as const))(
    'agrees with a scan of every hostname (query %i)',
    (_, query) => {
      const expected = byScan(items, query);
      const answer = index.query(query, NOW);
      expect(answer.totalItems).toBe(expected.matching.length);
      expect(names(answer.items)).toEqual(names(expected.page));
      expect(names([...index.all(query, NOW)])).toEqual(names(expected.sorted));
      for (const field of HOSTNAME_FACET_FIELDS) {
        const counts = new Map<string, number>();
        for (const e of byScan(items, { ...query, offset: 0 }, field)
          .matching) {
          const value = valueOf[field](e);
          if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        expect(
          Object.fromEntries(answer.facets[field].map(f => [f.value, f.count])),
        ).toEqual(Object.fromEntries(counts));
      }
    },
  );

  it('counts a filter’s alternatives among the hostnames the other filters leave', () => {
    const answer = index.query({ tenant: 't1', status: 'ok' }, NOW);
    const okOfEachTenant = items.filter(e => e.status.status === 'ok');
    expect(answer.facets.tenant.find(f => f.value === 't2')?.count).toBe(
      okOfEachTenant.filter(e => e.tenant === 't2').length,
    );
    // The facets of the other fields count only the filtered hostnames.
    expect(answer.facets.cluster.reduce((n, f) => n + f.count, 0)).toBe(
      answer.totalItems,
    );
  });

  it('lists facet values largest first and leaves out hostnames without a value', () => {
    const answer = index.query({}, NOW);
    const tenants = answer.facets.tenant;
    expect(tenants.map(f => f.count)).toEqual(
      [...tenants.map(f => f.count)].sort((a, b) => b - a),
    );
    expect(tenants.reduce((n, f) => n + f.count, 0)).toBe(
      items.filter(e => e.tenant).length,
    );
    expect(answer.totalItems).toBe(items.length);
  });

  it('matches search terms as text, never across fields or as a pattern', () => {
    const one = new HostnameIndex([
      exposure('a.team-a.example.org', { owner: 'group:default/x.y' }),
    ]);
    expect(one.query({ search: 'org\u0000team' }, NOW).totalItems).toBe(0);
    // "orgteam" would join the hostname's end to the tenant: not a match.
    expect(one.query({ search: 'orgteam' }, NOW).totalItems).toBe(0);
    expect(one.query({ search: '.*' }, NOW).totalItems).toBe(0);
    expect(one.query({ search: 'X.Y' }, NOW).totalItems).toBe(1);
  });

  it('answers an empty page for limit 0 and past the end, with the count', () => {
    expect(index.query({ limit: 0 }, NOW)).toMatchObject({
      items: [],
      totalItems: items.length,
    });
    expect(index.query({ offset: 10_000 }, NOW)).toMatchObject({
      items: [],
      totalItems: items.length,
    });
  });

  it('indexes nothing without failing', () => {
    const empty = new HostnameIndex([]);
    expect(empty.query({ search: 'abc', sort: 'expiry' }, NOW)).toEqual({
      items: [],
      totalItems: 0,
      facets: {
        tenant: [],
        cluster: [],
        owner: [],
        status: [],
        tls: [],
        source: [],
        migration: [],
      },
    });
  });
});

describe('HostnameIndex over the clock', () => {
  // Three clusters of the same objects: their hostnames change state at the same instants.
  const snapshots = ['a', 'b', 'c'].map(cluster => ({
    ...certificateClockSnapshot(),
    cluster,
  }));
  // Only hostnames that are Ready at first: the first to start expiring adds a facet value.
  const allReady = certificateClockSnapshot(
    o =>
      o.kind !== 'Ingress' &&
      (o.kind !== 'HTTPRoute' ||
        ['r-c0', 'r-c4', 'r-plain'].includes(o.metadata!.name!)),
  );
  const rowsAt = (from: typeof snapshots, at: number) =>
    from.flatMap(s => buildExposures(s, new Date(at)));
  const queries: HostnameQuery[] = [
    {},
    { tls: 'expiring' },
    { tls: ['expired', 'failed'], status: 'error' },
    { status: 'warning' },
    { status: ['warning', 'error'], sort: 'status' },
    { sort: 'status', order: 'desc', limit: 7, offset: 3 },
    { cluster: 'b', sort: 'status' },
    { expiringWithinDays: 1, sort: 'status' },
    { search: 'c1', sort: 'status', order: 'desc' },
    { source: 'Ingress' },
  ];
  const instants = instantsAround(2);

  it.each([
    ['three clusters in every state', snapshots],
    ['hostnames all Ready at first', [allReady]],
  ])(
    '%s: answers every query at every instant as an index built then does, never rebuilt',
    (_what, from) => {
      const index = new HostnameIndex(rowsAt(from, T0));
      const changes = new Set<string>();
      for (const at of instants) {
        const fresh = new HostnameIndex(rowsAt(from, at));
        for (const query of queries) {
          const answer = index.query(query, new Date(at));
          expect(answer).toEqual(fresh.query(query, new Date(at)));
          expect([...index.all(query, new Date(at))]).toEqual([
            ...fresh.all(query, new Date(at)),
          ]);
          changes.add(JSON.stringify(answer.facets.tls));
        }
      }
      // The states did move while it answered.
      expect(changes.size).toBeGreaterThan(3);
      // A clock set back: the answers are those of that time again.
      for (const at of [T0 + 60_000, T0]) {
        const fresh = new HostnameIndex(rowsAt(from, at));
        for (const query of queries) {
          expect(index.query(query, new Date(at))).toEqual(
            fresh.query(query, new Date(at)),
          );
        }
      }
    },
  );

  it('gives a state the instant it changes, in the facets, filters, sort and rows', () => {
    const index = new HostnameIndex(rowsAt(snapshots, T0));
    const expiring = (at: number) =>
      index.query({ tls: 'expiring', limit: 100 }, new Date(at));
    // 14 days left exactly: still Ready; a millisecond less: expiring.
    const before = expiring(T0 + 90_000);
    const after = expiring(T0 + 90_001);
    // c0's two hostnames in its domain and one outside it, in three clusters.
    expect(after.totalItems - before.totalItems).toBe(9);
    expect(
      after.items
        .filter(e => e.hostname.includes('.c0.'))
        .map(e => e.tls?.summary),
    ).toEqual(Array(9).fill('Certificate expires in 13 days, on 2026-06-15.'));
    const expired = index.query(
      { tls: 'expired', sort: 'status', limit: 100 },
      new Date(T0 + 45_000),
    );
    expect(expired.items.map(e => e.hostname)).toContain(
      'one.c2.a.example.org',
    );
    expect(expired.facets.tls.find(f => f.value === 'expired')?.count).toBe(
      expired.totalItems,
    );
  });

  it('streams an export at the instant it was asked for, while other answers move on', () => {
    const index = new HostnameIndex(rowsAt(snapshots, T0));
    const at = new Date(T0 + 44_000);
    const later = new Date(T0 + 2 * DAY);
    const query: HostnameQuery = { sort: 'status', tls: 'expiring' };
    const expected = [
      ...new HostnameIndex(rowsAt(snapshots, at.getTime())).all(query, at),
    ];
    const stream = index.all(query, at);
    const first = stream.next().value as Exposure;
    expect(index.query({}, later).totalItems).toBeGreaterThan(0);
    expect([first, ...stream]).toEqual(expected);
    // And the index answers for the later time still.
    expect(index.query(query, later)).toEqual(
      new HostnameIndex(rowsAt(snapshots, later.getTime())).query(query, later),
    );
  });
});
