import { GatewayApiApi } from '../api';
import { exposureList, tenants } from '../__fixtures__/exposures';

/** A GatewayApiApi answering with the fixtures; override what a test is about. */
export function fakeGatewayApi(
  overrides: Partial<GatewayApiApi> = {},
): GatewayApiApi {
  return {
    listClusters: async () => [{ name: 'dev-cluster', url: 'https://k8s' }],
    listExposures: async () => exposureList,
    listTenants: async () => tenants,
    checkHostname: async ({ hostname }) => ({ ok: true, hostname }),
    ...overrides,
  };
}
