import { TableState } from '@backstage/core-components';

/** URL query keys and the Table columns (by title) they filter. */
const FILTER_COLUMNS: Record<string, string> = {
  tenant: 'Tenant',
  owner: 'Owner',
  cluster: 'Cluster',
  status: 'Status',
  tls: 'TLS',
};
const SEARCH_KEY = 'q';
/** The same name as the backend's `GET /hostnames` filter. */
const EXPIRING_KEY = 'expiringWithinDays';

/** `?tenant=team-a&q=checkout` as the Table's state, so a link can pre-filter the page. */
export function tableStateFromQuery(query: URLSearchParams): TableState {
  const filters = Object.fromEntries(
    Object.entries(FILTER_COLUMNS).flatMap(([key, column]) => {
      const values = query.getAll(key);
      return values.length > 0 ? [[column, values]] : [];
    }),
  );
  return {
    search: query.get(SEARCH_KEY) ?? undefined,
    // Open only when the link filters: the panel takes room from the table.
    filtersOpen: Object.keys(filters).length > 0,
    filters,
  };
}

/**
 * `query` with the Table's state in place of the one it held, the inverse of
 * {@link tableStateFromQuery}; keys the Table does not own are kept.
 */
export function queryFromTableState(
  state: TableState,
  query = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
    const selected = state.filters?.[column] ?? [];
    for (const value of Array.isArray(selected) ? selected : [selected]) {
      if (value) next.append(key, value);
    }
  }
  if (state.search) next.set(SEARCH_KEY, state.search);
  const tableKeys = [...Object.keys(FILTER_COLUMNS), SEARCH_KEY];
  for (const [key, value] of query) {
    if (!tableKeys.includes(key)) next.append(key, value);
  }
  return next;
}

/** `?expiringWithinDays=30`: only certificates whose notAfter is that close (or past). */
export function expiringWithinDaysFromQuery(
  query: URLSearchParams,
): number | undefined {
  const raw = query.get(EXPIRING_KEY);
  const days = raw ? Number(raw) : NaN;
  return Number.isInteger(days) && days >= 0 ? days : undefined;
}

/** `query` with the expiry filter set to `days`, or removed. */
export function queryWithExpiringWithinDays(
  query: URLSearchParams,
  days: number | undefined,
): URLSearchParams {
  const next = new URLSearchParams(query);
  if (days === undefined) next.delete(EXPIRING_KEY);
  else next.set(EXPIRING_KEY, String(days));
  return next;
}
