import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ExposureList } from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  billingExposure,
  checkoutExposure,
  paymentsExposure,
} from '../../__fixtures__/exposures';
import { checkoutEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityExposureContent } from './EntityExposureContent';

const { server, answer, fail, hang, render } = gatewayApiServer();

const show = (refreshIntervalMs?: number, options?: { unbound?: boolean }) =>
  render(
    <EntityProvider entity={checkoutEntity}>
      <EntityExposureContent refreshIntervalMs={refreshIntervalMs} />
    </EntityProvider>,
    undefined,
    options,
  );

const list = (...items: ExposureList['items']): ExposureList => ({
  items,
  pendingClusters: [],
});

describe('EntityExposureContent', () => {
  it("asks for the entity's exposures and shows each hostname with route, gateway and TLS", async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        'http://backstage.test/api/gateway-api/exposure',
        ({ request }) => {
          seen.push(new URL(request.url).searchParams.get('entityRef')!);
          return HttpResponse.json(list(checkoutExposure));
        },
      ),
    );
    await show();

    const link = await screen.findByRole('link', {
      name: /^checkout\.team-a\.example\.org/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://checkout.team-a.example.org/',
    );
    expect(seen[0]).toBe('component:default/checkout');
    expect(
      screen.getByText('HTTPRoute tenant-team-a/checkout'),
    ).toBeInTheDocument();
    expect(screen.getByText('Accepted')).toBeInTheDocument();
    expect(screen.getByText('Programmed')).toBeInTheDocument();
    expect(screen.getByText('tenant-team-a/checkout')).toBeInTheDocument();
    expect(screen.getByText('203.0.113.10 · HTTPS/443')).toBeInTheDocument();
    expect(screen.getByText('2027-02-18 (88 days left)')).toBeInTheDocument();
    expect(screen.getByText('Working')).toBeInTheDocument();
    expect(screen.queryByText(/need attention/)).not.toBeInTheDocument();
    expect(screen.getByText(/^Updated/)).toBeInTheDocument();
  });

  it('opens a row onto its path, parentRefs, Gateway listener and certificate', async () => {
    answer('/exposure', list(checkoutExposure));
    await show();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Detail panel visiblity toggle',
      }),
    );
    // The graph shows once its layout has settled.
    const path = await screen.findByRole(
      'group',
      { name: /^Path of checkout\.team-a\.example\.org/ },
      { timeout: 3000 },
    );
    for (const hop of [
      'Gateway · listener https HTTPS/443',
      'tenant-team-a/checkout:8080',
      '✓ Programmed',
      '✓ Accepted',
      '✓ Resolved',
    ]) {
      expect(within(path).getByText(hop)).toBeInTheDocument();
    }
    expect(
      screen.getByText(
        'Issuer letsencrypt · notAfter 2027-02-18 (88 days left) · renewalTime 2027-01-19',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/listener https: HTTPS\/443, hostname checkout/),
    ).toBeInTheDocument();
  });

  it('shows the hint of each failing parentRef and the ACME challenge that fails', async () => {
    answer('/exposure', list(checkoutExposure, billingExposure));
    await show();

    const panel = (
      await screen.findByText(/1 of 2 hostnames need attention/)
    ).closest('[class*="MuiAccordion-root"]') as HTMLElement;
    expect(
      within(panel).getByText(
        /namespace is not allowed by the listener's allowedRoutes/,
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(/Ask the platform team to attach the namespace/),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(
        'HTTP-01 challenge for billing.team-b.example.org: invalid (Connection refused on port 80)',
      ),
    ).toBeInTheDocument();
    expect(within(panel).queryByText('checkout.team-a.example.org')).toBeNull();
  });

  it('shows a spinner while the first answer is on its way', async () => {
    hang('/exposure');
    await show();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('offers the Expose a service template when nothing is exposed', async () => {
    answer('/exposure', list());
    await show();
    expect(
      await screen.findByText('Checkout is not exposed yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('Expose a service').closest('a')).toHaveAttribute(
      'href',
      '/create/templates/default/expose-service',
    );
  });

  it('shows no template button when the app binds no Expose a service route', async () => {
    answer('/exposure', list());
    await show(undefined, { unbound: true });
    expect(
      await screen.findByText('Checkout is not exposed yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Expose a service')).toBeNull();
  });

  it('says which clusters are still being read', async () => {
    answer('/exposure', { items: [], pendingClusters: ['staging'] });
    await show();
    expect(
      await screen.findByText(/Still reading staging/),
    ).toBeInTheDocument();
  });

  it.each([
    [
      404,
      'NotFoundError',
      'No entity component:default/checkout that you may read',
    ],
    [403, 'NotAllowedError', 'You may not read component:default/checkout'],
  ])(
    'says the caller may not see the exposures on a %i %s, with nothing to retry',
    async (status, name, message) => {
      fail('/exposure', status, name, message);
      await show();
      expect(
        await screen.findByText(/You may not see the exposures of Checkout/),
      ).toBeInTheDocument();
      expect(screen.getByText(new RegExp(message))).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    },
  );

  it('shows the error with a Retry button that reads again', async () => {
    answer('/exposure', list(checkoutExposure));
    fail('/exposure', 500, 'Error', 'cache exploded');
    await show();
    expect(await screen.findAllByText(/cache exploded/)).not.toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: /^checkout\.team-a/ }),
    ).toBeInTheDocument();
  });

  it('reads again when the refresh button is pressed', async () => {
    const calls = answer('/exposure', list(checkoutExposure));
    await show();
    await screen.findByRole('link', { name: /^checkout\.team-a/ });
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Refresh the exposures of Checkout',
      }),
    );
    await waitFor(() => expect(calls.count).toBe(2));
  });

  it('reads again on its own, so a route turning Accepted shows without reload', async () => {
    let accept: () => void = () => {};
    const accepted = new Promise<void>(resolve => {
      accept = resolve;
    });
    let calls = 0;
    server.use(
      http.get('http://backstage.test/api/gateway-api/exposure', async () => {
        calls += 1;
        if (calls === 1) return HttpResponse.json(list(paymentsExposure));
        await accepted;
        return HttpResponse.json(
          list({ ...paymentsExposure, status: checkoutExposure.status }),
        );
      }),
    );
    await show(50);

    const status = () =>
      screen.getByRole('link', { name: /^pay\.team-b/ }).closest('tr')!
        .lastElementChild;
    await waitFor(() => expect(status()).toHaveTextContent('Pending'));
    await waitFor(() => expect(calls).toBeGreaterThanOrEqual(2));
    // The first answer stays on screen while the next one is on its way.
    expect(status()).toHaveTextContent('Pending');
    accept();
    await waitFor(() => expect(status()).toHaveTextContent('Working'));
  });
});
