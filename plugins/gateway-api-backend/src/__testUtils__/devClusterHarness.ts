import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DevCluster,
  GatewayApiInstall,
  startDevCluster,
} from '@gatehouse/dev-cluster';
import path from 'node:path';
import { ClusterClient } from '../kubernetes/ClusterClient';

export const EXAMPLE_CLUSTER = path.resolve(
  __dirname,
  '../../../../examples/cluster',
);

/**
 * A dev cluster seeded with the examples, and a client of it named `dev-cluster`. It serves
 * the given Gateway API install (the dev cluster's default otherwise); examples of kinds the
 * install does not serve are left out, as on a real cluster.
 */
export async function startExampleCluster(
  options: {
    controllers?: false | Record<string, unknown>;
    gatewayApi?: GatewayApiInstall;
  } = {},
): Promise<{ cluster: DevCluster; client: ClusterClient }> {
  const cluster = await startDevCluster({
    seed: [EXAMPLE_CLUSTER],
    controllers: options.controllers ?? false,
    ...(options.gatewayApi ? { gatewayApi: options.gatewayApi } : {}),
  });
  const client = new ClusterClient(
    {
      name: 'dev-cluster',
      url: cluster.url,
      serviceAccountToken: cluster.adminToken,
      skipTLSVerify: true,
    },
    { retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 20 } },
  );
  return { cluster, client };
}

/** A permissions service that answers every request with one decision. */
export function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result })),
  );
  return permissions;
}
