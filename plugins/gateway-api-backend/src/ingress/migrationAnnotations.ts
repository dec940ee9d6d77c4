import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * What the Ingress migration writes on the objects it makes, so the inventory can tell a route
 * made from an Ingress (and which one) and cutover and rollback can find what they need.
 */
export const MIGRATION_ANNOTATIONS = {
  /** On a route made from an Ingress (the translator writes it): `<namespace>/<name>` of it. */
  migratedFrom: GATEWAY_API_ANNOTATIONS.migratedFrom,
  /** On that route: the ids of the differences the team accepted, as a JSON array. */
  acceptedDifferences: GATEWAY_API_ANNOTATIONS.acceptedDifferences,
  /** On the ConfigMap holding an Ingress removed at cutover: `<namespace>/<name>` of it. */
  removedIngress: 'gateway-api.gatehouse.dev/removed-ingress',
} as const;

/** The key of the removed Ingress (as JSON) in its ConfigMap. */
export const REMOVED_INGRESS_KEY = 'ingress.json';
