import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { gatewayApiPlugin } from '../plugin';

// Through the real plugin: who may read GET /hostnames, its facets and its export.
describe('the Hostnames API through the plugin', () => {
  it('answers signed-in callers only, the page and the export alike', async () => {
    const { server } = await startTestBackend({
      features: [
        gatewayApiPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'dev',
                      url: 'http://127.0.0.1:1',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'secret',
                    },
                  ],
                },
              ],
            },
            gatewayApi: { notifications: { enabled: false } },
          },
        }),
        // No default caller: a request without a token is nobody's.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    for (const path of ['/hostnames', '/hostnames/export']) {
      const anonymous = await request(server).get(`/api/gateway-api${path}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.text).not.toContain('hostname,');
    }

    const page = await request(server)
      .get('/api/gateway-api/hostnames?tenant=team-a')
      .set('Authorization', mockCredentials.user.header());
    expect(page.status).toBe(200);
    // The cluster cannot be read: nothing to list, and the answer says which cluster.
    expect(page.body).toMatchObject({
      items: [],
      totalItems: 0,
      pendingClusters: ['dev'],
      facets: { tenant: [], cluster: [] },
    });
    const csv = await request(server)
      .get('/api/gateway-api/hostnames/export')
      .set('Authorization', mockCredentials.user.header());
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(
      'hostname,tenant,owner,cluster,gateway,route,status,tls,expires\r\n',
    );
  });
});
