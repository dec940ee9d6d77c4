import { ServedApis } from './ServedApis';

const GROUP = 'gateway.networking.k8s.io';

/** A cluster's discovery documents, counting the reads. */
function fakeDiscovery(
  groups: Array<{
    name: string;
    preferredVersion?: string;
    versions: string[];
  }>,
  resources: Record<string, string[]>,
) {
  const reads = { groups: 0, resources: 0 };
  const client = {
    name: 'fake',
    apiGroups: async () => {
      reads.groups++;
      return groups;
    },
    apiResources: async (group: string, version: string) => {
      reads.resources++;
      return (resources[`${group}/${version}`] ?? []).map(kind => ({
        kind,
        name: `${kind.toLowerCase()}s`,
        namespaced: true,
      }));
    },
    get: async () => undefined,
  };
  return { client, reads };
}

describe('ServedApis discovery', () => {
  it('reads a kind at the group’s preferred version, else the first the server lists', async () => {
    const { client } = fakeDiscovery(
      [
        {
          name: GROUP,
          preferredVersion: 'v1',
          versions: ['v1', 'v1alpha3', 'v1alpha2'],
        },
      ],
      {
        [`${GROUP}/v1`]: ['Gateway', 'HTTPRoute'],
        [`${GROUP}/v1alpha3`]: ['TLSRoute'],
        [`${GROUP}/v1alpha2`]: ['TLSRoute'],
      },
    );
    const served = await new ServedApis(client).current();
    expect(served.kinds.get('HTTPRoute')?.apiVersion).toBe(`${GROUP}/v1`);
    expect(served.kinds.get('TLSRoute')).toMatchObject({
      apiVersion: `${GROUP}/v1alpha3`,
      servedVersions: ['v1alpha3', 'v1alpha2'],
      path: `/apis/${GROUP}/v1alpha3/tlsroutes`,
    });
    expect(served.kinds.get('Namespace')?.path).toBe('/api/v1/namespaces');
    expect(served.kinds.has('ListenerSet')).toBe(false);
  });

  it('leaves out a kind served only at a version Gatehouse does not understand', async () => {
    const { client } = fakeDiscovery(
      [{ name: GROUP, preferredVersion: 'v2', versions: ['v2'] }],
      { [`${GROUP}/v2`]: ['TLSRoute'] },
    );
    expect((await new ServedApis(client).current()).kinds.has('TLSRoute')).toBe(
      false,
    );
  });

  it('reads discovery once per maxAge, shared by concurrent callers, and again once invalidated', async () => {
    let now = 0;
    const { client, reads } = fakeDiscovery(
      [{ name: GROUP, versions: ['v1'] }],
      { [`${GROUP}/v1`]: ['Gateway'] },
    );
    const apis = new ServedApis(client, { maxAgeMs: 1000, now: () => now });
    await Promise.all([apis.current(), apis.kind('Gateway'), apis.current()]);
    expect(reads.groups).toBe(1);
    now = 999;
    await apis.current();
    expect(reads.groups).toBe(1);
    now = 1000;
    await apis.current();
    expect(reads.groups).toBe(2);
    apis.invalidate();
    await apis.current();
    expect(reads.groups).toBe(3);
  });

  it('says a failed discovery instead of an empty cluster', async () => {
    const apis = new ServedApis({
      name: 'down',
      apiGroups: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      apiResources: async () => [],
      get: async () => undefined,
    });
    await expect(apis.current()).rejects.toThrow('ECONNREFUSED');
    expect(await apis.summary()).toEqual({
      cluster: 'down',
      served: {},
      unserved: [],
      unreadable: [{ kind: '*', reason: 'connect ECONNREFUSED' }],
    });
  });
});
