import { ClusterProblem } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { resolveClusterClient } from './clusters';

const client = (name: string) => ({ name } as ClusterClient);

describe('resolveClusterClient', () => {
  const problems: Record<string, ClusterProblem> = {
    prod: {
      cluster: 'prod',
      locator: 'config',
      kind: 'unreachable',
      reason: 'connect ECONNREFUSED 10.0.0.1:443',
      since: '2026-12-04T20:00:00.000Z',
    },
    lab: {
      cluster: 'lab',
      locator: 'catalog',
      kind: 'malformedEntity',
      reason: 'it lacks the annotation kubernetes.io/auth-provider',
      since: '2026-12-04T19:00:00.000Z',
      entityRef: 'resource:default/lab',
    },
  };
  const problemOf = (name: string) => problems[name];

  it('refuses a cluster that cannot be read now, with why and since when', () => {
    expect(() =>
      resolveClusterClient([client('prod'), client('dev')], 'prod', problemOf),
    ).toThrow(
      'Cluster prod cannot be reached (since 2026-12-04T20:00:00.000Z): connect ECONNREFUSED 10.0.0.1:443',
    );
    // The only cluster, taken without being named, is refused all the same.
    expect(() =>
      resolveClusterClient([client('prod')], undefined, problemOf),
    ).toThrow(/Cluster prod cannot be reached/);
  });

  it('says why a left-out cluster is not there, rather than that it is not configured', () => {
    expect(() =>
      resolveClusterClient([client('dev')], 'lab', problemOf),
    ).toThrow(
      'Cluster lab is left out: its catalog entity is malformed (since 2026-12-04T19:00:00.000Z): it lacks the annotation kubernetes.io/auth-provider',
    );
    expect(() =>
      resolveClusterClient([client('dev')], 'nowhere', problemOf),
    ).toThrow(/Cluster "nowhere" is not configured; configured clusters: dev/);
  });

  it('takes a cluster that is fine', () => {
    const dev = client('dev');
    expect(resolveClusterClient([client('prod'), dev], 'dev', problemOf)).toBe(
      dev,
    );
  });
});
