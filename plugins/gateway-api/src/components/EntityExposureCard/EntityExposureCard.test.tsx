import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { gatewayApiApiRef } from '../../api';
import {
  billingExposure,
  checkoutExposure,
} from '../../__fixtures__/exposures';
import { fakeGatewayApi } from '../../testUtils/fakeGatewayApi';
import { EntityExposureCard } from './EntityExposureCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
};

const render = (items = [checkoutExposure, billingExposure]) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [
          gatewayApiApiRef,
          fakeGatewayApi({
            listExposures: async () => ({ items, pendingClusters: [] }),
          }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityExposureCard />
      </EntityProvider>
    </TestApiProvider>,
  );

describe('EntityExposureCard', () => {
  it('lists each hostname with its status and TLS expiry', async () => {
    await render();
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
  });

  it('says when the component is not exposed', async () => {
    await render([]);
    expect(
      await screen.findByText('Not exposed on any hostname yet.'),
    ).toBeInTheDocument();
  });
});
