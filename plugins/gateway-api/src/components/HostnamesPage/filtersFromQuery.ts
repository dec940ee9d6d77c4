import { TableState } from '@backstage/core-components';

/** URL query keys and the Table columns (by title) they filter. */
const FILTER_COLUMNS: Record<string, string> = {
  tenant: 'Tenant',
  cluster: 'Cluster',
  status: 'Status',
  tls: 'TLS',
};

/** `?tenant=team-a&q=checkout` as the Table's state, so a link can pre-filter the page. */
export function tableStateFromQuery(query: URLSearchParams): TableState {
  const filters = Object.fromEntries(
    Object.entries(FILTER_COLUMNS).flatMap(([key, column]) => {
      const values = query.getAll(key);
      return values.length > 0 ? [[column, values]] : [];
    }),
  );
  return {
    search: query.get('q') ?? undefined,
    // Open only when the link filters: the panel takes room from the table.
    filtersOpen: Object.keys(filters).length > 0,
    filters,
  };
}

/** The Table's state as a URL query, the inverse of {@link tableStateFromQuery}. */
export function queryFromTableState(state: TableState): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
    const selected = state.filters?.[column] ?? [];
    for (const value of Array.isArray(selected) ? selected : [selected]) {
      if (value) query.append(key, value);
    }
  }
  if (state.search) query.set('q', state.search);
  return query;
}
