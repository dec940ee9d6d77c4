import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  SupportButton,
  TableFilter,
  TableState,
  WarningPanel,
} from '@backstage/core-components';
import { certificateExpiresWithin } from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useExposures } from '../../hooks/useExposures';
import {
  clusterColumn,
  entityColumn,
  ExposureTable,
  gatewaySummaryColumn,
  hostnameEntityColumn,
  hiddenRouteColumn,
  ownerColumn,
  sourceColumn,
  statusColumn,
  tenantColumn,
  tlsColumn,
} from '../ExposureTable';
import { IngressMigrationSection } from '../IngressMigration';
import { PendingClustersNote } from '../PendingClustersNote';
import { hasUnservedKindNotes, UnservedKindsNote } from '../UnservedKindsNote';
import { ReadErrorPanel, UpdatedAt } from '../ReadState';
import { ExpiringWithinPicker } from './ExpiringWithinPicker';
import {
  expiringWithinDaysFromQuery,
  queryFromTableState,
  queryWithExpiringWithinDays,
  tableStateFromQuery,
} from './filtersFromQuery';

// Health first, so it stays in view when the table scrolls sideways.
const columns = [
  hostnameEntityColumn,
  statusColumn,
  tlsColumn,
  sourceColumn,
  tenantColumn,
  clusterColumn,
  entityColumn,
  hiddenRouteColumn,
  ownerColumn,
  gatewaySummaryColumn,
];

const filters: TableFilter[] = [
  { column: 'Tenant', type: 'multiple-select' },
  { column: 'Owner', type: 'multiple-select' },
  { column: 'Cluster', type: 'multiple-select' },
  { column: 'Status', type: 'multiple-select' },
  { column: 'TLS', type: 'multiple-select' },
  { column: 'Served by', type: 'multiple-select' },
];

// The Table filters and searches inside itself, so past its filters the count it was given
// is no longer the count shown: then the title says what it was narrowed from.
const filteredByTable = (query: URLSearchParams) => {
  const state = tableStateFromQuery(query);
  return !!state.search || Object.keys(state.filters ?? {}).length > 0;
};

function hostnamesTitle(
  count: number,
  expiringWithinDays: number | undefined,
  filtered: boolean,
) {
  if (expiringWithinDays === undefined) {
    return filtered
      ? `Hostnames matching the filters, of ${count}`
      : `All hostnames (${count})`;
  }
  const expiring = `Hostnames whose certificate expires within ${expiringWithinDays} days`;
  return filtered
    ? `${expiring}, matching the filters, of ${count}`
    : `${expiring} (${count})`;
}

/** Every hostname across clusters and tenants, for the platform team. */
export const HostnamesPage = (props: {
  /** How often to read the exposures again, in milliseconds. */
  refreshIntervalMs?: number;
}) => {
  const [query, setQuery] = useSearchParams();
  // Read once: afterwards the Table owns its state and mirrors it into the URL.
  const initialState = useMemo(() => tableStateFromQuery(query), []); // eslint-disable-line react-hooks/exhaustive-deps
  const onStateChange = useCallback(
    (state: TableState) =>
      setQuery(current => queryFromTableState(state, current), {
        replace: true,
      }),
    [setQuery],
  );
  const expiringWithinDays = expiringWithinDaysFromQuery(query);
  const setExpiringWithinDays = (days: number | undefined) =>
    setQuery(current => queryWithExpiringWithinDays(current, days), {
      replace: true,
    });
  const { value, loading, error, retry, updatedAt } = useExposures(
    {},
    props.refreshIntervalMs,
  );
  // Filtered here like the Table's own filters and search: all in the browser, on one answer.
  const exposures = useMemo(
    () =>
      (value?.items ?? []).filter(
        e =>
          expiringWithinDays === undefined ||
          certificateExpiresWithin(e.tls, expiringWithinDays, Date.now()),
      ),
    [value, expiringWithinDays],
  );

  const content = () => {
    if (!value && loading) return <Progress />;
    if (error) {
      return (
        <ReadErrorPanel error={error} subject="the hostnames" onRetry={retry} />
      );
    }
    return (
      <Grid container spacing={3}>
        {value && value.pendingClusters.length > 0 && (
          <Grid item xs={12}>
            <PendingClustersNote clusters={value.pendingClusters} />
          </Grid>
        )}
        {hasUnservedKindNotes(value?.unservedKinds) && (
          <Grid item xs={12}>
            <UnservedKindsNote unserved={value?.unservedKinds} />
          </Grid>
        )}
        {value?.totalItems !== undefined &&
          value.totalItems > value.items.length && (
            <Grid item xs={12}>
              <WarningPanel
                severity="info"
                title={`Showing ${value.items.length} of ${value.totalItems} hostnames`}
                message="Search and filters apply to the hostnames shown."
              />
            </Grid>
          )}
        <Grid item xs={12}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
          >
            <ExpiringWithinPicker
              value={expiringWithinDays}
              onChange={setExpiringWithinDays}
            />
            <UpdatedAt
              updatedAt={updatedAt}
              onRefresh={retry}
              subject="the hostnames"
            />
          </Box>
        </Grid>
        <Grid item xs={12}>
          <IngressMigrationSection exposures={value?.items ?? []} />
        </Grid>
        <Grid item xs={12}>
          <ExposureTable
            title={hostnamesTitle(
              exposures.length,
              expiringWithinDays,
              filteredByTable(query),
            )}
            exposures={exposures}
            columns={columns}
            search
            filters={filters}
            initialState={initialState}
            onStateChange={onStateChange}
            csvFileName="hostnames.csv"
          />
        </Grid>
      </Grid>
    );
  };

  return (
    <Page themeId="tool">
      <Header
        title="Hostnames"
        subtitle="Every hostname exposed through the Gateway API, across clusters and tenants"
      />
      <Content>
        <ContentHeader title="">
          <SupportButton>
            One row per hostname a route serves: its tenant, cluster, owning
            component, route status (Accepted, ResolvedRefs), Gateway
            (Programmed) and Certificate. Filters and search are kept in the
            URL, so a link such as ?tenant=team-a&expiringWithinDays=30 opens
            the page pre-filtered. The download button saves the rows shown as
            CSV.
          </SupportButton>
        </ContentHeader>
        {content()}
      </Content>
    </Page>
  );
};
