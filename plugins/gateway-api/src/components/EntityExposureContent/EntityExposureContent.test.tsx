import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GatewayApiApi, gatewayApiApiRef } from '../../api';
import { EntityExposureContent } from './EntityExposureContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', title: 'Checkout' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const render = (api: GatewayApiApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[gatewayApiApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityExposureContent />
      </EntityProvider>
    </TestApiProvider>,
  );

describe('EntityExposureContent', () => {
  it('says the component is not exposed and names the watched clusters', async () => {
    await render({
      listClusters: async () => [{ name: 'dev', url: 'http://127.0.0.1:6443' }],
    });
    expect(
      await screen.findByText('Checkout is not exposed yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('Gatehouse watches dev.')).toBeInTheDocument();
  });

  it('shows the error when the backend cannot be reached', async () => {
    await render({
      listClusters: async () => {
        throw new Error('backend down');
      },
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
