import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { exampleCatalog } from '../__testUtils__/catalog';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createMigrateIngressAction } from './migrateIngress';
import { createIngressCutoverAction } from './migrateIngressCutover';
import { createIngressRollbackAction } from './migrateIngressRollback';

/**
 * Every documented example of the migration actions runs against the dev cluster with its
 * controllers, in the order a team would: migrate, then cut over once served, then roll back.
 */
describe('Ingress migration action examples', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  let workspacePath: string;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
      },
    }));
    workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-ingress-'));
  }, 120_000);
  afterAll(async () => {
    await cluster.close();
    fs.rmSync(workspacePath, { recursive: true, force: true });
  });

  const deps = () => ({
    clients: [client],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    catalog: exampleCatalog(),
  });
  const actions = () => [
    createMigrateIngressAction(deps()),
    createIngressCutoverAction(deps()),
    createIngressRollbackAction(deps()),
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
      const runStep = async (input: object) => {
        const ctx = createMockActionContext({
          input: input as any,
          workspacePath,
        });
        await action.handler(ctx as any);
        return ctx;
      };
      for (const step of steps) {
        // Cutover waits for the routes to be served, as a team would.
        const ctx =
          id === 'gatewayApi:ingress:cutover'
            ? await eventuallyValue(() => runStep(step.input))
            : await runStep(step.input);
        // Migrate says applied or planned (never blocked); the others say no status.
        const status = (ctx.output as jest.Mock).mock.calls.find(
          ([name]) => name === 'status',
        )?.[1];
        expect(
          id === 'gatewayApi:ingress:migrate'
            ? ['applied', 'planned'].includes(status)
            : status === undefined,
        ).toBe(true);
      }
    },
    90_000,
  );

  async function eventuallyValue<T>(fn: () => Promise<T>): Promise<T> {
    let value: T | undefined;
    await eventually(async () => {
      value = await fn();
    }, 60_000);
    return value!;
  }

  it('wrote the pull request example as a kustomization', () => {
    const dir = path.join(workspacePath, 'manifests/ingress-migration');
    expect(
      fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'),
    ).toMatch(/httproute-payments-payments-docs\.yaml/);
  });
});
