import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { createInstallGuardPoliciesAction } from './installGuardPolicies';

describe('gatewayApi:guardPolicies:install', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
  }, 120_000);
  afterAll(() => cluster.close());

  const action = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) =>
    createInstallGuardPoliciesAction({
      clients: [client],
      permissions: permissionsAnswering(result),
      guardPolicies: {
        mode: 'Deny',
        platformUsers: ['backstage'],
        platformGroups: ['system:masters'],
      },
    });
  const run = async (
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) => {
    const ctx = {
      ...createMockActionContext({ input: input as any }),
      ...extra,
    };
    await action(result).handler(ctx as any);
    return ctx;
  };
  /** Gatehouse's bindings (the Gateway API release ships one of its own). */
  const bindings = async () =>
    (
      await client.list<any>(
        'admissionregistration.k8s.io/v1',
        'ValidatingAdmissionPolicyBinding',
      )
    ).filter(b => b.metadata.name.startsWith('gatehouse-'));

  it('refuses a caller without the provision permission, and writes nothing', async () => {
    const writes = cluster.writes.length;
    await expect(run({}, {}, AuthorizeResult.DENY)).rejects.toThrow(
      /may not install the guard policies/,
    );
    expect(cluster.writes.length).toBe(writes);
  });

  it('dry-runs: the cluster judges every policy and stores nothing', async () => {
    const writes = cluster.writes.length;
    const ctx = await run({}, { isDryRun: true });
    expect(cluster.writes.length).toBe(writes);
    expect(ctx.output).toHaveBeenCalledWith(
      'objects',
      expect.arrayContaining([
        'ValidatingAdmissionPolicy/gatehouse-route-hostnames',
        'ValidatingAdmissionPolicyBinding/gatehouse-route-hostnames',
      ]),
    );
    expect(await bindings()).toEqual([]);
  });

  it('installs every policy with the mode asked for, and a second run changes nothing', async () => {
    await run({ validationAction: 'Warn' });
    const installed = await bindings();
    expect(installed.map(b => b.metadata.name).sort()).toEqual([
      'gatehouse-attached-namespaces',
      'gatehouse-certificate-names',
      'gatehouse-listener-hostnames',
      'gatehouse-route-hostnames',
      'gatehouse-tenant-domains',
      'gatehouse-tenant-metadata',
    ]);
    for (const b of installed)
      expect(b.spec.validationActions).toEqual(['Warn']);
    const versions = installed.map(b => b.metadata.resourceVersion);
    await run({ validationAction: 'Warn' });
    expect((await bindings()).map(b => b.metadata.resourceVersion)).toEqual(
      versions,
    );
    await run({});
    for (const b of await bindings()) {
      expect(b.spec.validationActions).toEqual(['Deny']);
    }
  });

  it('refuses an unknown mode before anything is written', async () => {
    const writes = cluster.writes.length;
    await expect(run({ validationAction: 'Block' })).rejects.toThrow();
    expect(cluster.writes.length).toBe(writes);
  });
});
