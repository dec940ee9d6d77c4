import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ExposureIndex } from './ExposureIndex';
import { buildExposures } from './buildExposures';
import {
  certificateClockSnapshot,
  T0,
} from '../__testUtils__/certificateClock';
import {
  AUTO_MAX_HOSTNAME_ENTITIES,
  hostnameGroupName,
} from '../provider/hostnameEntities';

const route = (name: string): KubernetesObject =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'apps' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'apps' }],
      hostnames: [`${name}.example.org`],
    },
  } as KubernetesObject);

describe('ExposureIndex.hostnames', () => {
  it('keeps its hostname index until a cluster’s snapshot changes, rebuilding at most every 2 seconds, never for the clock alone', () => {
    const snapshots = new Map<string, ClusterSnapshot>([
      ['a', { cluster: 'a', byKind: new Map([['HTTPRoute', [route('one')]]]) }],
      ['b', { cluster: 'b', byKind: new Map([['HTTPRoute', [route('two')]]]) }],
    ]);
    const cache = {
      clusters: ['a', 'b'],
      snapshot: (c: string) => snapshots.get(c)!,
      hasSynced: (c: string) => c === 'a',
    } as unknown as GatewayApiCache;
    let now = new Date('2026-01-01T00:00:00Z');
    const index = new ExposureIndex(cache, () => now);

    const first = index.hostnames();
    expect(first.pendingClusters).toEqual(['b']);
    expect(first.index.query({}, now).items.map(e => e.hostname)).toEqual([
      'one.example.org',
      'two.example.org',
    ]);
    expect(index.hostnames().index).toBe(first.index);

    // A watch event gives cluster b a new snapshot.
    snapshots.set('b', {
      cluster: 'b',
      byKind: new Map([['HTTPRoute', [route('two'), route('three')]]]),
    });
    // Within 2 seconds of the last build, the index answers as it was.
    now = new Date('2026-01-01T00:00:01.999Z');
    expect(index.hostnames().index).toBe(first.index);
    now = new Date('2026-01-01T00:00:02Z');
    const second = index.hostnames().index;
    expect(second).not.toBe(first.index);
    expect(second.size).toBe(3);
    now = new Date('2026-01-01T00:00:30Z');
    expect(index.hostnames().index).toBe(second);

    // The index follows certificate expiry states itself (HostnameIndex).
    now = new Date('2026-01-02T00:01:00Z');
    expect(index.hostnames().index).toBe(second);
  });

  it('takes in a cluster the moment it is first listed, without waiting out the 2 seconds', () => {
    let listed = false;
    let snapshot: ClusterSnapshot = { cluster: 'a', byKind: new Map() };
    const cache = {
      clusters: ['a'],
      snapshot: () => snapshot,
      hasSynced: () => listed,
    } as unknown as GatewayApiCache;
    const now = new Date('2026-01-01T00:00:00Z');
    const index = new ExposureIndex(cache, () => now);

    const before = index.hostnames();
    expect(before.pendingClusters).toEqual(['a']);
    expect(before.index.size).toBe(0);

    // Listed within the same second: the answer is never "not pending" and empty.
    snapshot = {
      cluster: 'a',
      byKind: new Map([['HTTPRoute', [route('one')]]]),
    };
    listed = true;
    const after = index.hostnames();
    expect(after.pendingClusters).toEqual([]);
    expect(after.index.size).toBe(1);
  });
});

describe('ExposureIndex.list', () => {
  it('answers an entity at the time of the answer from exposures computed once per snapshot, and a changed snapshot at once', () => {
    let snapshot = certificateClockSnapshot();
    const cache = {
      clusters: ['dev'],
      snapshot: () => snapshot,
      hasSynced: () => true,
    } as unknown as GatewayApiCache;
    let now = new Date(T0);
    // No hostname entities: the answers are the exposures as built.
    const index = new ExposureIndex(cache, () => now, 'none');
    const entityRef = 'component:default/shop';
    const stateOf = (items: Exposure[], hostname: string) =>
      items.find(e => e.hostname === hostname)?.tls?.state;

    const first = index.list({ entityRef }).items;
    expect(stateOf(first, 'one.c2.a.example.org')).toBe('expiring');

    // The instant its certificate expires, the answer says so; what did not change is the
    // same object (the cluster's exposures were not computed again).
    now = new Date(T0 + 45_000);
    const second = index.list({ entityRef }).items;
    expect(stateOf(second, 'one.c2.a.example.org')).toBe('expired');
    expect(second).toEqual(
      buildExposures(snapshot, now).filter(e => e.entityRef === entityRef),
    );
    const plain = (items: Exposure[]) =>
      items.find(e => e.hostname === 'plain.a.example.org');
    expect(plain(second)).toBe(plain(first));
    // Every exposure of the cluster too.
    expect(index.list().items).toEqual(buildExposures(snapshot, now));

    // A watch event's new snapshot is never answered from the old one.
    snapshot = certificateClockSnapshot(
      o => o.kind !== 'HTTPRoute' || o.metadata?.name === 'r-c0',
    );
    expect(index.list({ entityRef }).items.map(e => e.hostname)).toEqual([
      'one.c0.a.example.org',
      'two.c0.a.example.org',
      'three.c0.elsewhere.example.net',
    ]);
  });
});

describe('ExposureIndex catalogEntityRef', () => {
  const snapshotOf = (cluster: string, hostnames: number): ClusterSnapshot => {
    const many = route('many');
    (many as { spec: { hostnames: string[] } }).spec.hostnames = Array.from(
      { length: hostnames },
      (_, i) => `h${i}.example.org`,
    );
    return { cluster, byKind: new Map([['HTTPRoute', [route('one'), many]]]) };
  };
  const indexOf = (
    snapshots: Map<string, ClusterSnapshot>,
    shape?: 'auto' | 'perHostname' | 'perTenant' | 'none',
  ) =>
    new ExposureIndex(
      {
        clusters: [...snapshots.keys()],
        snapshot: (c: string) => snapshots.get(c)!,
        hasSynced: () => true,
      } as unknown as GatewayApiCache,
      () => new Date('2026-01-01T00:00:00Z'),
      shape,
    );
  const refOf = (index: ExposureIndex, cluster: string) =>
    index.list({ cluster }).items.find(e => e.hostname === 'one.example.org')!
      .catalogEntityRef;

  it('names the hostname’s own entity, its tenant’s group, or none, as configured', () => {
    const snapshots = new Map([['a', snapshotOf('a', 1)]]);
    expect(refOf(indexOf(snapshots, 'perHostname'), 'a')).toBe(
      'resource:a/one.example.org',
    );
    // A namespace of no tenant: the group of hostnames of no tenant.
    expect(refOf(indexOf(snapshots, 'perTenant'), 'a')).toBe(
      `resource:a/${hostnameGroupName('')}`,
    );
    expect(refOf(indexOf(snapshots, 'none'), 'a')).toBeUndefined();
    expect(
      indexOf(snapshots, 'none')
        .list()
        .items.some(e => 'catalogEntityRef' in e),
    ).toBe(false);
  });

  it('auto: per hostname up to the threshold across clusters, the group above, as a snapshot changes', () => {
    // Two hostnames in cluster a; b brings the total to exactly the threshold.
    const snapshots = new Map([
      ['a', snapshotOf('a', 1)],
      ['b', snapshotOf('b', AUTO_MAX_HOSTNAME_ENTITIES - 3)],
    ]);
    const index = indexOf(snapshots);
    expect(refOf(index, 'a')).toBe('resource:a/one.example.org');
    expect(index.hostnames().index.size).toBe(AUTO_MAX_HOSTNAME_ENTITIES);

    // One hostname more in cluster b: cluster a's hostnames link to their group.
    snapshots.set('b', snapshotOf('b', AUTO_MAX_HOSTNAME_ENTITIES - 2));
    expect(refOf(index, 'a')).toBe(`resource:a/${hostnameGroupName('')}`);
  });
});
