import { Entity } from '@backstage/catalog-model';

/** The checkout component of the fixtures, as the catalog holds it. */
export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    title: 'Checkout',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/** The team-b tenant's Resource entity, as the Gatehouse entity provider emits it. */
export const teamBTenantEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'team-b',
    namespace: 'dev-cluster',
    annotations: { 'gateway-api.gatehouse.dev/cluster': 'dev-cluster' },
    labels: { 'gateway-api.gatehouse.dev/tenant': 'team-b' },
  },
  spec: { type: 'gateway-tenant', owner: 'group:default/team-b' },
};
