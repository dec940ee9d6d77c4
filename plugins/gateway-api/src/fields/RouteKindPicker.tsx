import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  ExposableRouteKind,
  exposableRouteKinds,
  kindNotServedMessage,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { gatewayApiApiRef } from '../api';
import { RouteKindPickerUiOptions, siblingTenant } from './options';

const LABELS: Record<ExposableRouteKind, string> = {
  HTTPRoute: 'Terminated at the gateway (HTTPRoute)',
  TLSRoute: 'Passed through to the service (TLSRoute)',
};

/**
 * The route kind of an exposure, offering only what the tenant's cluster serves: no TLS
 * passthrough where the cluster does not serve TLSRoute, with what to install instead.
 */
export const RouteKindPicker = (
  props: FieldExtensionComponentProps<string, RouteKindPickerUiOptions>,
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
  const options = uiSchema?.['ui:options'];
  const sibling = siblingTenant(props.formContext?.formData, options);
  const api = useApi(gatewayApiApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [clusters, tenants] = await Promise.all([
      api.listClusters(),
      sibling.cluster || !sibling.tenant
        ? Promise.resolve([])
        : api.listTenants(),
    ]);
    const name =
      sibling.cluster ??
      tenants.find(t => t.name === sibling.tenant)?.cluster ??
      (clusters.length === 1 ? clusters[0].name : undefined);
    return clusters.find(c => c.name === name);
  }, [api, sibling.cluster, sibling.tenant]);

  const kinds = exposableRouteKinds(value?.apis);
  const chosen = formData && kinds.includes(formData as ExposableRouteKind);
  // A kind the chosen cluster cannot take is never left selected.
  useEffect(() => {
    if (!loading && formData && !chosen) onChange(kinds[0]);
  }, [loading, formData, chosen, kinds, onChange]);

  const id = idSchema?.$id ?? 'gateway-api-route-kind';
  const title = schema.title ?? 'TLS';
  let helperText =
    schema.description ??
    'Where TLS ends: at the gateway, or at the service itself.';
  if (loading) helperText = 'Reading what the cluster serves…';
  else if (error) helperText = `Could not read the clusters: ${error.message}`;
  else if (value && !kinds.includes('TLSRoute')) {
    helperText = `No passthrough: ${kindNotServedMessage(
      value.name,
      'TLSRoute',
    )}`;
  }

  return (
    <FormControl
      margin="normal"
      variant="outlined"
      required={required}
      error={Boolean(error || rawErrors?.length)}
      fullWidth
    >
      <InputLabel id={`${id}-label`}>{title}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={title}
        value={chosen ? formData : ''}
        onChange={e => onChange(e.target.value as string)}
        disabled={loading}
      >
        {kinds.map(kind => (
          <MenuItem key={kind} value={kind}>
            {LABELS[kind]}
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>{helperText}</FormHelperText>
    </FormControl>
  );
};
