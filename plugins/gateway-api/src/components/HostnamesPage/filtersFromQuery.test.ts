import {
  expiringWithinDaysFromQuery,
  queryFromTableState,
  queryWithExpiringWithinDays,
  tableStateFromQuery,
} from './filtersFromQuery';

describe('Hostnames page filters in the URL', () => {
  it('reads tenant, owner, cluster, status, TLS state and search from the query', () => {
    expect(
      tableStateFromQuery(
        new URLSearchParams(
          'tenant=team-a&tenant=team-b&owner=group:default/team-a&cluster=dev&status=Failing&tls=Expiring&q=shop&other=x',
        ),
      ),
    ).toEqual({
      search: 'shop',
      filtersOpen: true,
      filters: {
        Tenant: ['team-a', 'team-b'],
        Owner: ['group:default/team-a'],
        Cluster: ['dev'],
        Status: ['Failing'],
        TLS: ['Expiring'],
      },
    });
  });

  it('keeps the filters closed, with nothing selected, for an empty query', () => {
    expect(tableStateFromQuery(new URLSearchParams('q=shop'))).toEqual({
      search: 'shop',
      filtersOpen: false,
      filters: {},
    });
  });

  it('writes the state back as the same query', () => {
    const query =
      'tenant=team-a&owner=group%3Adefault%2Fteam-a&cluster=dev&status=Failing&tls=Expiring&q=shop';
    expect(
      queryFromTableState(
        tableStateFromQuery(new URLSearchParams(query)),
      ).toString(),
    ).toBe(query);
  });

  it('accepts a single-select value and drops empty ones', () => {
    expect(
      queryFromTableState({
        filters: { Tenant: 'team-a', Cluster: '', Status: [] },
      }).toString(),
    ).toBe('tenant=team-a');
  });

  it("replaces the Table's keys and keeps the others", () => {
    expect(
      queryFromTableState(
        { filters: { Tenant: ['team-b'] } },
        new URLSearchParams('tenant=team-a&q=x&expiringWithinDays=30'),
      ).toString(),
    ).toBe('tenant=team-b&expiringWithinDays=30');
  });

  it.each([
    ['expiringWithinDays=30', 30],
    ['expiringWithinDays=0', 0],
    ['expiringWithinDays=-1', undefined],
    ['expiringWithinDays=', undefined],
    ['expiringWithinDays=soon', undefined],
    ['', undefined],
  ])('reads the expiry filter from %j as %s', (query, days) => {
    expect(expiringWithinDaysFromQuery(new URLSearchParams(query))).toBe(days);
  });

  it('sets and clears the expiry filter, keeping the rest', () => {
    const query = new URLSearchParams('tenant=team-a');
    const set = queryWithExpiringWithinDays(query, 7);
    expect(set.toString()).toBe('tenant=team-a&expiringWithinDays=7');
    expect(queryWithExpiringWithinDays(set, undefined).toString()).toBe(
      'tenant=team-a',
    );
  });
});
