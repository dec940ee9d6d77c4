import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  HostnameFacetField,
  HostnamePage,
  HostnameSortKey,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useInterval from 'react-use/esm/useInterval';
import { gatewayApiApiRef } from '../../api';
import { POLL_INTERVAL_MS, usePolling } from '../../hooks/usePolling';
import {
  clusterColumn,
  entityColumn,
  ExposureRow,
  gatewaySummaryColumn,
  hiddenRouteColumn,
  hostnameEntityColumn,
  ownerColumn,
  sourceColumn,
  statusColumn,
  tenantColumn,
  tlsColumn,
  toExposureRow,
} from '../ExposureTable';
import { downloadFile } from '../ExposureTable/downloadFile';
import { ExposureDetails } from '../ExposureTable/ExposureDetails';
import { IngressMigrationSection } from '../IngressMigration';
import { ClusterNotes } from './ClusterNotes';
import { hasUnservedKindNotes, UnservedKindsNote } from '../UnservedKindsNote';
import { ReadErrorPanel, UpdatedAt } from '../ReadState';
import { ExpiringWithinPicker } from './ExpiringWithinPicker';
import {
  HostnamesView,
  isFiltered,
  listOf,
  PAGE_SIZES,
  urlFromView,
  viewFromUrl,
} from './filtersFromQuery';
import { HostnameFacetFilters } from './HostnameFacetFilters';

/** What the Table asks of remote data (material-table's Query), as far as it is read here. */
interface TableQuery {
  page: number;
  pageSize: number;
  search: string;
  orderBy?: { title?: unknown };
  orderDirection: 'asc' | 'desc';
}

/** The columns the backend sorts by, and by what; the others do not sort. */
const SORTS: Array<[TableColumn<ExposureRow>, HostnameSortKey]> = [
  [hostnameEntityColumn, 'hostname'],
  [statusColumn, 'status'],
  [tlsColumn, 'expiry'],
  [tenantColumn, 'tenant'],
  [clusterColumn, 'cluster'],
  [ownerColumn, 'owner'],
];

// Health first, so it stays in view when the table scrolls sideways.
const COLUMNS = [
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

function hostnamesTitle(count: number | undefined, view: HostnamesView) {
  const total = count === undefined ? '' : ` (${count})`;
  const days = view.query.expiringWithinDays;
  if (days === undefined) {
    return isFiltered(view)
      ? `Hostnames matching the filters${total}`
      : `All hostnames${total}`;
  }
  const expiring = `Hostnames whose certificate expires within ${days} days`;
  return isFiltered(view)
    ? `${expiring}, matching the filters${total}`
    : `${expiring}${total}`;
}

/**
 * Every hostname across clusters and tenants, for the platform team. The backend filters,
 * searches, sorts and pages (the page holds one page of rows); every filter, the search, the
 * sort and the page are in the URL, so a link opens the same view.
 */
export const HostnamesPage = (props: {
  /** How often to read the page again, in milliseconds. */
  refreshIntervalMs?: number;
}) => {
  const api = useApi(gatewayApiApiRef);
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromUrl(params), [params]);
  // The table asks for rows through `rows`, which must read the latest view.
  const viewRef = useRef(view);
  viewRef.current = view;
  const [answer, setAnswer] = useState<HostnamePage>();
  const [failure, setFailure] = useState<Error>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const tableRef = useRef<{ onQueryChange?: (query?: object) => void }>();
  const firstQuery = useRef(true);

  const show = useCallback(
    (next: HostnamesView) =>
      setParams(current => urlFromView(next, current), { replace: true }),
    [setParams],
  );

  // Read once: afterwards the Table owns page, sort and search, and reports them to `rows`.
  const columns = useMemo(
    () =>
      COLUMNS.map(column => {
        const sort = SORTS.find(([c]) => c === column)?.[1];
        return {
          ...column,
          sorting: sort !== undefined,
          ...(sort && sort === (view.query.sort ?? 'hostname')
            ? { defaultSort: view.query.order ?? 'asc' }
            : {}),
        } as TableColumn<ExposureRow>;
      }),
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const options = useMemo(
    () => ({
      search: true,
      searchText: view.query.search,
      debounceInterval: 400,
      paging: true,
      pageSize: view.pageSize,
      pageSizeOptions: PAGE_SIZES,
      initialPage: view.page,
      padding: 'dense' as const,
    }),
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const rows = useCallback(
    async (
      query: TableQuery,
    ): Promise<{ data: ExposureRow[]; page: number; totalCount: number }> => {
      const current = viewRef.current;
      // The Table starts at page 0 whatever its initialPage: the URL's page wins once.
      const page = firstQuery.current ? current.page : query.page;
      firstQuery.current = false;
      const sortBy = SORTS.find(
        ([column]) => column.title === query.orderBy?.title,
      )?.[1];
      const next: HostnamesView = {
        query: {
          ...current.query,
          search: query.search || undefined,
          // Hostname ascending is the backend's default: left out of the URL and the request.
          sort:
            sortBy === 'hostname' && query.orderDirection !== 'desc'
              ? undefined
              : sortBy,
          order: sortBy && query.orderDirection === 'desc' ? 'desc' : undefined,
        },
        page,
        pageSize: query.pageSize,
      };
      viewRef.current = next;
      show(next);
      try {
        const result = await api.listHostnames({
          ...next.query,
          offset: page * next.pageSize,
          limit: next.pageSize,
        });
        setAnswer(result);
        setFailure(undefined);
        setUpdatedAt(new Date());
        return {
          data: result.items.map(toExposureRow),
          page,
          totalCount: result.totalItems,
        };
      } catch (error) {
        setFailure(error as Error);
        throw error;
      }
    },
    [api, show],
  );

  const reload = useCallback(
    (query?: object) => tableRef.current?.onQueryChange?.(query),
    [],
  );
  useInterval(reload, props.refreshIntervalMs ?? POLL_INTERVAL_MS);

  // A filter change starts again at the first page.
  const filter = (changes: Partial<HostnamesView['query']>) => {
    const next = { ...view, query: { ...view.query, ...changes }, page: 0 };
    viewRef.current = next;
    show(next);
    reload({ page: 0 });
  };
  const selected = Object.fromEntries(
    Object.entries(view.query).flatMap(([field, value]) =>
      field === 'search' || typeof value === 'number'
        ? []
        : [[field, listOf(value as string | string[] | undefined)]],
    ),
  ) as Partial<Record<HostnameFacetField, string[]>>;

  // The hostnames an Ingress serves or served, whatever the page shows: the migration section
  // is there when there are some (a page of them is enough to know).
  const onIngress = usePolling(
    () =>
      api.listHostnames({
        migration: ['ingress-only', 'both', 'moved'],
        limit: 100,
      }),
    [api],
    props.refreshIntervalMs,
  );

  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const csv = await api.exportHostnames(viewRef.current.query);
      downloadFile('hostnames.csv', csv, 'text/csv;charset=utf-8');
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setExporting(false);
    }
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
            (Programmed) and Certificate. Filters, search, sort and page are
            kept in the URL, so a link such as
            ?tenant=team-a&expiringWithinDays=30 opens the page pre-filtered.
            The download button saves every matching hostname as CSV.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3}>
          {failure && (
            <Grid item xs={12}>
              <ReadErrorPanel
                error={failure}
                subject="the hostnames"
                onRetry={() => reload()}
              />
            </Grid>
          )}
          <ClusterNotes
            pendingClusters={answer?.pendingClusters ?? []}
            refreshIntervalMs={props.refreshIntervalMs}
          />
          {hasUnservedKindNotes(answer?.unservedKinds) && (
            <Grid item xs={12}>
              <UnservedKindsNote unserved={answer?.unservedKinds} />
            </Grid>
          )}
          <Grid item xs={12}>
            <Box
              display="flex"
              alignItems="center"
              justifyContent="space-between"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
                <ExpiringWithinPicker
                  value={view.query.expiringWithinDays}
                  onChange={days => filter({ expiringWithinDays: days })}
                />
                <HostnameFacetFilters
                  facets={answer?.facets}
                  selected={selected}
                  onChange={(field, values) => filter({ [field]: values })}
                />
              </Box>
              <UpdatedAt
                updatedAt={updatedAt}
                onRefresh={() => reload()}
                subject="the hostnames"
              />
            </Box>
          </Grid>
          <Grid item xs={12}>
            <Table<ExposureRow>
              title={hostnamesTitle(answer?.totalItems, view)}
              data={rows}
              columns={columns}
              options={options}
              tableRef={tableRef}
              // Lets the table shrink beside the filters and scroll sideways instead of overflowing.
              style={{ minWidth: 0 }}
              actions={[
                {
                  icon: () => <GetAppIcon />,
                  tooltip: 'Download every matching hostname as CSV',
                  isFreeAction: true,
                  disabled: exporting,
                  onClick: () => {
                    exportCsv();
                  },
                },
              ]}
              detailPanel={[
                {
                  tooltip:
                    'Show the path, parentRefs, backends, certificate and hints',
                  render: ({ rowData }) => (
                    <ExposureDetails exposure={rowData} />
                  ),
                },
              ]}
            />
          </Grid>
          {/* Below the table: the page is the hostnames' first, the move from Ingress second. */}
          <Grid item xs={12}>
            <IngressMigrationSection exposures={onIngress.value?.items ?? []} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
