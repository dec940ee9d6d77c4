import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import { ExposureIndex } from './ExposureIndex';

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
  it('keeps its hostname index until a cluster’s snapshot changes or a minute passes, rebuilding at most every 2 seconds', () => {
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

    // Certificate expiry states move with the clock.
    now = new Date('2026-01-01T00:01:00Z');
    expect(index.hostnames().index).not.toBe(second);
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
