/**
 * What the Ingress migration writes on the objects it makes, so the inventory can tell a route
 * made from an Ingress (and which one) and cutover and rollback can find what they need.
 */
export const MIGRATION_ANNOTATIONS = {
  /** On a route made from an Ingress: `<namespace>/<name>` of that Ingress. */
  migratedFrom: 'gateway-api.gatehouse.dev/migrated-from-ingress',
  /** On that route: the translator's ids of the differences the team accepted, comma-separated. */
  acceptedDifferences: 'gateway-api.gatehouse.dev/accepted-differences',
  /** On the ConfigMap holding an Ingress removed at cutover: `<namespace>/<name>` of it. */
  removedIngress: 'gateway-api.gatehouse.dev/removed-ingress',
} as const;

/** The key of the removed Ingress (as JSON) in its ConfigMap. */
export const REMOVED_INGRESS_KEY = 'ingress.json';
