import {
  Exposure,
  EXPOSURE_CSV_HEADER,
  exposureCsvRow,
  HostnameFacets,
  HostnamePage,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useLocation } from 'react-router-dom';
import { exposures } from '../../__fixtures__/exposures';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { HostnamesPage } from './HostnamesPage';

const baseUrl = 'http://backstage.test/api/gateway-api';
const { server, render } = gatewayApiServer();

/** The page's next `GET /hostnames` (not the question about Ingresses) fails, once. */
function failPage(status: number, name: string, message: string) {
  let failed = false;
  server.use(
    http.get(`${baseUrl}/hostnames`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      if (failed || params.getAll('migration').length > 0) return undefined;
      failed = true;
      return HttpResponse.json(
        { error: { name, message }, response: { statusCode: status } },
        { status },
      );
    }),
  );
}

const EMPTY_FACETS: HostnameFacets = {
  tenant: [],
  cluster: [],
  owner: [],
  status: [],
  tls: [],
  source: [],
  migration: [],
};

/**
 * A backend over the fixtures: it filters by tenant, status and TLS state, pages, and counts
 * tenants as facets; every request's parameters are kept, since the page's job is to ask.
 */
function backend(options: { totalItems?: number; pending?: string[] } = {}) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(`${baseUrl}/hostnames`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      // The page's own question, apart from the one about Ingresses (see below).
      if (params.getAll('migration').length === 0) requests.push(params);
      const wanted = (key: string, value: string | undefined) =>
        params.getAll(key).length === 0 ||
        params.getAll(key).includes(value ?? '');
      const matching = exposures.filter(
        e =>
          wanted('tenant', e.tenant) &&
          wanted('status', e.status.status) &&
          wanted('tls', e.tls?.state ?? 'none') &&
          wanted('migration', e.migration),
      );
      const offset = Number(params.get('offset') ?? 0);
      const limit = Number(params.get('limit') ?? 100);
      const tenants = new Map<string, number>();
      for (const e of exposures.filter(x =>
        wanted('status', x.status.status),
      )) {
        tenants.set(e.tenant!, (tenants.get(e.tenant!) ?? 0) + 1);
      }
      const answer: HostnamePage = {
        items: matching.slice(offset, offset + limit),
        totalItems: options.totalItems ?? matching.length,
        pendingClusters: options.pending ?? [],
        facets: {
          ...EMPTY_FACETS,
          tenant: [...tenants].map(([value, count]) => ({ value, count })),
        },
      };
      return HttpResponse.json(answer);
    }),
  );
  return {
    requests,
    /** The parameters of the latest request, without the page. */
    last: () => {
      const params = new URLSearchParams(requests[requests.length - 1]);
      return params.toString();
    },
  };
}

const LocationProbe = () => (
  <span data-testid="location">{useLocation().search}</span>
);
const show = (path = '/gateway-api/hostnames') =>
  render(
    <>
      <HostnamesPage />
      <LocationProbe />
    </>,
    [path],
  );
const location = () => screen.getByTestId('location').textContent;

/** The URLs of the rows shown, in order. */
const hostnames = () =>
  screen
    .queryAllByRole('link', { name: /^Open https:/ })
    .map(link => link.getAttribute('href'));

const rowOf = (hostname: string) =>
  screen
    .getByRole('link', {
      name: name => name.startsWith(`Open https://${hostname}/`),
    })
    .closest('tr')!;

describe('HostnamesPage', () => {
  it('asks the backend for the first page and lists it with links', async () => {
    const api = backend();
    await show();
    expect(await screen.findByText('All hostnames (4)')).toBeInTheDocument();
    expect(api.last()).toBe('offset=0&limit=20');
    expect(hostnames()).toEqual(exposures.map(e => e.url));
    const row = rowOf('catalog.team-c.example.org');
    expect(
      within(row).getByRole('link', { name: 'catalog.team-c.example.org' }),
    ).toHaveAttribute(
      'href',
      '/catalog/staging/resource/catalog.team-c.example.org',
    );
    expect(
      within(row).getByRole('link', { name: 'catalog-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/catalog-api');
    expect(within(row).getByText('Expiring')).toBeInTheDocument();
    expect(within(row).getByText('Failing')).toBeInTheDocument();
  });

  it('links each hostname to the catalog entity that holds it, or to its URL when none does', async () => {
    const grouped = 'resource:staging/hostnames-team-c-abc123';
    const answer = (items: Exposure[]): HostnamePage => ({
      items,
      totalItems: items.length,
      pendingClusters: [],
      facets: EMPTY_FACETS,
    });
    const [ungrouped, ...rest] = exposures;
    server.use(
      http.get(`${baseUrl}/hostnames`, () =>
        HttpResponse.json(
          answer([
            { ...ungrouped, catalogEntityRef: undefined },
            { ...rest[0], catalogEntityRef: grouped },
          ]),
        ),
      ),
    );
    await show();
    // An external link's name ends with a note that it opens a new window.
    const none = await screen.findByRole('link', {
      name: name => name.startsWith(ungrouped.hostname),
    });
    // No catalog entity: the hostname opens its URL, and no link leads to an entity of it.
    expect(none).toHaveAttribute('href', ungrouped.url);
    expect(
      within(none.closest('tr')!)
        .queryAllByRole('link')
        .map(l => l.getAttribute('href'))
        .filter(
          href =>
            href?.startsWith('/catalog/') && href.includes(ungrouped.hostname),
        ),
    ).toEqual([]);
    // Grouped per tenant: the hostname links to its tenant's group of hostnames.
    expect(
      screen.getByRole('link', { name: rest[0].hostname }),
    ).toHaveAttribute(
      'href',
      '/catalog/staging/resource/hostnames-team-c-abc123',
    );
    expect(rowOf(rest[0].hostname)).toBeTruthy();
  });

  it('offers no URL to open for a wildcard hostname, with or without an entity', async () => {
    const [first, second] = exposures;
    const wildcard = (e: Exposure, hostname: string): Exposure => ({
      ...e,
      hostname,
      url: `https://${hostname}/`,
    });
    server.use(
      http.get(`${baseUrl}/hostnames`, () =>
        HttpResponse.json({
          items: [
            wildcard(first, '*.team-a.example.org'),
            {
              ...wildcard(second, '*.team-c.example.org'),
              catalogEntityRef: undefined,
            },
          ],
          totalItems: 2,
          pendingClusters: [],
          facets: EMPTY_FACETS,
        } satisfies HostnamePage),
      ),
    );
    await show();
    // With an entity: the hostname links to it, and nothing opens https://*.…
    expect(
      await screen.findByRole('link', { name: '*.team-a.example.org' }),
    ).toHaveAttribute('href', expect.stringMatching(/^\/catalog\//));
    expect(screen.getByText('*.team-c.example.org')).toBeInTheDocument();
    expect(
      screen
        .queryAllByRole('link')
        .map(l => l.getAttribute('href'))
        .filter(href => href?.includes('*')),
    ).toEqual([]);
  });

  it('counts every hostname the backend has, not the page it holds', async () => {
    backend({ totalItems: 15000 });
    await show();
    expect(
      await screen.findByText('All hostnames (15000)'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('1-20 of 15000')).not.toHaveLength(0);
  });

  it('sends the filters of a link to the backend, and keeps them in the URL', async () => {
    const api = backend();
    await show('/gateway-api/hostnames?tenant=team-b&tenant=team-c&tab=x');
    expect(
      await screen.findByText('Hostnames matching the filters (3)'),
    ).toBeInTheDocument();
    expect(api.last()).toBe('tenant=team-b&tenant=team-c&offset=0&limit=20');
    expect(hostnames()).toEqual([
      'https://billing.team-b.example.org/',
      'https://pay.team-b.example.org/',
      'https://catalog.team-c.example.org/',
    ]);
    expect(location()).toBe('?tenant=team-b&tenant=team-c&tab=x');
  });

  it('reads the words older links filtered by', async () => {
    const api = backend();
    await show('/gateway-api/hostnames?status=Failing&tls=Expiring');
    await screen.findByText('Hostnames matching the filters (1)');
    expect(api.last()).toBe('status=error&tls=expiring&offset=0&limit=20');
    expect(hostnames()).toEqual(['https://catalog.team-c.example.org/']);
  });

  it('offers each tenant with its count from the backend, and filters by the one picked', async () => {
    const api = backend();
    await show();
    await screen.findByText('All hostnames (4)');
    await userEvent.click(
      within(
        screen.getByRole('group', { name: 'Filter the hostnames' }),
      ).getByRole('button', { name: /Tenant/ }),
    );
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['team-a (1)', 'team-b (2)', 'team-c (1)']);
    await userEvent.click(screen.getByRole('option', { name: 'team-b (2)' }));
    await waitFor(() =>
      expect(api.last()).toBe('tenant=team-b&offset=0&limit=20'),
    );
    expect(
      await screen.findByText('Hostnames matching the filters (2)'),
    ).toBeInTheDocument();
    expect(location()).toBe('?tenant=team-b');
  });

  it('asks for certificates expiring within the days picked', async () => {
    const api = backend();
    await show();
    await screen.findByText('All hostnames (4)');
    await userEvent.click(
      screen.getByRole('button', { name: /Certificate expires within/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: '90 days' }));
    await waitFor(() =>
      expect(api.last()).toBe('expiringWithinDays=90&offset=0&limit=20'),
    );
    expect(location()).toBe('?expiringWithinDays=90');
    expect(
      await screen.findByText(
        'Hostnames whose certificate expires within 90 days (4)',
      ),
    ).toBeInTheDocument();
  });

  it('has the backend search, and keeps the search in the URL', async () => {
    const api = backend();
    await show();
    await screen.findByText('All hostnames (4)');
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'legacy-billing' },
    });
    // The Table debounces its search.
    await waitFor(
      () => expect(api.last()).toBe('search=legacy-billing&offset=0&limit=20'),
      { timeout: 3000 },
    );
    await waitFor(() => expect(location()).toBe('?q=legacy-billing'));
  });

  it('sends a search, a sort and a page from the URL', async () => {
    const api = backend({ totalItems: 100 });
    await show(
      '/gateway-api/hostnames?q=catalog-api&sort=expiry&order=desc&page=3',
    );
    await screen.findByText('Hostnames matching the filters (100)');
    expect(api.last()).toBe(
      'search=catalog-api&sort=expiry&order=desc&offset=40&limit=20',
    );
    expect(screen.getAllByText('41-60 of 100')).not.toHaveLength(0);
  });

  it('sorts by a column through the backend', async () => {
    const api = backend();
    await show();
    await screen.findByText('All hostnames (4)');
    await userEvent.click(
      within(screen.getByRole('columnheader', { name: 'TLS' })).getAllByRole(
        'button',
      )[0],
    );
    await waitFor(() =>
      expect(api.last()).toBe('sort=expiry&offset=0&limit=20'),
    );
    expect(location()).toBe('?sort=expiry');
  });

  it('downloads every matching hostname as the backend writes it', async () => {
    const files: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      files.push(blob);
      return 'blob:hostnames';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const exports: string[] = [];
    const many: Exposure[] = Array.from({ length: 50 }, (_, i) => ({
      ...exposures[1],
      hostname: `h${i}.team-b.example.org`,
    }));
    server.use(
      http.get(`${baseUrl}/hostnames/export`, ({ request }) => {
        exports.push(new URL(request.url).search);
        return new HttpResponse(
          EXPOSURE_CSV_HEADER + many.map(exposureCsvRow).join(''),
          { headers: { 'Content-Type': 'text/csv; charset=utf-8' } },
        );
      }),
    );
    backend();
    await show('/gateway-api/hostnames?tenant=team-b&page=1');
    await screen.findByText('Hostnames matching the filters (2)');

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download every matching hostname as CSV',
      }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(exports).toEqual(['?tenant=team-b']);
    expect(click.mock.contexts[0]).toMatchObject({ download: 'hostnames.csv' });
    const csv = await new Response(files[0]).text();
    // All 50, not the page of 20.
    expect(csv.split('\r\n')).toHaveLength(52);
    click.mockRestore();
  });

  it('asks which hostnames are on an Ingress whatever the filters, for the migration section', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${baseUrl}/hostnames`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({
          items: [],
          totalItems: 0,
          pendingClusters: [],
          facets: EMPTY_FACETS,
        });
      }),
    );
    await show('/gateway-api/hostnames?tenant=team-a');
    await screen.findByText('Hostnames matching the filters (0)');
    expect(asked).toContain(
      '?migration=ingress-only&migration=both&migration=moved&limit=100',
    );
    // None: the section stays away, and asks nothing more.
    expect(screen.queryByText('Ingress migration')).not.toBeInTheDocument();
  });

  it('says when no hostname is exposed yet', async () => {
    server.use(
      http.get(`${baseUrl}/hostnames`, () =>
        HttpResponse.json({
          items: [],
          totalItems: 0,
          pendingClusters: [],
          facets: EMPTY_FACETS,
        }),
      ),
    );
    await show();
    expect(await screen.findByText('All hostnames (0)')).toBeInTheDocument();
    expect(screen.getByText('No records to display')).toBeInTheDocument();
  });

  it('says which clusters are still being read', async () => {
    backend({ pending: ['staging'] });
    await show();
    expect(
      await screen.findByText(/Still reading staging/),
    ).toBeInTheDocument();
  });

  it('warns which clusters have hostnames missing and why, and does not call them still being read', async () => {
    backend({ pending: ['prod', 'staging'] });
    server.use(
      http.get(`${baseUrl}/clusters`, () =>
        HttpResponse.json({
          items: [{ name: 'prod', url: 'https://prod' }],
          problems: [
            {
              cluster: 'prod',
              locator: 'config',
              kind: 'unreachable',
              reason: 'connect ECONNREFUSED 10.0.0.1:443',
              since: '2026-12-04T20:00:00.000Z',
            },
            {
              cluster: 'lab',
              locator: 'catalog',
              kind: 'malformedEntity',
              reason: 'it lacks the annotation kubernetes.io/auth-provider',
              since: '2026-12-04T19:00:00.000Z',
              entityRef: 'resource:default/lab',
            },
            {
              locator: 'gke',
              kind: 'locatorNotRead',
              reason: 'listing the clusters of GKE project "acme" failed',
              since: '2026-12-04T18:00:00.000Z',
            },
          ],
        }),
      ),
    );
    await show();
    expect(
      await screen.findByText(
        /Hostnames from cluster prod may be missing or out of date/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Cluster prod cannot be reached (since 2026-12-04T20:00:00.000Z): connect ECONNREFUSED 10.0.0.1:443',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Hostnames from cluster lab are missing/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cluster lab is left out: its catalog entity is malformed .*kubernetes.io\/auth-provider/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Hostnames from the clusters of the gke cluster locator are missing/,
      ),
    ).toBeInTheDocument();
    // prod is not being read, it cannot be: only staging is still being read.
    expect(
      await screen.findByText(/Still reading staging$/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Still reading.*prod/)).toBeNull();
  });

  it('warns of no cluster when every cluster is read', async () => {
    backend();
    await show();
    expect(await screen.findByText(/All hostnames/)).toBeInTheDocument();
    expect(screen.queryByText(/Hostnames from/)).toBeNull();
  });

  it('says the caller may not see the hostnames when the backend refuses', async () => {
    backend();
    failPage(403, 'NotAllowedError', 'You may not list hostnames');
    await show();
    expect(
      await screen.findByText(/You may not see the hostnames/),
    ).toBeInTheDocument();
  });

  it('shows an error with a Retry button', async () => {
    backend();
    failPage(500, 'Error', 'cache exploded');
    await show();
    expect(await screen.findAllByText(/cache exploded/)).not.toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('All hostnames (4)')).toBeInTheDocument();
  });
});
