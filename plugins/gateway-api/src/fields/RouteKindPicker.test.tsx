import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { gatewayApiApiRef } from '../api';
import { fakeGatewayApi } from '../__testUtils__/fakeGatewayApi';
import { RouteKindPickerUiOptions } from './options';
import { RouteKindPicker } from './RouteKindPicker';

type Props = FieldExtensionComponentProps<string, RouteKindPickerUiOptions>;

const served = (name: string, tlsRoute: boolean) => ({
  name,
  url: `https://${name}`,
  apis: {
    cluster: name,
    served: {
      HTTPRoute: 'gateway.networking.k8s.io/v1',
      ...(tlsRoute ? { TLSRoute: 'gateway.networking.k8s.io/v1' } : {}),
    },
    unserved: tlsRoute ? [] : ['TLSRoute'],
    unreadable: [],
  },
});

/** dev-cluster (team-a, team-b) serves TLSRoute; staging (team-c) does not. */
const render = async (formData: string | undefined, tenant: string) => {
  const onChange = jest.fn();
  const props = {
    formData,
    onChange,
    schema: { title: 'TLS' },
    uiSchema: { 'ui:options': { tenantField: 'tenant' } },
    formContext: { formData: { tenant } },
    rawErrors: [],
    idSchema: { $id: 'root_routeKind' },
  } as unknown as Props;
  const api = fakeGatewayApi({
    listClusters: async () => [
      served('dev-cluster', true),
      served('staging', false),
    ],
  });
  await renderInTestApp(
    <TestApiProvider apis={[[gatewayApiApiRef, api]]}>
      <RouteKindPicker {...props} />
    </TestApiProvider>,
  );
  return { onChange };
};

const offered = async () => {
  fireEvent.mouseDown(await screen.findByRole('button'));
  return within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.getAttribute('data-value'));
};

describe('RouteKindPicker', () => {
  it('offers TLS passthrough where the tenant’s cluster serves TLSRoute', async () => {
    const { onChange } = await render('HTTPRoute', 'team-a');
    expect(await offered()).toEqual(['HTTPRoute', 'TLSRoute']);
    fireEvent.click(
      screen.getByText('Passed through to the service (TLSRoute)'),
    );
    expect(onChange).toHaveBeenCalledWith('TLSRoute');
  });

  it('offers only HTTPRoute where it does not, and says what to install', async () => {
    await render('HTTPRoute', 'team-c');
    expect(
      await screen.findByText(
        'No passthrough: Cluster staging does not serve TLSRoute; install the Gateway API standard channel v1.5 or later, or the experimental channel.',
      ),
    ).toBeInTheDocument();
    expect(await offered()).toEqual(['HTTPRoute']);
  });

  it('never leaves TLSRoute chosen on a cluster that does not serve it', async () => {
    const { onChange } = await render('TLSRoute', 'team-c');
    await screen.findByText(/^No passthrough/);
    expect(onChange).toHaveBeenCalledWith('HTTPRoute');
  });
});
