/**
 * Labels and annotations Gatehouse reads and writes on Kubernetes objects and catalog entities.
 * The Backstage ones are the Kubernetes plugin's own, so its tab finds the same objects.
 *
 * @public
 */
export const GATEWAY_API_ANNOTATIONS = {
  /** Label on Kubernetes objects that ties them to a catalog component (Kubernetes plugin's). */
  kubernetesId: 'backstage.io/kubernetes-id',
  /** Annotation on routes carrying the full entity ref of the component they expose. */
  entityRef: 'gateway-api.gatehouse.dev/entity-ref',
  /** Label on tenant namespaces naming the tenant. */
  tenant: 'gateway-api.gatehouse.dev/tenant',
  /** Annotation on the catalog entities of the entity provider naming their cluster. */
  cluster: 'gateway-api.gatehouse.dev/cluster',
  /** Annotation on objects migrated from an Ingress: its `<namespace>/<name>`. */
  migratedFrom: 'gateway-api.gatehouse.dev/migrated-from',
  /** Annotation on migrated routes: a JSON array of the migration differences the user accepted. */
  acceptedDifferences: 'gateway-api.gatehouse.dev/accepted-differences',
  /** Field manager used for every server-side apply. */
  fieldManager: 'gatehouse',
} as const;

/**
 * Labels and annotations holding tenant state on the tenant Namespace, so kubectl, the guard
 * policies and the portal all read the same truth. Lists are comma-separated annotation values;
 * the owner group ref lives in an annotation because `:` and `/` are not allowed in label values.
 *
 * @public
 */
export const TENANT_METADATA = {
  /** Label naming the tenant. */
  tenant: GATEWAY_API_ANNOTATIONS.tenant,
  /** Label: the tenant's Gateway layout (`dedicated`, `tenant-shared`, `cluster-shared`). */
  layout: 'gateway-api.gatehouse.dev/layout',
  /** Label naming the parent tenant of a child tenant. */
  parentTenant: 'gateway-api.gatehouse.dev/parent-tenant',
  /**
   * Annotation on a child tenant's namespace: its ancestors, nearest first (its parent, the
   * parent's parent, ...), comma-separated. The guard policies see one tenant namespace at a time
   * and cannot walk the parent labels, so a tenant's whole ancestry is written on it.
   */
  ancestors: 'gateway-api.gatehouse.dev/ancestor-tenants',
  /** Annotation: the DNS domains the tenant owns, comma-separated. */
  domains: 'gateway-api.gatehouse.dev/domains',
  /** Annotation: the entity ref of the group that owns the tenant. */
  ownerGroup: 'gateway-api.gatehouse.dev/owner-group',
  /** Annotation: the application namespaces whose routes may attach, comma-separated. */
  attachedNamespaces: 'gateway-api.gatehouse.dev/attached-namespaces',
  /** Annotation: the whole tenant spec as JSON, so a later exposure is built from what was provisioned. */
  spec: 'gateway-api.gatehouse.dev/spec',
} as const;

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
