import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { gatewayApiApiRef } from '../api';
import { TenantPickerUiOptions } from './options';

/** A tenant from the clusters, shown with the domains its hostnames must lie in. */
export const TenantPicker = (
  props: FieldExtensionComponentProps<string, TenantPickerUiOptions>,
) => {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const cluster = uiSchema?.['ui:options']?.cluster;
  const api = useApi(gatewayApiApiRef);
  const { value, loading, error } = useAsync(() => api.listTenants(), [api]);
  const tenants = (value ?? []).filter(t => !cluster || t.cluster === cluster);
  const chosen = tenants.find(t => t.name === formData);
  const id = idSchema?.$id ?? 'gateway-api-tenant';

  let helperText = schema.description ?? 'The tenant that owns the hostname.';
  if (loading) helperText = 'Loading tenants…';
  else if (error) helperText = `Could not load tenants: ${error.message}`;
  else if (tenants.length === 0)
    helperText =
      'No tenant exists yet; ask the platform team to provision one.';
  else if (chosen) helperText = `Domains: ${chosen.domains.join(', ')}`;

  return (
    <FormControl
      margin="normal"
      variant="outlined"
      required={required}
      error={Boolean(error || rawErrors?.length)}
      fullWidth
    >
      <InputLabel id={`${id}-label`}>{schema.title ?? 'Tenant'}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={schema.title ?? 'Tenant'}
        value={chosen ? chosen.name : ''}
        onChange={e => onChange(e.target.value as string)}
        disabled={loading}
        renderValue={name => String(name)}
      >
        {tenants.map(tenant => (
          <MenuItem
            key={`${tenant.cluster}/${tenant.name}`}
            value={tenant.name}
          >
            <ListItemText
              primary={tenant.name}
              secondary={`${tenant.domains.join(', ')} · ${tenant.cluster}`}
            />
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>{helperText}</FormHelperText>
    </FormControl>
  );
};
