import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { gatewayApiPlugin } from '../plugin';
import { HostnamePicker, hostnamePickerValidation } from './HostnamePicker';
import { TenantPicker } from './TenantPicker';

/**
 * `ui:field: GatewayApiTenantPicker`: choose a tenant; the value is its name.
 *
 * @public
 */
export const GatewayApiTenantPickerFieldExtension = gatewayApiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'GatewayApiTenantPicker',
    component: TenantPicker,
  }),
);

/**
 * `ui:field: GatewayApiHostnamePicker`: a hostname for the tenant of a sibling field,
 * checked as it is typed and refused before the template runs.
 *
 * @public
 */
export const GatewayApiHostnamePickerFieldExtension = gatewayApiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'GatewayApiHostnamePicker',
    component: HostnamePicker,
    validation: hostnamePickerValidation,
  }),
);
