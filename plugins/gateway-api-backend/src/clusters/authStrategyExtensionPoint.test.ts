import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import request from 'supertest';
import { gatewayApiAuthStrategyExtensionPoint, gatewayApiPlugin } from '..';
import { eventually } from '../__testUtils__/eventually';

/** Through the real plugin: a strategy from a module, a user-only cluster, a refused token. */
describe('gatewayApiAuthStrategyExtensionPoint', () => {
  let cluster: DevCluster;
  beforeAll(async () => {
    cluster = await startDevCluster({
      controllers: false,
      seed: [],
      tokens: [
        {
          token: 'from-the-module',
          username: 'module-identity',
          rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        },
      ],
    });
  });
  afterAll(() => cluster.close());

  it('reads a cluster with a strategy a module adds, leaves out a user-only one and reports a refused one', async () => {
    const asked: string[] = [];
    const stub: AuthenticationStrategy = {
      getCredential: async details => {
        asked.push(details.name);
        return { type: 'bearer token', token: 'from-the-module' };
      },
      validateCluster: () => [],
      presentAuthMetadata: m => m,
    };
    const module = createBackendModule({
      pluginId: 'gateway-api',
      moduleId: 'stub-strategy',
      register(env) {
        env.registerInit({
          deps: { strategies: gatewayApiAuthStrategyExtensionPoint },
          async init({ strategies }) {
            strategies.addAuthStrategy('stubCloud', stub);
          },
        });
      },
    });
    const base = { url: cluster.httpsUrl, caData: cluster.caData };
    const { server } = await startTestBackend({
      features: [
        gatewayApiPlugin,
        module,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    { ...base, name: 'cloud', authProvider: 'stubCloud' },
                    { ...base, name: 'as-the-user', authProvider: 'oidc' },
                    {
                      ...base,
                      name: 'refused',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'revoked',
                    },
                    {
                      ...base,
                      // Nothing listens on port 1.
                      url: 'https://127.0.0.1:1',
                      name: 'down',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'revoked',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });

    const res = await request(server).get('/api/gateway-api/clusters');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.items.map((c: { name: string }) => [c.name, c]),
    );
    expect(Object.keys(byName).sort()).toEqual(['cloud', 'down', 'refused']);
    expect(byName.cloud.apis.served.Gateway).toMatch(
      /^gateway\.networking\.k8s\.io\//,
    );
    expect(byName.cloud.apis.unreadable).toEqual([]);
    expect(asked).toContain('cloud');
    expect(byName.refused.apis.unreadable).toEqual([
      { kind: '*', reason: expect.stringMatching(/Unauthorized|401/) },
    ]);
    expect(res.text).not.toContain('revoked');

    // Each cluster whose objects are missing is reported, with why and since when.
    await eventually(async () => {
      const again = await request(server).get('/api/gateway-api/clusters');
      expect(
        again.body.problems.map(
          (p: { cluster: string; kind: string }) => `${p.cluster}: ${p.kind}`,
        ),
      ).toEqual([
        'as-the-user: userOnlyAuth',
        'down: unreachable',
        'refused: unauthenticated',
      ]);
      expect(again.body.problems[0]).toEqual({
        cluster: 'as-the-user',
        locator: 'config',
        kind: 'userOnlyAuth',
        reason: expect.stringMatching(/acts as the signed-in user/),
        since: expect.stringMatching(/^\d{4}-/),
      });
      expect(again.text).not.toContain('revoked');
    }, 30_000);
  }, 60_000);
});
