import { useApi } from '@backstage/core-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  normaliseHostname,
  toUnicodeHostname,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { gatewayApiApiRef } from '../api';
import { checkTenantHostname } from './checkTenantHostname';
import { HostnamePickerUiOptions, siblingTenant } from './options';

/** Long enough to let a person finish typing before asking the backend. */
const CHECK_DELAY_MS = 400;

const normalisedLabel = (hostname: string) => {
  const unicode = toUnicodeHostname(hostname);
  return unicode === hostname ? hostname : `${unicode} (${hostname})`;
};

/**
 * A hostname inside a domain of the tenant chosen in a sibling field, checked as it is typed:
 * locally at once, then by the backend's guards.
 */
export const HostnamePicker = (
  props: FieldExtensionComponentProps<string, HostnamePickerUiOptions>,
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
  const api = useApi(gatewayApiApiRef);
  const { tenant, cluster } = siblingTenant(
    props.formContext?.formData,
    options,
  );
  const value = formData ?? '';
  const local = value
    ? normaliseHostname(value, { allowWildcard: options?.allowWildcard })
    : undefined;

  const [settled, setSettled] = useState(value);
  useDebounce(() => setSettled(value), CHECK_DELAY_MS, [value]);
  const remote = useAsync(async () => {
    if (
      !settled ||
      !normaliseHostname(settled, { allowWildcard: options?.allowWildcard }).ok
    )
      return undefined;
    return checkTenantHostname(api, {
      hostname: settled,
      tenant,
      cluster,
      allowWildcard: options?.allowWildcard,
    });
  }, [api, settled, tenant, cluster, options?.allowWildcard]);

  let helperText: string =
    schema.description ?? "A hostname inside one of the tenant's domains.";
  let error = Boolean(rawErrors?.length);
  if (local && !local.ok) {
    helperText = local.reason;
    error = true;
  } else if (local?.ok && (settled !== value || remote.loading)) {
    helperText = `Checking ${normalisedLabel(local.hostname)}…`;
  } else if (remote.error) {
    helperText = `Could not check the hostname: ${remote.error.message}`;
  } else if (remote.value?.ok) {
    helperText = `Allowed for tenant ${tenant}: will be exposed as ${normalisedLabel(
      remote.value.hostname,
    )}.`;
    error = false;
  } else if (remote.value) {
    helperText = remote.value.reason;
    error = true;
  }

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Hostname'}
      placeholder="app.team-a.example.org"
      value={value}
      onChange={e => onChange(e.target.value)}
      required={required}
      error={error}
      // The form repeats a validation error under the field; say it once.
      helperText={rawErrors?.includes(helperText) ? undefined : helperText}
      margin="normal"
      variant="outlined"
      fullWidth
      inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
    />
  );
};

/**
 * Refuses to go on with a hostname the expose action would refuse: malformed, in another
 * tenant's domain, or already served.
 */
export const hostnamePickerValidation: CustomFieldValidator<
  string,
  HostnamePickerUiOptions
> = async (value, validation, context) => {
  if (!value) return;
  const api = context.apiHolder.get(gatewayApiApiRef);
  const options = context.uiSchema?.['ui:options'];
  const local = normaliseHostname(value, {
    allowWildcard: options?.allowWildcard,
  });
  if (!local.ok || !api) {
    if (!local.ok) validation.addError(local.reason);
    return;
  }
  const check = await checkTenantHostname(api, {
    hostname: value,
    ...siblingTenant(context.formData, options),
    allowWildcard: options?.allowWildcard,
  });
  if (!check.ok) validation.addError(check.reason);
};
