import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { GatewayApiEntityProvider } from './GatewayApiEntityProvider';

describe('GatewayApiEntityProvider.fromConfig', () => {
  const build = (config: object) => {
    const scheduler = mockServices.scheduler.mock();
    const providers = GatewayApiEntityProvider.fromConfig(
      new ConfigReader(config),
      {
        logger: mockServices.logger.mock(),
        scheduler,
        clusters: ['dev', 'staging'],
        cache: {} as GatewayApiCache,
      },
    );
    return { providers, scheduler };
  };

  it('makes one provider per cluster on the configured schedule', () => {
    const { providers, scheduler } = build({
      catalog: {
        providers: {
          gatewayApi: {
            schedule: { frequency: { minutes: 1 }, timeout: 'PT30S' },
          },
        },
      },
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'gateway-api-provider:dev',
      'gateway-api-provider:staging',
    ]);
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledTimes(2);
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
      expect.objectContaining({
        frequency: { minutes: 1 },
        timeout: { seconds: 30 },
      }),
    );
  });

  it('runs every 5 minutes when no schedule is configured', () => {
    const { scheduler } = build({});
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
      expect.objectContaining({
        frequency: { minutes: 5 },
        timeout: { minutes: 3 },
      }),
    );
  });

  it('refuses a schedule it cannot read', () => {
    expect(() =>
      build({
        catalog: { providers: { gatewayApi: { schedule: { frequency: 7 } } } },
      }),
    ).toThrow();
  });

  it('emits the hostname entities in the configured shape', async () => {
    const snapshot = {
      cluster: 'dev',
      byKind: new Map<string, object[]>([
        [
          'Namespace',
          [
            {
              kind: 'Namespace',
              metadata: {
                name: 'tenant-team-a',
                labels: { 'gateway-api.gatehouse.dev/tenant': 'team-a' },
                annotations: {
                  'gateway-api.gatehouse.dev/owner-group':
                    'group:default/team-a',
                },
              },
            },
          ],
        ],
        [
          'HTTPRoute',
          [
            {
              kind: 'HTTPRoute',
              metadata: { name: 'shop', namespace: 'tenant-team-a' },
              spec: { hostnames: ['shop.example.org', 'api.example.org'] },
            },
          ],
        ],
      ]),
    };
    const cache = {
      clusters: ['dev'],
      start: () => {},
      subscribe: () => () => {},
      hasSynced: () => true,
      snapshot: () => snapshot,
    } as unknown as GatewayApiCache;
    const emitted = async (hostnameEntities?: string) => {
      const [provider] = GatewayApiEntityProvider.fromConfig(
        new ConfigReader({
          catalog: { providers: { gatewayApi: { hostnameEntities } } },
        }),
        {
          logger: mockServices.logger.mock(),
          scheduler: mockServices.scheduler.mock({
            createScheduledTaskRunner: () => ({ run: async () => {} }),
          }),
          clusters: ['dev'],
          cache,
        },
      );
      const applyMutation = jest.fn();
      await provider.connect({ applyMutation, refresh: jest.fn() });
      await provider.refresh();
      return applyMutation.mock.calls[0][0].entities.map(
        (e: { entity: { spec: { type: string } } }) => e.entity.spec.type,
      );
    };
    // auto, the default: two hostnames are far below the threshold.
    expect(await emitted()).toEqual(['gateway-tenant', 'hostname', 'hostname']);
    expect(await emitted('perHostname')).toEqual([
      'gateway-tenant',
      'hostname',
      'hostname',
    ]);
    expect(await emitted('perTenant')).toEqual(['gateway-tenant', 'hostnames']);
    expect(await emitted('none')).toEqual(['gateway-tenant']);
  });

  it('refuses a hostname entity shape it does not know', () => {
    expect(() =>
      build({
        catalog: { providers: { gatewayApi: { hostnameEntities: 'grouped' } } },
      }),
    ).toThrow(
      'catalog.providers.gatewayApi.hostnameEntities is grouped; it must be one of auto, perHostname, perTenant, none',
    );
  });
});
