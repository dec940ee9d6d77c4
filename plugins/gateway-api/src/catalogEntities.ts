import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  dnsLabelName,
  entityName,
  GATEWAY_API_ANNOTATIONS,
} from '@gatehouse/backstage-plugin-gateway-api-common';

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
  clusterAnnotation: 'gateway-api.gatehouse.dev/cluster',
  /** Label holding the tenant's name. */
  tenantLabel: GATEWAY_API_ANNOTATIONS.tenant,
} as const;

// The provider puts each cluster's entities in a catalog namespace named after the cluster.
const resourceRef = (cluster: string, name: string) =>
  stringifyEntityRef({
    kind: 'resource',
    namespace: dnsLabelName(cluster),
    name: entityName(name),
  });

/** The Resource entity of a hostname served in a cluster. */
export const hostnameEntityRef = (cluster: string, hostname: string) =>
  resourceRef(cluster, hostname);

/** The Resource entity of a tenant. */
export const tenantEntityRef = (cluster: string, tenant: string) =>
  resourceRef(cluster, tenant);
