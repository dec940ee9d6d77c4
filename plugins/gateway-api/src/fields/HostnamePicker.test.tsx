import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { GatewayApiApi, gatewayApiApiRef } from '../api';
import { fakeGatewayApi } from '../__testUtils__/fakeGatewayApi';
import { HostnamePicker, hostnamePickerValidation } from './HostnamePicker';
import { HostnamePickerUiOptions } from './options';

type Props = FieldExtensionComponentProps<string, HostnamePickerUiOptions>;

// The scaffolder passes the whole form's data in formContext; this stands in for it.
const Field = (props: {
  form: Record<string, string>;
  options?: HostnamePickerUiOptions;
}) => {
  const [value, setValue] = useState<string | undefined>();
  const fieldProps = {
    formData: value,
    onChange: setValue,
    schema: { title: 'Hostname' },
    uiSchema: { 'ui:options': props.options },
    formContext: { formData: props.form },
    rawErrors: [],
    required: true,
    idSchema: { $id: 'root_hostname' },
  } as unknown as Props;
  return <HostnamePicker {...fieldProps} />;
};

const render = (
  api: GatewayApiApi,
  form: Record<string, string>,
  options?: HostnamePickerUiOptions,
) =>
  renderInTestApp(
    <TestApiProvider apis={[[gatewayApiApiRef, api]]}>
      <Field form={form} options={options} />
    </TestApiProvider>,
  );

const type = (text: string) =>
  fireEvent.change(screen.getByRole('textbox'), { target: { value: text } });

describe('HostnamePicker', () => {
  it('shows the normalised hostname once the backend accepts it for the tenant', async () => {
    const checkHostname = jest.fn(fakeGatewayApi().checkHostname);
    await render(fakeGatewayApi({ checkHostname }), { tenant: 'team-a' });
    type('Shop.Team-A.example.org.');
    expect(
      await screen.findByText(
        'Allowed for tenant team-a: will be exposed as shop.team-a.example.org.',
        {},
        { timeout: 2000 },
      ),
    ).toBeInTheDocument();
    expect(checkHostname).toHaveBeenCalledWith({
      tenant: 'team-a',
      hostname: 'shop.team-a.example.org',
      cluster: undefined,
    });
  });

  it("shows the backend's refusal, reading the tenant from the configured field", async () => {
    const reason =
      'pay.team-b.example.org is already served by HTTPRoute tenant-team-b/payments.';
    await render(
      fakeGatewayApi({ checkHostname: async () => ({ ok: false, reason }) }),
      { owner: 'team-a' },
      { tenantField: 'owner' },
    );
    type('pay.team-b.example.org');
    expect(
      await screen.findByText(reason, {}, { timeout: 2000 }),
    ).toBeInTheDocument();
  });

  it('refuses an IP literal at once, without asking the backend', async () => {
    const checkHostname = jest.fn();
    await render(fakeGatewayApi({ checkHostname }), { tenant: 'team-a' });
    type('192.168.0.1');
    expect(screen.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText(/192\.168\.0\.1/, { selector: 'p' }),
    ).toBeInTheDocument();
    expect(checkHostname).not.toHaveBeenCalled();
  });
});

describe('hostnamePickerValidation', () => {
  const validate = async (
    value: string,
    api: GatewayApiApi,
    formData: Record<string, string> = { tenant: 'team-a' },
  ) => {
    const errors: string[] = [];
    await hostnamePickerValidation(
      value,
      { addError: (e: string) => errors.push(e) } as any,
      {
        apiHolder: { get: () => api } as any,
        formData,
        schema: {},
        uiSchema: { 'ui:options': {} },
      },
    );
    return errors;
  };

  it("refuses a hostname in another tenant's domain with the backend's reason", async () => {
    const reason =
      'billing.team-b.example.org lies in the domain of tenant team-b.';
    await expect(
      validate(
        'billing.team-b.example.org',
        fakeGatewayApi({ checkHostname: async () => ({ ok: false, reason }) }),
      ),
    ).resolves.toEqual([reason]);
  });

  it('lets an accepted hostname through', async () => {
    await expect(
      validate('shop.team-a.example.org', fakeGatewayApi()),
    ).resolves.toEqual([]);
  });

  it('refuses a malformed hostname', async () => {
    const errors = await validate(
      'https://shop.team-a.example.org/',
      fakeGatewayApi(),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('not a valid hostname');
  });
});
