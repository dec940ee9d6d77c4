import { createRouteRef } from '@backstage/core-plugin-api';

export const entityExposureRouteRef = createRouteRef({
  id: 'gateway-api:entity-exposure',
});
