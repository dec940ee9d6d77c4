import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { TenantDirectory } from './TenantDirectory';

describe('TenantDirectory', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster());
  }, 120_000);
  afterAll(() => cluster.close());

  it('answers a batch of tenant refs with one list per cluster', async () => {
    const list = jest.spyOn(client, 'list');
    const tenants = await new TenantDirectory([client]).getMany([
      'dev-cluster/team-a',
      'dev-cluster/team-c',
      'dev-cluster/ghost',
      'other-cluster/team-a',
    ]);
    expect(tenants).toEqual([
      {
        cluster: 'dev-cluster',
        name: 'team-a',
        ownerGroup: 'group:default/team-a',
      },
      {
        cluster: 'dev-cluster',
        name: 'team-c',
        ownerGroup: 'group:default/platform',
      },
      undefined,
      undefined,
    ]);
    expect(list).toHaveBeenCalledTimes(1);
  });
});
