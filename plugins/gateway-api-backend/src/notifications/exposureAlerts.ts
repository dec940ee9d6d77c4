import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  certificateExpiresWithin,
  Exposure,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** When an exposure is worth telling its owners about. */
export interface AlertSettings {
  /** A Ready certificate whose notAfter is this close alerts. */
  certificateExpiryDays: number;
  /** A route not Accepted (or not resolving its refs) for this long alerts. */
  routeNotAcceptedMinutes: number;
}

/**
 * The alert settings of `gatewayApi.notifications`, or undefined when notifications are turned
 * off (`enabled: false`); on by default, 14 days before expiry, 10 minutes not Accepted.
 */
export function readAlertSettings(config: Config): AlertSettings | undefined {
  const alerts = config.getOptionalConfig('gatewayApi.notifications');
  if (!(alerts?.getOptionalBoolean('enabled') ?? true)) return undefined;
  return {
    certificateExpiryDays:
      alerts?.getOptionalNumber('certificateExpiryDays') ?? 14,
    routeNotAcceptedMinutes:
      alerts?.getOptionalNumber('routeNotAcceptedMinutes') ?? 10,
  };
}

/** One condition of one hostname, addressed to the tenant's owner group. */
export interface ExposureAlert {
  /** Stable per hostname and condition: the notification's scope, for deduplication. */
  scope: string;
  owner: string;
  title: string;
  description: string;
  link: string;
  severity: 'high' | 'normal';
}

const linkTo = (exposure: Exposure) => {
  if (!exposure.entityRef) return '/gateway-api/hostnames';
  const ref = parseEntityRef(exposure.entityRef);
  return `/catalog/${ref.namespace}/${ref.kind.toLocaleLowerCase('en-US')}/${
    ref.name
  }/exposure`;
};

/** The key under which a route's trouble is first seen and remembered. */
export const routeKey = (e: Exposure) => `${e.cluster}/${e.hostname}/route`;

/**
 * The alerts the exposures call for now. `notAcceptedSince` remembers since when each route
 * has been in trouble, so a route that is merely being reconciled does not alert.
 */
export function exposureAlerts(
  exposures: Exposure[],
  now: Date,
  settings: AlertSettings,
  notAcceptedSince: ReadonlyMap<string, number>,
): ExposureAlert[] {
  const alerts: ExposureAlert[] = [];
  for (const exposure of exposures) {
    if (!exposure.owner) continue;
    const base = `gateway-api:${exposure.cluster}:${exposure.hostname}`;
    const tls = exposure.tls;
    if (tls && (tls.state === 'failed' || tls.state === 'expired')) {
      alerts.push({
        scope: `${base}:certificate-failing`,
        owner: exposure.owner,
        title: `Certificate of ${exposure.hostname} ${
          tls.state === 'expired' ? 'has expired' : 'fails to issue'
        }`,
        description: [tls.summary, tls.hints[0]?.fix].filter(Boolean).join(' '),
        link: linkTo(exposure),
        severity: 'high',
      });
    } else if (
      tls?.notAfter &&
      certificateExpiresWithin(tls, settings.certificateExpiryDays, now)
    ) {
      alerts.push({
        scope: `${base}:certificate-expiring`,
        owner: exposure.owner,
        title: `Certificate of ${
          exposure.hostname
        } expires ${tls.notAfter.slice(0, 10)}`,
        description: `${
          tls.summary
        } Check that renewal works: cert-manager renews at ${
          tls.renewalTime ?? 'two thirds of the lifetime'
        }.`,
        link: linkTo(exposure),
        severity: 'normal',
      });
    }
    const since = notAcceptedSince.get(routeKey(exposure));
    if (
      since !== undefined &&
      now.getTime() - since >= settings.routeNotAcceptedMinutes * 60_000
    ) {
      const status = exposure.route.status;
      alerts.push({
        scope: `${base}:route-not-accepted`,
        owner: exposure.owner,
        title: `${exposure.route.kind} ${exposure.route.namespace}/${exposure.route.name} is not serving ${exposure.hostname}`,
        description: [status.summary, status.hint?.fix]
          .filter(Boolean)
          .join(' '),
        link: linkTo(exposure),
        severity: 'high',
      });
    }
  }
  return alerts;
}
