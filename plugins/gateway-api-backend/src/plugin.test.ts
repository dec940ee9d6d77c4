import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  CatalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import request from 'supertest';
import gatewayApiFeatures from '.';

const kubernetesConfig = {
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
};

describe('gateway-api backend feature loader', () => {
  it('installs the plugin with one backend.add and serves its API', async () => {
    const { server } = await startTestBackend({
      features: [
        gatewayApiFeatures,
        mockServices.rootConfig.factory({ data: kubernetesConfig }),
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

  it('registers every scaffolder action and one connected entity provider per cluster', async () => {
    // Stand-ins for the scaffolder and catalog plugins, recording what the modules give them.
    const actions: TemplateAction<any, any, any>[] = [];
    const providers: EntityProvider[] = [];
    const scaffolder = createBackendPlugin({
      pluginId: 'scaffolder',
      register(reg) {
        reg.registerExtensionPoint(scaffolderActionsExtensionPoint, {
          addActions: (...added) => actions.push(...added),
        });
        reg.registerInit({ deps: {}, async init() {} });
      },
    });
    const catalog = createBackendPlugin({
      pluginId: 'catalog',
      register(reg) {
        reg.registerExtensionPoint(catalogProcessingExtensionPoint, {
          addProcessor: () => {},
          addEntityProvider: (...added) => providers.push(...added.flat()),
        } as Partial<CatalogProcessingExtensionPoint> as CatalogProcessingExtensionPoint);
        reg.registerInit({ deps: {}, async init() {} });
      },
    });

    await startTestBackend({
      features: [
        gatewayApiFeatures,
        scaffolder,
        catalog,
        mockServices.rootConfig.factory({ data: kubernetesConfig }),
      ],
    });

    expect(actions.map(a => a.id).sort()).toEqual([
      'gatewayApi:exposure:analyze',
      'gatewayApi:guardPolicies:install',
      'gatewayApi:ingress:cutover',
      'gatewayApi:ingress:migrate',
      'gatewayApi:ingress:rollback',
      'gatewayApi:route:expose',
      'gatewayApi:route:unexpose',
      'gatewayApi:tenant:provision',
      'gatewayApi:tenant:refresh',
    ]);
    expect(providers.map(p => p.getProviderName())).toEqual([
      'gateway-api-provider:dev',
    ]);
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await expect(providers[0].connect(connection)).resolves.toBeUndefined();
  });
});
