import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import { parse } from 'yaml';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { exampleCatalog } from '../__testUtils__/catalog';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createAnalyzeAction } from './analyze';
import { createExposeRouteAction } from './exposeRoute';
import { createInstallGuardPoliciesAction } from './installGuardPolicies';
import { createProvisionTenantAction } from './provisionTenant';
import { createRefreshTenantsAction } from './refreshTenants';
import { createUnexposeRouteAction } from './unexposeRoute';

/** Every documented example of every action runs against the dev cluster, controllers on. */
describe('action examples', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
      },
    }));
  }, 120_000);
  afterAll(() => cluster.close());

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog(),
  });
  const actions = () => [
    createProvisionTenantAction(deps()),
    createExposeRouteAction(deps()),
    createAnalyzeAction(deps()),
    createUnexposeRouteAction(deps()),
    createInstallGuardPoliciesAction(deps()),
    createRefreshTenantsAction(deps()),
  ];
  const cases = actions().flatMap(action =>
    (action.examples ?? []).map(
      example => [action.id, example.description] as const,
    ),
  );

  it.each(cases)(
    '%s: %s',
    async (id, description) => {
      const action = actions().find(a => a.id === id)!;
      const example = action.examples!.find(
        e => e.description === description,
      )!;
      const steps = parse(example.example).steps as Array<{ input: object }>;
      for (const step of steps) {
        const ctx = createMockActionContext({ input: step.input as any });
        await action.handler(ctx as any);
        // An example that waits must reach Ready with the simulated controllers.
        const statuses = (ctx.output as jest.Mock).mock.calls
          .filter(([name]) => name === 'status')
          .map(([, value]) => String(value));
        expect(statuses.filter(s => s.startsWith('not ready'))).toEqual([]);
      }
    },
    60_000,
  );
});
