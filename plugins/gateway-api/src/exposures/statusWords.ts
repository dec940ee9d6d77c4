import {
  ExposureGateway,
  ListenerSetSummary,
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

/** A ListenerSet's own status; until a controller reports, what the analysis predicts. */
export const listenerSetHealth = (
  listenerSet: ListenerSetSummary,
): StatusSummary =>
  listenerSet.status.status === 'unknown' && listenerSet.predicted
    ? listenerSet.predicted
    : listenerSet.status;

/**
 * A Gateway can be Programmed while the listener serving the hostname is not, or the
 * ListenerSet holding that listener is not admitted: the worst.
 */
export const gatewayHealth = (gateway: ExposureGateway): StatusSummary =>
  worstStatus([
    gateway.status,
    ...(gateway.listener ? [gateway.listener.status] : []),
    ...(gateway.listenerSet ? [listenerSetHealth(gateway.listenerSet)] : []),
  ]);
