import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { gatewayApiApiRef } from '../api';
import { fakeGatewayApi } from '../__testUtils__/fakeGatewayApi';
import { TenantPickerUiOptions } from './options';
import { TenantPicker } from './TenantPicker';

type Props = FieldExtensionComponentProps<string, TenantPickerUiOptions>;

const render = async (
  formData: string | undefined,
  options?: TenantPickerUiOptions,
) => {
  const onChange = jest.fn();
  const props = {
    formData,
    onChange,
    schema: { title: 'Tenant' },
    uiSchema: { 'ui:options': options },
    rawErrors: [],
    idSchema: { $id: 'root_tenant' },
  } as unknown as Props;
  await renderInTestApp(
    <TestApiProvider apis={[[gatewayApiApiRef, fakeGatewayApi()]]}>
      <TenantPicker {...props} />
    </TestApiProvider>,
  );
  return { onChange };
};

describe('TenantPicker', () => {
  it('offers the tenants with their domains and sets the chosen name', async () => {
    const { onChange } = await render(undefined);
    fireEvent.mouseDown(await screen.findByRole('button'));
    const options = within(screen.getByRole('listbox'));
    expect(
      options.getByText('team-b.example.org, pay.example.com · dev-cluster'),
    ).toBeInTheDocument();
    fireEvent.click(options.getByText('team-c'));
    expect(onChange).toHaveBeenCalledWith('team-c');
  });

  it("shows the chosen tenant's domains", async () => {
    await render('team-b');
    expect(
      await screen.findByText('Domains: team-b.example.org, pay.example.com'),
    ).toBeInTheDocument();
  });

  it('offers only the tenants of the cluster given in ui:options', async () => {
    await render(undefined, { cluster: 'staging' });
    fireEvent.mouseDown(await screen.findByRole('button'));
    const options = within(screen.getByRole('listbox'));
    expect(
      options.getAllByRole('option').map(o => o.getAttribute('data-value')),
    ).toEqual(['team-c']);
  });
});
