import { GatewayApiApi } from '../api';
import { exposureList, tenants } from '../__fixtures__/exposures';
import { teamBTenant } from '../__fixtures__/tenantDetail';

/** A GatewayApiApi answering with the fixtures; override what a test is about. */
export function fakeGatewayApi(
  overrides: Partial<GatewayApiApi> = {},
): GatewayApiApi {
  return {
    listClusters: async () => [{ name: 'dev-cluster', url: 'https://k8s' }],
    listClusterProblems: async () => [],
    listExposures: async () => exposureList,
    listHostnames: async () => ({
      ...exposureList,
      totalItems: exposureList.items.length,
      facets: {
        tenant: [],
        cluster: [],
        owner: [],
        status: [],
        tls: [],
        source: [],
        migration: [],
      },
    }),
    exportHostnames: async () => new Blob([]),
    listTenants: async () => tenants,
    getTenant: async () => teamBTenant,
    checkHostname: async ({ hostname }) => ({ ok: true, hostname }),
    getIngressMigration: async () => ({
      items: [],
      tenants: [],
      totals: { 'ingress-only': 0, both: 0, moved: 0 },
      pendingClusters: [],
    }),
    ...overrides,
  };
}
