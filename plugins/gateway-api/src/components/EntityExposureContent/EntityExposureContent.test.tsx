import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ExposureList } from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, waitFor, within } from '@testing-library/react';
import { GatewayApiApi, gatewayApiApiRef } from '../../api';
import { fakeGatewayApi } from '../../testUtils/fakeGatewayApi';
import {
  billingExposure,
  checkoutExposure,
  paymentsExposure,
} from '../../__fixtures__/exposures';
import { EntityExposureContent } from './EntityExposureContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', title: 'Checkout' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const fakeApi = (listExposures: GatewayApiApi['listExposures']) =>
  fakeGatewayApi({ listExposures });

const render = (api: GatewayApiApi, refreshIntervalMs?: number) =>
  renderInTestApp(
    <TestApiProvider apis={[[gatewayApiApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityExposureContent refreshIntervalMs={refreshIntervalMs} />
      </EntityProvider>
    </TestApiProvider>,
  );

const list = (...items: ExposureList['items']): ExposureList => ({
  items,
  pendingClusters: [],
});

describe('EntityExposureContent', () => {
  it("asks for the entity's exposures and shows each hostname with route, gateway and TLS", async () => {
    const listExposures = jest.fn(async () => list(checkoutExposure));
    await render(fakeApi(listExposures));

    const link = await screen.findByRole('link', {
      name: /^checkout\.team-a\.example\.org/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://checkout.team-a.example.org/',
    );
    expect(listExposures).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
    });
    expect(
      screen.getByText('HTTPRoute tenant-team-a/checkout'),
    ).toBeInTheDocument();
    expect(screen.getByText('Accepted')).toBeInTheDocument();
    expect(screen.getByText('Programmed')).toBeInTheDocument();
    expect(screen.getByText('tenant-team-a/checkout')).toBeInTheDocument();
    expect(
      screen.getByText('203.0.113.10 · https HTTPS/443'),
    ).toBeInTheDocument();
    expect(screen.getByText('Issuer letsencrypt')).toBeInTheDocument();
    expect(
      screen.getByText('notAfter 2027-02-18 (88 days left)'),
    ).toBeInTheDocument();
    expect(screen.getByText('renewalTime 2027-01-19')).toBeInTheDocument();
    expect(screen.getByText('Working')).toBeInTheDocument();
    expect(screen.queryByText(/need attention/)).not.toBeInTheDocument();
  });

  it('shows the hint of each failing parentRef and the ACME challenge that fails', async () => {
    await render(fakeApi(async () => list(checkoutExposure, billingExposure)));

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

  it('offers the Expose a service template when nothing is exposed', async () => {
    await render(fakeApi(async () => list()));
    expect(
      await screen.findByText('Checkout is not exposed yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('Expose a service').closest('a')).toHaveAttribute(
      'href',
      '/create/templates/default/expose-service',
    );
  });

  it('says which clusters are still being read', async () => {
    await render(
      fakeApi(async () => ({ items: [], pendingClusters: ['staging'] })),
    );
    expect(
      await screen.findByText(/Still reading staging/),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend cannot be reached', async () => {
    await render(
      fakeApi(async () => {
        throw new Error('backend down');
      }),
    );
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('reads again on its own, so a route turning Accepted shows without reload', async () => {
    let accept: (answer: ExposureList) => void = () => {};
    const accepted = new Promise<ExposureList>(resolve => {
      accept = resolve;
    });
    const listExposures = jest
      .fn<Promise<ExposureList>, []>()
      .mockResolvedValueOnce(list(paymentsExposure))
      .mockReturnValue(accepted);
    await render(fakeApi(listExposures), 50);

    const status = () =>
      screen.getByRole('link', { name: /^pay\.team-b/ }).closest('tr')!
        .lastElementChild;
    await waitFor(() => expect(status()).toHaveTextContent('Pending'));
    await waitFor(() => expect(listExposures).toHaveBeenCalledTimes(2));
    // The first answer stays on screen while the next one is on its way.
    expect(status()).toHaveTextContent('Pending');
    accept(list({ ...paymentsExposure, status: checkoutExposure.status }));
    await waitFor(() => expect(status()).toHaveTextContent('Working'));
  });
});
