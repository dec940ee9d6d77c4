import { StatusLevel, StatusSummary, worstStatus } from './conditions';
import {
  Exposure,
  ExposureGateway,
  ListenerSetSummary,
  ListenerSummary,
} from './exposure';
import { TlsState } from './tls';

/**
 * Word for the overall status of an exposure, as the Hostnames page and its CSV say it.
 *
 * @public
 */
export const STATUS_LABELS: Record<StatusLevel, string> = {
  ok: 'Working',
  pending: 'Pending',
  warning: 'Warning',
  error: 'Failing',
  unknown: 'Not reported',
};

/**
 * Word for each cert-manager state of a hostname's certificate.
 *
 * @public
 */
export const TLS_STATE_LABELS: Record<TlsState, string> = {
  ready: 'Ready',
  expiring: 'Expiring',
  expired: 'Expired',
  issuing: 'Issuing',
  failed: 'Failed',
  missing: 'No Certificate',
};

/**
 * A ListenerSet's own status; until a controller reports, what the analysis predicts.
 *
 * @public
 */
export const listenerSetHealth = (
  listenerSet: ListenerSetSummary,
): StatusSummary =>
  listenerSet.status.status === 'unknown' && listenerSet.predicted
    ? listenerSet.predicted
    : listenerSet.status;

/**
 * A listener's reported status; until a controller reports, what the analysis predicts.
 *
 * @public
 */
export const listenerHealth = (listener: ListenerSummary): StatusSummary =>
  listener.status.status === 'unknown' && listener.predicted
    ? listener.predicted
    : listener.status;

/**
 * A Gateway can be Programmed while the listener serving the hostname is not, or the
 * ListenerSet holding that listener is not admitted: the worst.
 *
 * @public
 */
export const gatewayHealth = (gateway: ExposureGateway): StatusSummary =>
  worstStatus([
    gateway.status,
    ...(gateway.listener ? [listenerHealth(gateway.listener)] : []),
    ...(gateway.listenerSet ? [listenerSetHealth(gateway.listenerSet)] : []),
  ]);

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. A field a
// spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with a quote mark,
// since route names and owners come from whoever wrote the objects (OWASP "CSV injection").
const csvField = (value: string | undefined): string => {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const EXPOSURE_CSV_COLUMNS: Array<
  [string, (e: Exposure) => string | undefined]
> = [
  ['hostname', e => e.hostname],
  ['tenant', e => e.tenant],
  ['owner', e => e.owner],
  ['cluster', e => e.cluster],
  [
    'gateway',
    e =>
      e.gateways
        .map(g => `${g.namespace}/${g.name} (${gatewayHealth(g).status})`)
        .join('; '),
  ],
  ['route', e => `${e.route.kind} ${e.route.namespace}/${e.route.name}`],
  ['status', e => STATUS_LABELS[e.status.status]],
  ['tls', e => (e.tls ? TLS_STATE_LABELS[e.tls.state] : 'None')],
  ['expires', e => e.tls?.notAfter],
];

/**
 * The CSV header line (with its CRLF) of the Hostnames export, shared by the page's download
 * and the backend's streamed `GET /hostnames/export`.
 *
 * @public
 */
export const EXPOSURE_CSV_HEADER = `${EXPOSURE_CSV_COLUMNS.map(
  ([name]) => name,
).join(',')}\r\n`;

/**
 * One exposure as one CSV line (RFC 4180, CRLF-terminated).
 *
 * @public
 */
export function exposureCsvRow(exposure: Exposure): string {
  return `${EXPOSURE_CSV_COLUMNS.map(([, value]) =>
    csvField(value(exposure)),
  ).join(',')}\r\n`;
}
