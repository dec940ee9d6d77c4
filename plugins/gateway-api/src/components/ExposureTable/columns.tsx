import { Link, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  compareStatusLevels,
  Exposure,
  gatewayApiResourceRef,
  IngressMigrationState,
  IngressSummary,
  isWildcardHostname,
  StatusSummary,
  toUnicodeHostname,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { Fragment, ReactNode } from 'react';
import {
  gatewayHealth,
  shortStatusText,
  STATUS_LABELS,
} from '../../exposures/statusWords';
import { formatExpiry, StatusText, TLS_STATES, TlsStateText } from '../status';

/** An exposure with the words its status and TLS state read as, to filter and search on. */
export type ExposureRow = Exposure & {
  statusLabel: string;
  tlsLabel: string;
  /** `Gateway API` or `Ingress`, to filter on. */
  sourceLabel: string;
};

/** The TLS state in a word: the Certificate's, else an Ingress's own Secret, else none. */
function tlsLabelOf(exposure: Exposure): string {
  if (exposure.tls) return TLS_STATES[exposure.tls.state].label;
  return exposure.ingress?.tlsSecretName ? 'Ingress Secret' : 'None';
}

export function toExposureRow(exposure: Exposure): ExposureRow {
  return {
    ...exposure,
    statusLabel: STATUS_LABELS[exposure.status.status],
    tlsLabel: tlsLabelOf(exposure),
    sourceLabel: exposure.source === 'Ingress' ? 'Ingress' : 'Gateway API',
  };
}

const includes = (text: string | undefined, term: string) =>
  (text ?? '')
    .toLocaleLowerCase('en-US')
    .includes(term.toLocaleLowerCase('en-US'));

// Short cells stay on one line; detail that does not fit goes to the row's panel.
const noWrap = { whiteSpace: 'nowrap' } as const;
// Object names can be long (a route named after its hostname): they break anywhere rather
// than push the status columns out of view.
const ObjectName = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
    {children}
  </Typography>
);

/**
 * The hostname with a line-break opportunity after each dot, so a long one wraps between its
 * labels instead of widening the table.
 */
const breakAtDots = (hostname: string) =>
  hostname.split('.').map((label, i) => (
    // eslint-disable-next-line react/no-array-index-key
    <Fragment key={i}>
      {i > 0 && (
        <>
          <wbr />.
        </>
      )}
      {label}
    </Fragment>
  ));

/** A second line in smaller type. */
const Secondary = ({ children }: { children: ReactNode }) => (
  <Typography variant="caption" color="textSecondary" display="block">
    {children}
  </Typography>
);

/** A status in one or two words for a table cell; the full summary is in the row's details. */
const ShortStatus = (props: { status: StatusSummary; ok: string }) => (
  <StatusText status={props.status.status}>
    <Typography variant="body2" component="span">
      {shortStatusText(props.status, props.ok)}
    </Typography>
  </StatusText>
);

/**
 * A hostname cell: room for most hostnames on one line (longer ones wrap at their dots), and
 * for an IDN hostname the punycode the Gateway serves underneath.
 */
// Wide enough for most names on one line; longer ones break at their dots (breakAtDots), so
// the Gateway column keeps its room at 1400 px.
const HostnameCell = (props: { hostname: string; children: ReactNode }) => (
  <Box minWidth={190}>
    {props.children}
    {toUnicodeHostname(props.hostname) !== props.hostname && (
      <Secondary>{props.hostname}</Secondary>
    )}
  </Box>
);

/** The hostname as a link to its URL (a wildcard has none to open). */
export const hostnameColumn: TableColumn<ExposureRow> = {
  title: 'Hostname',
  field: 'hostname',
  highlight: true,
  render: exposure => (
    <HostnameCell hostname={exposure.hostname}>
      {isWildcardHostname(exposure.hostname) ? (
        breakAtDots(toUnicodeHostname(exposure.hostname))
      ) : (
        <Link to={exposure.url}>
          {breakAtDots(toUnicodeHostname(exposure.hostname))}
        </Link>
      )}
    </HostnameCell>
  ),
};

/**
 * The hostname as a link to the catalog entity that holds it (its own, or its tenant's group
 * of hostnames), with a link to open its URL; as a link to its URL when no entity holds it.
 */
export const hostnameEntityColumn: TableColumn<ExposureRow> = {
  ...hostnameColumn,
  render: exposure =>
    exposure.catalogEntityRef ? (
      <HostnameCell hostname={exposure.hostname}>
        <EntityRefLink entityRef={exposure.catalogEntityRef} hideIcon>
          {breakAtDots(toUnicodeHostname(exposure.hostname))}
        </EntityRefLink>
        {!isWildcardHostname(exposure.hostname) && (
          <>
            {/* A no-break space keeps the icon with the last label. */}
            {'\u00a0'}
            <Link
              to={exposure.url}
              aria-label={`Open ${exposure.url}`}
              title={`Open ${exposure.url}`}
            >
              <OpenInNewIcon fontSize="inherit" />
            </Link>
          </>
        )}
      </HostnameCell>
    ) : (
      hostnameColumn.render!(exposure, 'row')
    ),
};

/** The tenant, linked to its catalog entity, with the cluster underneath. */
export const tenantColumn: TableColumn<ExposureRow> = {
  title: 'Tenant',
  field: 'tenant',
  cellStyle: noWrap,
  render: exposure => (
    <>
      {exposure.tenant ? (
        <EntityRefLink
          entityRef={gatewayApiResourceRef(exposure.cluster, exposure.tenant)}
          hideIcon
        >
          {exposure.tenant}
        </EntityRefLink>
      ) : (
        '—'
      )}
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

/** Hidden: the owner is shown under the entity; this column filters by it. */
export const ownerColumn: TableColumn<ExposureRow> = {
  title: 'Owner',
  field: 'owner',
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
  cellStyle: { minWidth: 160 },
  render: ({ route }) => (
    <>
      <ObjectName>
        {route.kind} {route.namespace}/{route.name}
      </ObjectName>
      <ShortStatus
        status={route.status}
        ok={route.kind === 'Ingress' ? 'Served' : 'Accepted'}
      />
    </>
  ),
};

/** Hidden, where room is short: the route is in the row's details; this column searches by it. */
export const hiddenRouteColumn: TableColumn<ExposureRow> = {
  ...routeColumn,
  hidden: true,
  searchable: true,
};

/** An Ingress instead of a Gateway: its class, address and TLS Secret. */
const ingressCell = (ingress: IngressSummary, withAddress: boolean) => (
  <div>
    <ObjectName>
      Served by Ingress {ingress.namespace}/{ingress.name}
    </ObjectName>
    <Secondary>
      IngressClass {ingress.ingressClassName ?? 'none'}
      {withAddress &&
        ` · ${ingress.addresses[0] ?? 'No address yet'}${
          ingress.addresses.length > 1
            ? ` +${ingress.addresses.length - 1}`
            : ''
        }`}
    </Secondary>
    {withAddress && ingress.tlsSecretName && (
      <Secondary>TLS Secret {ingress.tlsSecretName}</Secondary>
    )}
  </div>
);

/** Each Gateway by name and status; `withAddress` adds its address and listener in small type. */
const gatewaysCell = (exposure: Exposure, withAddress: boolean) =>
  exposure.gateways.length === 0 ? (
    <StatusText status="unknown">
      <Typography variant="body2" component="span">
        Not attached
      </Typography>
    </StatusText>
  ) : (
    exposure.gateways.map(gateway => (
      <div
        key={`${gateway.namespace}/${gateway.name}/${
          gateway.listenerSet?.namespace ?? ''
        }/${gateway.listenerSet?.name ?? ''}`}
      >
        <ObjectName>
          {gateway.namespace}/{gateway.name}
        </ObjectName>
        <ShortStatus status={gatewayHealth(gateway)} ok="Programmed" />
        {gateway.listenerSet && (
          <Secondary>
            via ListenerSet {gateway.listenerSet.namespace}/
            {gateway.listenerSet.name}
          </Secondary>
        )}
        {withAddress && (
          <Secondary>
            {gateway.addresses[0] ?? 'No address yet'}
            {gateway.addresses.length > 1 &&
              ` +${gateway.addresses.length - 1}`}
            {gateway.listener &&
              ` · ${gateway.listener.protocol}/${gateway.listener.port}`}
          </Secondary>
        )}
      </div>
    ))
  );

/** Each Gateway by name and status (or the Ingress serving the hostname instead). */
const gatewayCell = (exposure: Exposure, withAddress: boolean) =>
  exposure.ingress
    ? ingressCell(exposure.ingress, withAddress)
    : gatewaysCell(exposure, withAddress);

export const gatewayColumn: TableColumn<ExposureRow> = {
  title: 'Gateway',
  sorting: false,
  cellStyle: { minWidth: 160 },
  customFilterAndSearch: (term: string, exposure) =>
    exposure.gateways.some(g =>
      includes(
        `${g.namespace}/${g.name} ${g.addresses.join(' ')}${
          g.listenerSet
            ? ` ListenerSet ${g.listenerSet.namespace}/${g.listenerSet.name}`
            : ''
        }`,
        term,
      ),
    ) ||
    (!!exposure.ingress &&
      includes(
        `Ingress ${exposure.ingress.namespace}/${exposure.ingress.name} ${
          exposure.ingress.ingressClassName ?? ''
        } ${exposure.ingress.addresses.join(' ')}`,
        term,
      )),
  render: exposure => gatewayCell(exposure, true),
};

/** The Gateways by name and status only; their addresses and listeners are in the details. */
export const gatewaySummaryColumn: TableColumn<ExposureRow> = {
  ...gatewayColumn,
  render: exposure => gatewayCell(exposure, false),
};

/** TLS state and expiry, sortable by days left (no certificate sorts last). */
export const tlsColumn: TableColumn<ExposureRow> = {
  title: 'TLS',
  field: 'tlsLabel',
  cellStyle: noWrap,
  customSort: (a, b) =>
    (a.tls?.daysLeft ?? Number.MAX_SAFE_INTEGER) -
    (b.tls?.daysLeft ?? Number.MAX_SAFE_INTEGER),
  render: ({ tls, route, ingress }) => (
    <>
      {!tls && ingress?.tlsSecretName ? (
        // ingress-nginx serves the Secret as is; no Certificate says how healthy it is.
        <StatusText status="unknown">Ingress Secret</StatusText>
      ) : (
        <TlsStateText tls={tls} routeKind={route.kind} />
      )}
      {tls?.notAfter && <Secondary>{formatExpiry(tls)}</Secondary>}
    </>
  ),
};

const MIGRATION_WORDS: Record<IngressMigrationState, string> = {
  'ingress-only': 'Not migrated yet',
  both: 'Side by side',
  moved: 'Moved from Ingress',
};

/** What serves the hostname (Gateway API or Ingress), with where it stands in the move. */
export const sourceColumn: TableColumn<ExposureRow> = {
  title: 'Served by',
  field: 'sourceLabel',
  cellStyle: { minWidth: 110 },
  render: exposure => (
    <>
      <Chip
        size="small"
        variant="outlined"
        color={exposure.source === 'Ingress' ? 'secondary' : 'default'}
        label={exposure.sourceLabel}
      />
      {exposure.migration && (
        <Secondary>{MIGRATION_WORDS[exposure.migration]}</Secondary>
      )}
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
