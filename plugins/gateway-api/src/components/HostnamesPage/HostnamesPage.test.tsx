import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exposureList, exposures } from '../../__fixtures__/exposures';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { HostnamesPage } from './HostnamesPage';

const { answer, fail, hang, render } = gatewayApiServer();

const show = (path = '/gateway-api/hostnames') =>
  render(<HostnamesPage />, [path]);

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
  it('lists every hostname with links to its entity, tenant, component and owner', async () => {
    answer('/hostnames', exposureList);
    await show();
    expect(await screen.findByText('All hostnames (4)')).toBeInTheDocument();
    expect(hostnames()).toEqual([
      'https://checkout.team-a.example.org/',
      'https://billing.team-b.example.org/',
      'https://pay.team-b.example.org/',
      'https://catalog.team-c.example.org/',
    ]);
    const row = rowOf('catalog.team-c.example.org');
    expect(
      within(row).getByRole('link', { name: 'catalog.team-c.example.org' }),
    ).toHaveAttribute(
      'href',
      '/catalog/staging/resource/catalog.team-c.example.org',
    );
    expect(within(row).getAllByRole('link', { name: 'team-c' })).toEqual([
      expect.objectContaining({
        href: 'http://localhost/catalog/staging/resource/team-c',
      }),
      expect.objectContaining({
        href: 'http://localhost/catalog/default/group/team-c',
      }),
    ]);
    expect(within(row).getByText('staging')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'catalog-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/catalog-api');
    expect(
      within(row).getByText('2026-11-27 (5 days left)'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Expiring')).toBeInTheDocument();
    expect(within(row).getByText('Failing')).toBeInTheDocument();
  });

  it('reads its filters from the URL, so a link can pre-filter by tenant', async () => {
    answer('/hostnames', exposureList);
    await show('/gateway-api/hostnames?tenant=team-b');
    await screen.findByText('Hostnames matching the filters, of 4');
    expect(hostnames()).toEqual([
      'https://billing.team-b.example.org/',
      'https://pay.team-b.example.org/',
    ]);
  });

  it('filters by owner group', async () => {
    answer('/hostnames', exposureList);
    await show('/gateway-api/hostnames?owner=group:default/team-a');
    await screen.findByText('Hostnames matching the filters, of 4');
    expect(hostnames()).toEqual(['https://checkout.team-a.example.org/']);
  });

  it('filters by TLS state and status together', async () => {
    answer('/hostnames', exposureList);
    await show('/gateway-api/hostnames?status=Failing&tls=Expiring');
    await screen.findByText('Hostnames matching the filters, of 4');
    expect(hostnames()).toEqual(['https://catalog.team-c.example.org/']);
  });

  it('keeps only certificates expiring within the days in the URL', async () => {
    answer('/hostnames', exposureList);
    await show('/gateway-api/hostnames?expiringWithinDays=30');
    expect(
      await screen.findByText(
        'Hostnames whose certificate expires within 30 days (1)',
      ),
    ).toBeInTheDocument();
    expect(hostnames()).toEqual(['https://catalog.team-c.example.org/']);
  });

  it('picks the expiry window from a labelled control', async () => {
    answer('/hostnames', exposureList);
    await show();
    await screen.findByText('All hostnames (4)');
    await userEvent.click(
      screen.getByRole('button', { name: /Certificate expires within/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: '90 days' }));
    expect(
      await screen.findByText(
        'Hostnames whose certificate expires within 90 days (2)',
      ),
    ).toBeInTheDocument();
    expect(hostnames()).toEqual([
      'https://checkout.team-a.example.org/',
      'https://catalog.team-c.example.org/',
    ]);
  });

  it('searches across hostnames, routes and gateways', async () => {
    answer('/hostnames', exposureList);
    await show();
    await screen.findByText('All hostnames (4)');
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'legacy-billing' },
    });
    // The Table debounces its search.
    await waitFor(
      () =>
        expect(hostnames()).toEqual(['https://billing.team-b.example.org/']),
      { timeout: 3000 },
    );
  });

  it('keeps a search from the URL', async () => {
    answer('/hostnames', exposureList);
    await show('/gateway-api/hostnames?q=catalog-api');
    await screen.findByText('Hostnames matching the filters, of 4');
    await waitFor(
      () =>
        expect(hostnames()).toEqual(['https://catalog.team-c.example.org/']),
      { timeout: 3000 },
    );
  });

  it('downloads the rows shown as CSV', async () => {
    const files: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      files.push(blob);
      return 'blob:hostnames';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    answer('/hostnames', exposureList);
    await show('/gateway-api/hostnames?tenant=team-b');
    await screen.findByText('Hostnames matching the filters, of 4');

    await userEvent.click(
      screen.getByRole('button', { name: 'Download the rows shown as CSV' }),
    );
    expect(click).toHaveBeenCalledTimes(1);
    expect(click.mock.contexts[0]).toMatchObject({ download: 'hostnames.csv' });
    const csv = await new Response(files[0]).text();
    expect(csv.split('\r\n').map(line => line.split(',')[0])).toEqual([
      'hostname',
      'billing.team-b.example.org',
      'pay.team-b.example.org',
      '',
    ]);
    click.mockRestore();
  });

  it('shows a spinner while the first answer is on its way', async () => {
    hang('/hostnames');
    await show();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when no hostname is exposed yet', async () => {
    answer('/hostnames', { items: [], pendingClusters: [] });
    await show();
    expect(await screen.findByText('All hostnames (0)')).toBeInTheDocument();
    expect(screen.getByText('No records to display')).toBeInTheDocument();
  });

  it('says which clusters are still being read', async () => {
    answer('/hostnames', { items: exposures, pendingClusters: ['staging'] });
    await show();
    expect(
      await screen.findByText(/Still reading staging/),
    ).toBeInTheDocument();
  });

  it('says when the backend answered only part of the hostnames', async () => {
    answer('/hostnames', { ...exposureList, totalItems: 1200 });
    await show();
    expect(
      await screen.findByText(/Showing 4 of 1200 hostnames/),
    ).toBeInTheDocument();
  });

  it('says the caller may not see the hostnames when the backend refuses', async () => {
    fail('/hostnames', 403, 'NotAllowedError', 'You may not list hostnames');
    await show();
    expect(
      await screen.findByText(/You may not see the hostnames/),
    ).toBeInTheDocument();
  });

  it('shows an error with a Retry button', async () => {
    answer('/hostnames', exposureList);
    fail('/hostnames', 500, 'Error', 'cache exploded');
    await show();
    expect(await screen.findAllByText(/cache exploded/)).not.toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('All hostnames (4)')).toBeInTheDocument();
  });
});
