import { Link, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Exposure,
  ExposureGateway,
  compareStatusLevels,
  StatusLevel,
  StatusSummary,
  toUnicodeHostname,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { formatExpiry, StatusText, TLS_STATES, TlsStateText } from '../status';

/** Word for the overall status of an exposure. */
export const STATUS_LABELS: Record<StatusLevel, string> = {
  ok: 'Working',
  pending: 'Pending',
  warning: 'Warning',
  error: 'Failing',
  unknown: 'Not reported',
};

/** An exposure with the words its status and TLS state read as, to filter and search on. */
export type ExposureRow = Exposure & { statusLabel: string; tlsLabel: string };

export function toExposureRow(exposure: Exposure): ExposureRow {
  return {
    ...exposure,
    statusLabel: STATUS_LABELS[exposure.status.status],
    tlsLabel: exposure.tls ? TLS_STATES[exposure.tls.state].label : 'None',
  };
}

const includes = (text: string | undefined, term: string) =>
  (text ?? '')
    .toLocaleLowerCase('en-US')
    .includes(term.toLocaleLowerCase('en-US'));

const noWrap = { whiteSpace: 'nowrap' } as const;

const Secondary = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" color="textSecondary">
    {children}
  </Typography>
);

/**
 * A status in one or two words for a table cell: the healthy condition when ok, else the
 * condition's reason (NotAllowedByListeners, InvalidCertificateRef...). The full summary and
 * its hint are in the row's details.
 */
const ShortStatus = (props: { status: StatusSummary; ok: string }) => (
  <StatusText status={props.status.status}>
    <Typography variant="body2" component="span">
      {props.status.status === 'ok'
        ? props.ok
        : props.status.reason ?? STATUS_LABELS[props.status.status]}
    </Typography>
  </StatusText>
);

/** A Gateway can be Programmed while the listener serving the hostname is not: show the worse. */
const gatewayHealth = (gateway: ExposureGateway) =>
  worstStatus(
    gateway.listener
      ? [gateway.status, gateway.listener.status]
      : [gateway.status],
  );

export const hostnameColumn: TableColumn<ExposureRow> = {
  title: 'Hostname',
  field: 'hostname',
  highlight: true,
  cellStyle: noWrap,
  render: exposure => {
    const unicode = toUnicodeHostname(exposure.hostname);
    return (
      <>
        <Link to={exposure.url}>{unicode}</Link>
        {/* An IDN hostname also shows the punycode the Gateway serves. */}
        {unicode !== exposure.hostname && (
          <Secondary>{exposure.hostname}</Secondary>
        )}
      </>
    );
  },
};

/** The tenant, with the cluster underneath. */
export const tenantColumn: TableColumn<ExposureRow> = {
  title: 'Tenant',
  field: 'tenant',
  cellStyle: noWrap,
  render: exposure => (
    <>
      <Typography variant="body2">{exposure.tenant ?? '—'}</Typography>
      <Secondary>{exposure.cluster}</Secondary>
    </>
  ),
};

/** Hidden: the cluster is shown under the tenant; this column filters and searches by it. */
export const clusterColumn: TableColumn<ExposureRow> = {
  title: 'Cluster',
  field: 'cluster',
  hidden: true,
};

/** The catalog entity the route exposes, with the tenant's owner group underneath. */
export const entityColumn: TableColumn<ExposureRow> = {
  title: 'Entity',
  field: 'entityRef',
  cellStyle: noWrap,
  customFilterAndSearch: (term: string, row) =>
    includes(`${row.entityRef ?? ''} ${row.owner ?? ''}`, term),
  render: exposure => (
    <>
      {exposure.entityRef ? (
        <EntityRefLink entityRef={exposure.entityRef} defaultKind="component" />
      ) : (
        '—'
      )}
      {exposure.owner && (
        <Secondary>
          <EntityRefLink entityRef={exposure.owner} defaultKind="group" />
        </Secondary>
      )}
    </>
  ),
};

export const routeColumn: TableColumn<ExposureRow> = {
  title: 'Route',
  field: 'route.name',
  customSort: (a, b) =>
    compareStatusLevels(a.route.status.status, b.route.status.status),
  customFilterAndSearch: (term: string, exposure) =>
    includes(
      `${exposure.route.kind} ${exposure.route.namespace}/${exposure.route.name}`,
      term,
    ),
  cellStyle: noWrap,
  render: ({ route }) => (
    <>
      <Typography variant="body2">
        {route.kind} {route.namespace}/{route.name}
      </Typography>
      <ShortStatus status={route.status} ok="Accepted" />
    </>
  ),
};

export const gatewayColumn: TableColumn<ExposureRow> = {
  title: 'Gateway',
  sorting: false,
  customFilterAndSearch: (term: string, exposure) =>
    exposure.gateways.some(g =>
      includes(`${g.namespace}/${g.name} ${g.addresses.join(' ')}`, term),
    ),
  render: ({ gateways }) =>
    gateways.length === 0 ? (
      <StatusText status="unknown">
        <Typography variant="body2" component="span">
          Not attached
        </Typography>
      </StatusText>
    ) : (
      gateways.map(gateway => (
        <div key={`${gateway.namespace}/${gateway.name}`}>
          <Typography variant="body2">
            {gateway.namespace}/{gateway.name}
          </Typography>
          <ShortStatus status={gatewayHealth(gateway)} ok="Programmed" />
          <Secondary>
            {gateway.addresses.length > 0
              ? gateway.addresses.join(', ')
              : 'No address yet'}
            {gateway.listener &&
              ` · ${gateway.listener.name} ${gateway.listener.protocol}/${gateway.listener.port}`}
          </Secondary>
        </div>
      ))
    ),
};

/** The Gateways by name and status only; their addresses and listeners are in the details. */
export const gatewaySummaryColumn: TableColumn<ExposureRow> = {
  ...gatewayColumn,
  cellStyle: noWrap,
  render: ({ gateways }) =>
    gateways.length === 0 ? (
      <StatusText status="unknown">
        <Typography variant="body2" component="span">
          Not attached
        </Typography>
      </StatusText>
    ) : (
      gateways.map(gateway => (
        <div key={`${gateway.namespace}/${gateway.name}`}>
          <Typography variant="body2">
            {gateway.namespace}/{gateway.name}
          </Typography>
          <ShortStatus status={gatewayHealth(gateway)} ok="Programmed" />
        </div>
      ))
    ),
};

export const tlsColumn: TableColumn<ExposureRow> = {
  title: 'TLS',
  field: 'tlsLabel',
  render: ({ tls, route }) => (
    <>
      <TlsStateText tls={tls} routeKind={route.kind} />
      {tls?.issuer && (
        <Secondary>
          {tls.issuer.kind} {tls.issuer.name}
        </Secondary>
      )}
      {tls?.notAfter && <Secondary>notAfter {formatExpiry(tls)}</Secondary>}
      {tls?.renewalTime && (
        <Secondary>renewalTime {tls.renewalTime.slice(0, 10)}</Secondary>
      )}
    </>
  ),
};

/** TLS state and expiry, sortable by days left (no certificate sorts last). */
export const tlsExpiryColumn: TableColumn<ExposureRow> = {
  title: 'TLS',
  field: 'tlsLabel',
  cellStyle: noWrap,
  customSort: (a, b) =>
    (a.tls?.daysLeft ?? Number.MAX_SAFE_INTEGER) -
    (b.tls?.daysLeft ?? Number.MAX_SAFE_INTEGER),
  render: ({ tls, route }) => (
    <>
      <TlsStateText tls={tls} routeKind={route.kind} />
      {tls?.notAfter && <Secondary>{formatExpiry(tls)}</Secondary>}
    </>
  ),
};

export const statusColumn: TableColumn<ExposureRow> = {
  title: 'Status',
  field: 'statusLabel',
  cellStyle: noWrap,
  customSort: (a, b) => compareStatusLevels(a.status.status, b.status.status),
  customFilterAndSearch: (term: string, row) =>
    includes(`${row.statusLabel} ${row.status.summary}`, term),
  render: ({ status }) => (
    <StatusText status={status.status}>
      {STATUS_LABELS[status.status]}
    </StatusText>
  ),
};
