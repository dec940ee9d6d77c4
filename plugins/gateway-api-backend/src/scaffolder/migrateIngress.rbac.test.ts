import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { exampleCatalog } from '../__testUtils__/catalog';
import {
  EXAMPLE_CLUSTER,
  permissionsAnswering,
} from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createMigrateIngressAction } from './migrateIngress';
import { createIngressCutoverAction } from './migrateIngressCutover';
import { createIngressRollbackAction } from './migrateIngressRollback';

const clusterRole = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../rbac/clusterrole.yaml'),
    'utf8',
  ),
);

/** The documented ClusterRole is enough to migrate an Ingress, cut over and roll back. */
describe('the Ingress migration with the minimal ClusterRole', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [EXAMPLE_CLUSTER],
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
      },
      tokens: [
        { token: 'least', username: 'gatehouse', rules: clusterRole.rules },
      ],
    });
    client = new ClusterClient(
      {
        name: 'dev-cluster',
        url: cluster.url,
        serviceAccountToken: 'least',
        skipTLSVerify: true,
      },
      { retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 } },
    );
  }, 120_000);
  afterAll(() => cluster.close());

  it('migrates, cuts over and rolls back the example checkout-api Ingress', async () => {
    const deps = {
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog(),
    };
    const run = (
      action: { handler: (ctx: any) => Promise<void> },
      input: object,
    ) => action.handler(createMockActionContext({ input: input as any }));
    const input = { tenant: 'team-a', ingress: 'checkout/checkout-api' };
    const plan = createMockActionContext({ input: input as any });
    await createMigrateIngressAction(deps).handler({
      ...plan,
      isDryRun: true,
    } as any);
    const blocking = (plan.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'blocking',
    )![1] as string[];
    await run(createMigrateIngressAction(deps), {
      ...input,
      acceptedDifferences: blocking,
    });
    await eventually(
      () => run(createIngressCutoverAction(deps), input),
      60_000,
    );
    await run(createIngressRollbackAction(deps), input);
    const kinds = new Set(
      cluster.writes.filter(w => w.user === 'gatehouse').map(w => w.kind),
    );
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['ConfigMap', 'HTTPRoute', 'Ingress']),
    );
  }, 120_000);
});
