import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ExposureIndex } from '../exposures/ExposureIndex';
import {
  AlertSettings,
  ExposureAlert,
  exposureAlerts,
  routeKey,
} from './exposureAlerts';

/**
 * Tells a tenant's owner group about an exposure in trouble, once per condition: a certificate
 * expiring or failing, a route not Accepted for too long. Each notification's scope is the
 * hostname and condition, so a repeat updates it instead of adding one; when the condition
 * clears, the same notification is updated to say so.
 */
export class ExposureNotifier {
  private readonly notAcceptedSince = new Map<string, number>();
  private active = new Map<string, ExposureAlert>();

  constructor(
    private readonly options: {
      exposures: Pick<ExposureIndex, 'list'>;
      notifications: Pick<NotificationService, 'send'>;
      settings: AlertSettings;
      logger: LoggerService;
      clock?: () => Date;
    },
  ) {}

  async run(): Promise<void> {
    const now = (this.options.clock ?? (() => new Date()))();
    const { items } = this.options.exposures.list();
    const troubled = new Set<string>();
    for (const exposure of items) {
      if (exposure.route.status.status === 'ok') continue;
      const key = routeKey(exposure);
      troubled.add(key);
      if (!this.notAcceptedSince.has(key))
        this.notAcceptedSince.set(key, now.getTime());
    }
    for (const key of [...this.notAcceptedSince.keys()]) {
      if (!troubled.has(key)) this.notAcceptedSince.delete(key);
    }

    const next = new Map(
      exposureAlerts(
        items,
        now,
        this.options.settings,
        this.notAcceptedSince,
      ).map(a => [a.scope, a]),
    );
    for (const [scope, alert] of next) {
      if (this.active.has(scope)) continue;
      await this.send(alert.owner, {
        title: alert.title,
        description: alert.description,
        link: alert.link,
        severity: alert.severity,
        scope,
      });
    }
    for (const [scope, alert] of this.active) {
      if (next.has(scope)) continue;
      await this.send(alert.owner, {
        title: `Resolved: ${alert.title}`,
        description: 'The condition has cleared.',
        link: alert.link,
        severity: 'low',
        scope,
      });
    }
    this.active = next;
  }

  private async send(
    owner: string,
    payload: {
      title: string;
      description: string;
      link: string;
      severity: 'high' | 'normal' | 'low';
      scope: string;
    },
  ) {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: { ...payload, topic: 'gateway-api' },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${owner} (${payload.scope}): ${error}`,
      );
    }
  }
}
