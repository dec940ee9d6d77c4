import { createRouteRef } from '@backstage/core-plugin-api';

export const entityExposureRouteRef = createRouteRef({
  id: 'gateway-api:entity-exposure',
});

/** The Hostnames page. */
export const rootRouteRef = createRouteRef({
  id: 'gateway-api:hostnames',
});
