import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { TLS_STATES } from '../components/status';
import { gatewayHealth, STATUS_LABELS } from './statusWords';

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
const field = (value: string | number | undefined): string => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const COLUMNS: Array<[string, (e: Exposure) => string | undefined]> = [
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
  ['tls', e => (e.tls ? TLS_STATES[e.tls.state].label : 'None')],
  ['expires', e => e.tls?.notAfter],
];

/** The exposures as CSV, one row per hostname, with a header row and CRLF line ends. */
export function exposuresCsv(exposures: Exposure[]): string {
  const rows = [
    COLUMNS.map(([name]) => name),
    ...exposures.map(e => COLUMNS.map(([, value]) => value(e))),
  ];
  return `${rows.map(row => row.map(field).join(',')).join('\r\n')}\r\n`;
}
