import { urlFromView, viewFromUrl } from './filtersFromQuery';

const url = (query: string) => new URLSearchParams(query);

describe('viewFromUrl', () => {
  it('reads repeated filters, the search, the window, the sort and the page', () => {
    expect(
      viewFromUrl(
        url(
          'tenant=team-a&tenant=team-b&tls=expiring&q=checkout&expiringWithinDays=30&sort=expiry&order=desc&page=3&pageSize=50',
        ),
      ),
    ).toEqual({
      query: {
        tenant: ['team-a', 'team-b'],
        tls: ['expiring'],
        search: 'checkout',
        expiringWithinDays: 30,
        sort: 'expiry',
        order: 'desc',
      },
      page: 2,
      pageSize: 50,
    });
  });

  it('reads the words older links filtered by as the values the backend takes', () => {
    expect(
      viewFromUrl(
        url('status=Failing&tls=Expiring&tls=None&source=Gateway API'),
      ).query,
    ).toMatchObject({
      status: ['error'],
      tls: ['expiring', 'none'],
      source: ['Route'],
    });
  });

  it.each([
    'sort=route',
    'page=-1',
    'page=abc',
    'pageSize=5000',
    'expiringWithinDays=-3',
    'expiringWithinDays=99999',
    'order=sideways',
  ])('falls back to the default for %s', query => {
    expect(viewFromUrl(url(query))).toEqual({
      query: {
        search: undefined,
        expiringWithinDays: undefined,
        sort: undefined,
        order: undefined,
      },
      page: 0,
      pageSize: 20,
    });
  });
});

describe('urlFromView', () => {
  it('is the inverse of viewFromUrl and keeps keys the page does not own', () => {
    const query =
      'tenant=team-a&tenant=team-b&status=error&q=pay&expiringWithinDays=7&sort=tenant&order=desc&page=2&pageSize=100';
    const next = urlFromView(viewFromUrl(url(query)), url('tab=x&tenant=old'));
    expect(next.toString()).toBe(`${query}&tab=x`);
  });

  it('leaves out what is the default', () => {
    expect(
      urlFromView({
        query: { sort: 'hostname', tenant: [] },
        page: 0,
        pageSize: 20,
      }).toString(),
    ).toBe('');
  });
});
