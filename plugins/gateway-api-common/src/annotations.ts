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
