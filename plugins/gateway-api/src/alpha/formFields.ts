import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

/** @alpha */
export const gatewayApiTenantPickerFormField = FormFieldBlueprint.make({
  name: 'tenant-picker',
  params: {
    field: () =>
      import('../fields/TenantPicker').then(m =>
        createFormField({
          name: 'GatewayTenantPicker',
          component: m.TenantPicker,
        }),
      ),
  },
});

/** @alpha */
export const gatewayApiRouteKindPickerFormField = FormFieldBlueprint.make({
  name: 'route-kind-picker',
  params: {
    field: () =>
      import('../fields/RouteKindPicker').then(m =>
        createFormField({
          name: 'GatewayRouteKindPicker',
          component: m.RouteKindPicker,
        }),
      ),
  },
});

/** @alpha */
export const gatewayApiHostnamePickerFormField = FormFieldBlueprint.make({
  name: 'hostname-picker',
  params: {
    field: () =>
      import('../fields/HostnamePicker').then(m =>
        createFormField({
          name: 'GatewayHostnamePicker',
          component: m.HostnamePicker,
          validation: m.hostnamePickerValidation,
        }),
      ),
  },
});
