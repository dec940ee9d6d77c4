import {
  HostnameFacetField,
  HostnameQuery,
  HostnameSortKey,
  STATUS_LABELS,
  TLS_STATE_LABELS,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** The facet filters the page offers, in the order it shows them; each is its own URL key. */
export const FILTER_FIELDS: readonly HostnameFacetField[] = [
  'tenant',
  'cluster',
  'owner',
  'status',
  'tls',
  'source',
  'migration',
];
const SEARCH_KEY = 'q';
/** The same name as the backend's `GET /hostnames` filter. */
const EXPIRING_KEY = 'expiringWithinDays';
const SORT_KEYS: readonly HostnameSortKey[] = [
  'hostname',
  'expiry',
  'status',
  'tenant',
  'cluster',
  'owner',
];
export const PAGE_SIZES = [20, 50, 100];
const OWN_KEYS = [
  ...FILTER_FIELDS,
  SEARCH_KEY,
  EXPIRING_KEY,
  'sort',
  'order',
  'page',
  'pageSize',
];

// Links made when the page filtered by the words it shows (?status=Failing&tls=Expiring).
const WORDS: Partial<Record<HostnameFacetField, Record<string, string>>> = {
  status: STATUS_LABELS,
  tls: { ...TLS_STATE_LABELS, none: 'None' },
  source: { Route: 'Gateway API', Ingress: 'Ingress' },
};
const valueOf = (field: HostnameFacetField, raw: string) =>
  Object.entries(WORDS[field] ?? {}).find(([, word]) => word === raw)?.[0] ??
  raw;

/** What the page shows: the backend query without its page, and the page. */
export interface HostnamesView {
  /** Filters, search and sort, as `GET /hostnames` takes them. */
  query: Omit<HostnameQuery, 'offset' | 'limit'>;
  /** From 0. */
  page: number;
  pageSize: number;
}

/** `?tenant=team-a&tenant=team-b&q=checkout&sort=expiry&page=2` as the page's view. */
export function viewFromUrl(params: URLSearchParams): HostnamesView {
  const filters = Object.fromEntries(
    FILTER_FIELDS.flatMap(field => {
      const values = params.getAll(field).map(raw => valueOf(field, raw));
      return values.length > 0 ? [[field, values]] : [];
    }),
  );
  const sort = params.get('sort') as HostnameSortKey | null;
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    query: {
      ...filters,
      search: params.get(SEARCH_KEY) || undefined,
      expiringWithinDays: expiringWithinDaysFromQuery(params),
      sort: sort && SORT_KEYS.includes(sort) ? sort : undefined,
      order: params.get('order') === 'desc' ? 'desc' : undefined,
    },
    // In the URL from 1, as people count pages.
    page: Number.isInteger(page) && page > 1 ? page - 1 : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}

/**
 * `params` with `view` in place of the one it held, the inverse of {@link viewFromUrl};
 * keys the page does not own are kept, defaults are left out.
 */
export function urlFromView(
  view: HostnamesView,
  params = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams();
  const { query } = view;
  for (const field of FILTER_FIELDS) {
    const values = query[field];
    for (const value of typeof values === 'string' ? [values] : values ?? []) {
      next.append(field, value);
    }
  }
  if (query.search) next.set(SEARCH_KEY, query.search);
  if (query.expiringWithinDays !== undefined) {
    next.set(EXPIRING_KEY, String(query.expiringWithinDays));
  }
  if (query.sort && query.sort !== 'hostname') next.set('sort', query.sort);
  if (query.order === 'desc') next.set('order', 'desc');
  if (view.page > 0) next.set('page', String(view.page + 1));
  if (view.pageSize !== PAGE_SIZES[0]) {
    next.set('pageSize', String(view.pageSize));
  }
  for (const [key, value] of params) {
    if (!OWN_KEYS.includes(key)) next.append(key, value);
  }
  return next;
}

export const listOf = (
  value: string | readonly string[] | undefined,
): string[] => {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
};

/** Whether the view narrows the hostnames (a filter, a search or an expiry window). */
export const isFiltered = (view: HostnamesView) =>
  !!view.query.search ||
  FILTER_FIELDS.some(field => listOf(view.query[field]).length > 0);

/** `?expiringWithinDays=30`: only certificates whose notAfter is that close (or past). */
export function expiringWithinDaysFromQuery(
  query: URLSearchParams,
): number | undefined {
  const raw = query.get(EXPIRING_KEY);
  const days = raw ? Number(raw) : NaN;
  return Number.isInteger(days) && days >= 0 && days <= 3650 ? days : undefined;
}
