import {
  ExposureGateway,
  StatusLevel,
  StatusSummary,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** Word for the overall status of an exposure. */
export const STATUS_LABELS: Record<StatusLevel, string> = {
  ok: 'Working',
  pending: 'Pending',
  warning: 'Warning',
  error: 'Failing',
  unknown: 'Not reported',
};

/**
 * A status in one or two words: the healthy condition (`ok`) when fine, else the condition's
 * reason (NotAllowedByListeners, InvalidCertificateRef...), else the level's word.
 */
export const shortStatusText = (status: StatusSummary, ok: string): string =>
  status.status === 'ok' ? ok : status.reason ?? STATUS_LABELS[status.status];

/** A Gateway can be Programmed while the listener serving the hostname is not: the worse. */
export const gatewayHealth = (gateway: ExposureGateway): StatusSummary =>
  worstStatus(
    gateway.listener
      ? [gateway.status, gateway.listener.status]
      : [gateway.status],
  );
