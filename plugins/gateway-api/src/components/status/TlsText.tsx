import {
  StatusLevel,
  TLS_STATE_LABELS,
  TLS_STATE_LEVEL,
  TlsState,
  TlsSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { StatusText } from './StatusText';

const TLS_LABELS = TLS_STATE_LABELS;

/** How each cert-manager state reads, and how bad it is (the level is common's, as the backend's). */
export const TLS_STATES = Object.fromEntries(
  Object.entries(TLS_LABELS).map(([state, label]) => [
    state,
    { label, status: TLS_STATE_LEVEL[state as TlsState] },
  ]),
) as Record<TlsState, { label: string; status: StatusLevel }>;

/** "2027-02-18 (88 days left)", or "expired on ..." once notAfter has passed. */
export function formatExpiry(tls: TlsSummary | undefined): string | undefined {
  if (!tls?.notAfter) return undefined;
  const day = tls.notAfter.slice(0, 10);
  if (tls.daysLeft === undefined) return day;
  if (tls.daysLeft < 0) return `expired on ${day}`;
  return `${day} (${tls.daysLeft} ${tls.daysLeft === 1 ? 'day' : 'days'} left)`;
}

/**
 * The TLS state with its icon. Without a Certificate at the Gateway, a TLSRoute passes TLS
 * through to the app; any other route is served without TLS.
 */
export const TlsStateText = (props: {
  tls?: TlsSummary;
  routeKind: string;
}) => {
  const { tls } = props;
  if (!tls) {
    return (
      <StatusText status="unknown">
        {props.routeKind === 'TLSRoute' ? 'Passthrough' : 'No TLS'}
      </StatusText>
    );
  }
  const { label, status } = TLS_STATES[tls.state];
  return <StatusText status={status}>{label}</StatusText>;
};
