import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { gatewayApiApiRef } from '../../api';
import { fakeGatewayApi } from '../../testUtils/fakeGatewayApi';
import { exposures } from '../../__fixtures__/exposures';
import { HostnamesPage } from './HostnamesPage';

const render = (path = '/gateway-api/hostnames', api = fakeGatewayApi()) =>
  renderInTestApp(
    <TestApiProvider apis={[[gatewayApiApiRef, api]]}>
      <HostnamesPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

const hostnames = () =>
  screen
    .queryAllByRole('link', { name: /example\.org/ })
    .map(link => link.getAttribute('href'));

describe('HostnamesPage', () => {
  it('lists every hostname with tenant, cluster, owner, TLS expiry and status', async () => {
    await render();
    expect(await screen.findByText('All hostnames (4)')).toBeInTheDocument();
    expect(hostnames()).toEqual([
      'https://checkout.team-a.example.org/',
      'https://billing.team-b.example.org/',
      'https://pay.team-b.example.org/',
      'https://catalog.team-c.example.org/',
    ]);
    const row = screen
      .getByRole('link', { name: /^catalog\.team-c/ })
      .closest('tr')!;
    expect(within(row).getAllByText('team-c')).toHaveLength(2);
    expect(within(row).getByText('staging')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'catalog-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/catalog-api');
    expect(within(row).getByRole('link', { name: 'team-c' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-c',
    );
    expect(
      within(row).getByText('2026-11-27 (5 days left)'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Expiring')).toBeInTheDocument();
    expect(within(row).getByText('Failing')).toBeInTheDocument();
  });

  it('reads its filters from the URL, so a link can pre-filter by tenant', async () => {
    await render('/gateway-api/hostnames?tenant=team-b');
    await screen.findByText('All hostnames (4)');
    expect(hostnames()).toEqual([
      'https://billing.team-b.example.org/',
      'https://pay.team-b.example.org/',
    ]);
  });

  it('filters by TLS state and status together', async () => {
    await render('/gateway-api/hostnames?status=Failing&tls=Expiring');
    await screen.findByText('All hostnames (4)');
    expect(hostnames()).toEqual(['https://catalog.team-c.example.org/']);
  });

  it('searches across hostnames, routes and gateways', async () => {
    await render();
    await screen.findByText('All hostnames (4)');
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'legacy-billing' },
    });
    await waitFor(() =>
      expect(hostnames()).toEqual(['https://billing.team-b.example.org/']),
    );
  });

  it('keeps a search from the URL', async () => {
    await render('/gateway-api/hostnames?q=catalog-api');
    await screen.findByText('All hostnames (4)');
    await waitFor(() =>
      expect(hostnames()).toEqual(['https://catalog.team-c.example.org/']),
    );
  });

  it('says when the backend answered only part of the hostnames', async () => {
    await render(
      '/gateway-api/hostnames',
      fakeGatewayApi({
        listExposures: async () => ({
          items: exposures,
          pendingClusters: [],
          totalItems: 1200,
        }),
      }),
    );
    expect(
      await screen.findByText(/Showing 4 of 1200 hostnames/),
    ).toBeInTheDocument();
  });
});
