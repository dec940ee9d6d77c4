import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { gatewayApiPlugin } from '../plugin';
import { HostnamePicker, hostnamePickerValidation } from './HostnamePicker';
import { RouteKindPicker } from './RouteKindPicker';
import { TenantPicker } from './TenantPicker';

/**
 * `ui:field: GatewayTenantPicker`: choose a tenant; the value is its name.
 *
 * @public
 */
export const GatewayTenantPickerFieldExtension = gatewayApiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'GatewayTenantPicker',
    component: TenantPicker,
  }),
);

/**
 * `ui:field: GatewayHostnamePicker`: a hostname for the tenant of a sibling field,
 * checked as it is typed and refused before the template runs.
 *
 * @public
 */
export const GatewayHostnamePickerFieldExtension = gatewayApiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'GatewayHostnamePicker',
    component: HostnamePicker,
    validation: hostnamePickerValidation,
  }),
);

/**
 * `ui:field: GatewayRouteKindPicker`: HTTPRoute or TLSRoute, offering only what the cluster of
 * the tenant in a sibling field serves.
 *
 * @public
 */
export const GatewayRouteKindPickerFieldExtension = gatewayApiPlugin.provide(
  createScaffolderFieldExtension({
    name: 'GatewayRouteKindPicker',
    component: RouteKindPicker,
  }),
);
