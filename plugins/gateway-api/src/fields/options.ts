/**
 * `ui:options` of the GatewayHostnamePicker field.
 *
 * @public
 */
export interface HostnamePickerUiOptions {
  /** The form field holding the tenant name; `tenant` when not given. */
  tenantField?: string;
  /** The form field holding the cluster name; `cluster` when not given. */
  clusterField?: string;
  /** Accept a `*.` wildcard hostname (only for tenants that allow wildcards). */
  allowWildcard?: boolean;
}

/**
 * `ui:options` of the GatewayTenantPicker field.
 *
 * @public
 */
export interface TenantPickerUiOptions {
  /** Offer only the tenants of this cluster. */
  cluster?: string;
}

/**
 * `ui:options` of the GatewayRouteKindPicker field.
 *
 * @public
 */
export interface RouteKindPickerUiOptions {
  /** The form field holding the tenant name; `tenant` when not given. */
  tenantField?: string;
  /** The form field holding the cluster name; `cluster` when not given. */
  clusterField?: string;
}

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The tenant and cluster chosen in sibling fields of the form. */
export function siblingTenant(
  formData: Record<string, unknown> | undefined,
  options:
    | Pick<HostnamePickerUiOptions, 'tenantField' | 'clusterField'>
    | undefined,
): { tenant?: string; cluster?: string } {
  return {
    tenant: text(formData?.[options?.tenantField ?? 'tenant']),
    cluster: text(formData?.[options?.clusterField ?? 'cluster']),
  };
}
