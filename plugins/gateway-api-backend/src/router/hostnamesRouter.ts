import { InputError } from '@backstage/errors';
import {
  Exposure,
  EXPOSURE_CSV_HEADER,
  exposureCsvRow,
  ExposureList,
  HostnamePage,
  HostnameQuery,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import express from 'express';
import { once } from 'node:events';
import { HostnameIndex } from '../exposures/HostnameIndex';

/** The most hostnames one page of `GET /hostnames` holds. */
export const MAX_PAGE = 1000;
const MAX_VALUES = 100;
const MAX_TEXT = 512;
// Rows per write of the CSV export: large enough to be cheap, small enough to stream.
const CSV_CHUNK_ROWS = 500;

/** Every hostname the caller may see, indexed, with the notes of the list. */
export type HostnamesSource = () => Omit<ExposureList, 'items'> & {
  index: HostnameIndex;
};

const texts = (value: unknown, name: string): string[] => {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (
    values.length > MAX_VALUES ||
    values.some(v => typeof v !== 'string' || v.length > MAX_TEXT)
  ) {
    throw new InputError(
      `Query parameter "${name}" must be text, at most ${MAX_VALUES} times`,
    );
  }
  return values as string[];
};
const text = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    throw new InputError(
      `Query parameter "${name}" must be given once, as text`,
    );
  }
  return value;
};
const number = (
  value: unknown,
  name: string,
  max: number,
): number | undefined => {
  const raw = text(value, name);
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed > max) {
    throw new InputError(
      `Query parameter "${name}" must be a whole number from 0 to ${max}`,
    );
  }
  return parsed;
};
const oneOf = <T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T | undefined => {
  const raw = text(value, name);
  if (raw !== undefined && !allowed.includes(raw as T)) {
    throw new InputError(
      `Query parameter "${name}" must be one of ${allowed.join(', ')}`,
    );
  }
  return raw as T | undefined;
};
const someOf = <T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T[] => {
  const raws = texts(value, name);
  const wrong = raws.find(raw => !allowed.includes(raw as T));
  if (wrong !== undefined) {
    throw new InputError(
      `Query parameter "${name}" must be one of ${allowed.join(', ')}`,
    );
  }
  return raws as T[];
};

const STATUSES = ['ok', 'pending', 'warning', 'error', 'unknown'] as const;
const TLS = [
  'ready',
  'expiring',
  'expired',
  'issuing',
  'failed',
  'missing',
  'none',
] as const;
const SORTS = [
  'hostname',
  'expiry',
  'status',
  'tenant',
  'cluster',
  'owner',
] as const;

/**
 * The filters and sort of a `GET /hostnames` or `GET /hostnames/export` request; a filter may
 * repeat (`?tenant=a&tenant=b`: either). Anything malformed is refused, saying which.
 */
export function hostnameQueryFromRequest(
  query: express.Request['query'],
): HostnameQuery {
  return {
    tenant: texts(query.tenant, 'tenant'),
    owner: texts(query.owner, 'owner'),
    cluster: texts(query.cluster, 'cluster'),
    status: someOf(query.status, 'status', STATUSES),
    tls: someOf(query.tls, 'tls', TLS),
    source: someOf(query.source, 'source', ['Route', 'Ingress'] as const),
    migration: someOf(query.migration, 'migration', [
      'ingress-only',
      'both',
      'moved',
    ] as const),
    expiringWithinDays: number(
      query.expiringWithinDays,
      'expiringWithinDays',
      3650,
    ),
    search: text(query.search, 'search') || undefined,
    sort: oneOf(query.sort, 'sort', SORTS),
    order: oneOf(query.order, 'order', ['asc', 'desc'] as const),
    offset: number(query.offset, 'offset', 10_000_000),
    limit: number(query.limit, 'limit', MAX_PAGE),
  };
}

/**
 * `GET /hostnames` (a page, the count across pages and the facets) and
 * `GET /hostnames/export` (every matching hostname as CSV, streamed). Both read the same
 * source through the same query, so a page, its facets and the export cover the same
 * hostnames: whatever the caller may list, and nothing else.
 */
export function addHostnamesRoutes(
  router: express.Router,
  options: { hostnames: HostnamesSource; clock: () => Date },
) {
  router.get('/hostnames', (req, res) => {
    const query = hostnameQueryFromRequest(req.query);
    const { index, pendingClusters, unservedKinds } = options.hostnames();
    const answer: HostnamePage = {
      ...index.query(query, options.clock()),
      pendingClusters,
      unservedKinds,
    };
    res.json(answer);
  });

  router.get('/hostnames/export', async (req, res) => {
    const query = hostnameQueryFromRequest(req.query);
    if (query.offset !== undefined || query.limit !== undefined) {
      throw new InputError(
        'The export holds every matching hostname: leave out offset and limit',
      );
    }
    const { index } = options.hostnames();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="hostnames.csv"',
    );
    res.setHeader('Cache-Control', 'no-store');
    await writeCsv(
      res,
      index.all(query, options.clock()),
      () => req.destroyed || res.destroyed,
    );
    res.end();
  });
}

/** Writes the header and the rows in chunks, waiting whenever the client reads slower. */
async function writeCsv(
  res: express.Response,
  rows: Iterable<Exposure>,
  gone: () => boolean,
) {
  let chunk = EXPOSURE_CSV_HEADER;
  let count = 0;
  for (const exposure of rows) {
    chunk += exposureCsvRow(exposure);
    if (++count % CSV_CHUNK_ROWS !== 0) continue;
    if (gone()) return;
    if (!res.write(chunk))
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
    chunk = '';
  }
  if (chunk && !gone()) res.write(chunk);
}
