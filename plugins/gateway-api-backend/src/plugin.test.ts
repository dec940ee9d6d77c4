import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import gatewayApiFeatures from '.';

describe('gateway-api backend feature loader', () => {
  it('installs the plugin with one backend.add and serves its API', async () => {
    const { server } = await startTestBackend({
      features: [
        gatewayApiFeatures,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'dev',
                      url: 'http://127.0.0.1:6443',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'secret',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });

    const health = await request(server).get('/api/gateway-api/health');
    expect(health.status).toBe(200);

    const clusters = await request(server).get('/api/gateway-api/clusters');
    expect(clusters.status).toBe(200);
    // The URL is plain HTTP without skipTLSVerify, so discovery fails, and the answer says so.
    expect(clusters.body.items).toEqual([
      {
        name: 'dev',
        url: 'http://127.0.0.1:6443',
        apis: {
          cluster: 'dev',
          served: {},
          unserved: [],
          unreadable: [
            {
              kind: '*',
              reason:
                'HTTP protocol is not allowed when skipTLSVerify is not set or false',
            },
          ],
        },
      },
    ]);
    expect(clusters.text).not.toContain('secret');
  });
});
