import {
  gatewayHealth,
  listenerHealth,
  listenerSetHealth,
  STATUS_LABELS,
  StatusSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';

// The words and the gateway health rule are common's, shared with the backend's CSV export.
export { gatewayHealth, listenerHealth, listenerSetHealth, STATUS_LABELS };

/**
 * A status in one or two words: the healthy condition (`ok`) when fine, else the condition's
 * reason (NotAllowedByListeners, InvalidCertificateRef...), else the level's word.
 */
export const shortStatusText = (status: StatusSummary, ok: string): string =>
  status.status === 'ok' ? ok : status.reason ?? STATUS_LABELS[status.status];
