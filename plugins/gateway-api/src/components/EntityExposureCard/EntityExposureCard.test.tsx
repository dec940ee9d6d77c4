import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  billingExposure,
  checkoutExposure,
} from '../../__fixtures__/exposures';
import { checkoutEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityExposureCard } from './EntityExposureCard';

const { answer, fail, hang, render } = gatewayApiServer();

const show = () =>
  render(
    <EntityProvider entity={checkoutEntity}>
      <EntityExposureCard />
    </EntityProvider>,
  );

describe('EntityExposureCard', () => {
  it('lists each hostname with its status and TLS expiry, and when it was read', async () => {
    answer('/exposure', {
      items: [checkoutExposure, billingExposure],
      pendingClusters: [],
    });
    await show();
    expect(
      await screen.findByRole('link', {
        name: /^checkout\.team-a\.example\.org/,
      }),
    ).toHaveAttribute('href', 'https://checkout.team-a.example.org/');
    expect(screen.getByText('Working')).toBeInTheDocument();
    expect(
      screen.getByText(/TLS Ready, notAfter 2027-02-18 \(88 days left\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Failing: NotAllowedByListeners'),
    ).toBeInTheDocument();
    expect(screen.getByText(/TLS Failed/)).toBeInTheDocument();
    const time = screen.getByText('now');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('title');
  });

  it('names a wildcard hostname without a URL to open', async () => {
    answer('/exposure', {
      items: [
        {
          ...checkoutExposure,
          hostname: '*.checkout.team-a.example.org',
          url: 'https://*.checkout.team-a.example.org/',
        },
      ],
      pendingClusters: [],
    });
    await show();
    expect(
      await screen.findByText('*.checkout.team-a.example.org'),
    ).toBeInTheDocument();
    expect(
      screen
        .queryAllByRole('link')
        .map(l => l.getAttribute('href'))
        .filter(href => href?.includes('*')),
    ).toEqual([]);
  });

  it('shows a spinner while the first answer is on its way', async () => {
    hang('/exposure');
    await show();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when the component is not exposed', async () => {
    answer('/exposure', { items: [], pendingClusters: [] });
    await show();
    expect(
      await screen.findByText('Not exposed on any hostname yet.'),
    ).toBeInTheDocument();
  });

  it('says which clusters are still being read', async () => {
    answer('/exposure', {
      items: [checkoutExposure],
      pendingClusters: ['staging'],
    });
    await show();
    expect(
      await screen.findByText(/Still reading staging/),
    ).toBeInTheDocument();
  });

  it('says the caller may not see the exposures when the backend refuses', async () => {
    fail(
      '/exposure',
      404,
      'NotFoundError',
      'No entity component:default/checkout that you may read',
    );
    await show();
    expect(
      await screen.findByText(/You may not see the exposures of Checkout/),
    ).toBeInTheDocument();
  });

  it('shows an error with a Retry button, and refreshes on demand', async () => {
    const calls = answer('/exposure', {
      items: [checkoutExposure],
      pendingClusters: [],
    });
    fail('/exposure', 503, 'ServiceUnavailableError', 'cache not ready');
    await show();
    expect(await screen.findAllByText(/cache not ready/)).not.toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('link', { name: /^checkout\.team-a/ });
    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh the exposures of Checkout' }),
    );
    await waitFor(() => expect(calls.count).toBe(2));
  });
});
