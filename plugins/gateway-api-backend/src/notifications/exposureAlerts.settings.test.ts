import { ConfigReader } from '@backstage/config';
import { readAlertSettings } from './exposureAlerts';

describe('readAlertSettings', () => {
  it('is on by default: 14 days before expiry, 10 minutes not Accepted', () => {
    expect(readAlertSettings(new ConfigReader({}))).toEqual({
      certificateExpiryDays: 14,
      routeNotAcceptedMinutes: 10,
    });
  });

  it('reads the configured thresholds', () => {
    const config = new ConfigReader({
      gatewayApi: {
        notifications: {
          certificateExpiryDays: 30,
          routeNotAcceptedMinutes: 2,
        },
      },
    });
    expect(readAlertSettings(config)).toEqual({
      certificateExpiryDays: 30,
      routeNotAcceptedMinutes: 2,
    });
  });

  it('is undefined when notifications are turned off', () => {
    const config = new ConfigReader({
      gatewayApi: { notifications: { enabled: false } },
    });
    expect(readAlertSettings(config)).toBeUndefined();
  });
});
