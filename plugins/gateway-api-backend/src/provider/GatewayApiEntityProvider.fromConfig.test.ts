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
});
