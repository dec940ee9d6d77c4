import { queryFromTableState, tableStateFromQuery } from './filtersFromQuery';

describe('Hostnames page filters in the URL', () => {
  it('reads tenant, cluster, status, TLS state and search from the query', () => {
    expect(
      tableStateFromQuery(
        new URLSearchParams(
          'tenant=team-a&tenant=team-b&cluster=dev&status=Failing&tls=Expiring&q=shop&other=x',
        ),
      ),
    ).toEqual({
      search: 'shop',
      filtersOpen: true,
      filters: {
        Tenant: ['team-a', 'team-b'],
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
      'tenant=team-a&cluster=dev&status=Failing&tls=Expiring&q=shop';
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
});
