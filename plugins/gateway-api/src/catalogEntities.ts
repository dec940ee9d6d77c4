import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * How the backend's entity provider marks the Resource entities it emits for tenants: the
 * cluster in an annotation, the tenant name in a label.
 *
 * @public
 */
export const GATEWAY_TENANT_ENTITY = {
  /** `spec.type` of a tenant's Resource entity. */
  type: 'gateway-tenant',
  /** Annotation naming the cluster (as in the `kubernetes:` config) the tenant lives in. */
  clusterAnnotation: GATEWAY_API_ANNOTATIONS.cluster,
  /** Label holding the tenant's name. */
  tenantLabel: GATEWAY_API_ANNOTATIONS.tenant,
} as const;
