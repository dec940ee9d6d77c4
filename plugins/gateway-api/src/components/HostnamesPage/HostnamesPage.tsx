import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
  TableFilter,
  TableState,
  WarningPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useExposures } from '../../hooks/useExposures';
import {
  clusterColumn,
  entityColumn,
  ExposureTable,
  gatewaySummaryColumn,
  hostnameColumn,
  routeColumn,
  statusColumn,
  tenantColumn,
  tlsExpiryColumn,
} from '../ExposureTable';
import { PendingClustersNote } from '../PendingClustersNote';
import { queryFromTableState, tableStateFromQuery } from './filtersFromQuery';

// Health first, so it stays in view when the table scrolls sideways.
const columns = [
  hostnameColumn,
  statusColumn,
  tlsExpiryColumn,
  tenantColumn,
  clusterColumn,
  entityColumn,
  routeColumn,
  gatewaySummaryColumn,
];

const filters: TableFilter[] = [
  { column: 'Tenant', type: 'multiple-select' },
  { column: 'Cluster', type: 'multiple-select' },
  { column: 'Status', type: 'multiple-select' },
  { column: 'TLS', type: 'multiple-select' },
];

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
      setQuery(queryFromTableState(state), { replace: true }),
    [setQuery],
  );
  const { value, loading, error } = useExposures({}, props.refreshIntervalMs);

  const content = () => {
    if (!value && loading) return <Progress />;
    if (error) return <ResponseErrorPanel error={error} />;
    return (
      <Grid container spacing={3}>
        {value && value.pendingClusters.length > 0 && (
          <Grid item xs={12}>
            <PendingClustersNote clusters={value.pendingClusters} />
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
          <ExposureTable
            title={`All hostnames (${value?.items.length ?? 0})`}
            exposures={value?.items ?? []}
            columns={columns}
            search
            filters={filters}
            initialState={initialState}
            onStateChange={onStateChange}
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
            URL, so a link such as ?tenant=team-a opens the page pre-filtered.
          </SupportButton>
        </ContentHeader>
        {content()}
      </Content>
    </Page>
  );
};
