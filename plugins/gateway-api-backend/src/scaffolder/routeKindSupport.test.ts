import { teamB, teamC } from '../manifests/__fixtures__/examples';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { CILIUM_CONTROLLER } from '../manifests';
import { requireClassSupportsRouteKind } from './servedGatewayApi';

/** A client whose GatewayClasses report these supportedFeatures, by class name. */
function clientWith(
  features: Record<string, string[]>,
  tlsRouteVersions: string[] = ['v1'],
): ClusterClient {
  return {
    name: 'dev-cluster',
    servedApis: {
      supportedFeatures: async (name: string) => new Set(features[name] ?? []),
      kind: async () => ({ servedVersions: tlsRouteVersions }),
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

  it.each([
    [
      ['v1'],
      /reads TLSRoute at v1alpha2 only, and cluster dev-cluster serves it at v1/,
    ],
    [[], /serves it at no version/],
  ])(
    'refuses a TLSRoute for Cilium where the cluster serves it at %j',
    async (versions, why) => {
      await expect(
        requireClassSupportsRouteKind(
          clientWith({}, versions),
          { ...teamB, controllerName: CILIUM_CONTROLLER },
          'TLSRoute',
        ),
      ).rejects.toThrow(why);
    },
  );

  it('accepts a TLSRoute for Cilium where the cluster still serves v1alpha2', async () => {
    await expect(
      requireClassSupportsRouteKind(
        clientWith({}, ['v1alpha3', 'v1alpha2']),
        { ...teamB, controllerName: CILIUM_CONTROLLER },
        'TLSRoute',
      ),
    ).resolves.toBeUndefined();
  });

  it("reads the cluster-shared Gateway's class for a cluster-shared tenant", async () => {
    await expect(
      requireClassSupportsRouteKind(
        clientWith({ eg: ['Gateway', 'HTTPRoute'] }),
        teamC,
        'TLSRoute',
      ),
    ).rejects.toThrow(/GatewayClass eg of tenant team-c/);
  });

  it('never judges an HTTPRoute, which is core', async () => {
    await expect(
      requireClassSupportsRouteKind(
        clientWith({ eg: ['Gateway', 'ListenerSet'] }),
        teamB,
        'HTTPRoute',
      ),
    ).resolves.toBeUndefined();
  });
});
