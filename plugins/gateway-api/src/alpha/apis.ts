import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { GatewayApiClient, gatewayApiApiRef } from '../api';

/** @alpha */
export const gatewayApiApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: gatewayApiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new GatewayApiClient(deps),
    }),
});
