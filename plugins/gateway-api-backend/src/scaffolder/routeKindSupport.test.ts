import { teamB, teamC } from '../manifests/__fixtures__/examples';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { requireClassSupportsRouteKind } from './servedGatewayApi';

/** A client whose GatewayClasses report these supportedFeatures, by class name. */
function clientWith(features: Record<string, string[]>): ClusterClient {
  return {
    servedApis: {
      supportedFeatures: async (name: string) => new Set(features[name] ?? []),
    },
  } as unknown as ClusterClient;
}

describe('requireClassSupportsRouteKind', () => {
  it('refuses a TLSRoute on a class whose features leave TLSRoute out, naming the class', async () => {
    await expect(
      requireClassSupportsRouteKind(
        clientWith({ eg: ['Gateway', 'HTTPRoute'] }),
        teamB,
        'TLSRoute',
      ),
    ).rejects.toThrow(
      /GatewayClass eg of tenant team-b .* does not list TLSRoute .* an HTTPRoute/,
    );
  });

  it('accepts a kind the class lists', async () => {
    await expect(
      requireClassSupportsRouteKind(
        clientWith({ eg: ['Gateway', 'HTTPRoute', 'TLSRoute'] }),
        teamB,
        'TLSRoute',
      ),
    ).resolves.toBeUndefined();
  });

  it('gives a class that reports no features yet the benefit of the doubt', async () => {
    await expect(
      requireClassSupportsRouteKind(clientWith({}), teamB, 'TLSRoute'),
    ).resolves.toBeUndefined();
  });

  it("reads the cluster-shared Gateway's class for a cluster-shared tenant", async () => {
    await expect(
      requireClassSupportsRouteKind(
        clientWith({ eg: ['Gateway', 'TLSRoute'] }),
        teamC,
        'HTTPRoute',
      ),
    ).rejects.toThrow(/does not list HTTPRoute/);
  });
});
