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
import { ApiRouter, QueryParameters } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi';

type HostnameRequestQuery =
  | QueryParameters<typeof spec, '/hostnames', 'get'>
  | QueryParameters<typeof spec, '/hostnames/export', 'get'>;

// Rows per write of the CSV export: large enough to be cheap, small enough to stream.
const CSV_CHUNK_ROWS = 500;

/** Every hostname the caller may see, indexed, with the notes of the list. */
export type HostnamesSource = () => Omit<ExposureList, 'items'> & {
  index: HostnameIndex;
};

/**
 * The filters and sort of a `GET /hostnames` or `GET /hostnames/export` request, which the
 * router has checked against the spec (a filter may repeat: `?tenant=a&tenant=b`, either).
 */
function hostnameQuery(query: HostnameRequestQuery): HostnameQuery {
  return { ...query, search: query.search || undefined };
}

/**
 * `GET /hostnames` (a page, the count across pages and the facets) and
 * `GET /hostnames/export` (every matching hostname as CSV, streamed). Both read the same
 * source through the same query, so a page, its facets and the export cover the same
 * hostnames: whatever the caller may list, and nothing else.
 */
export function addHostnamesRoutes(
  router: ApiRouter<typeof spec>,
  options: { hostnames: HostnamesSource; clock: () => Date },
) {
  router.get('/hostnames', (req, res) => {
    const query = hostnameQuery(req.query);
    const { index, pendingClusters, unservedKinds } = options.hostnames();
    const answer: HostnamePage = {
      ...index.query(query, options.clock()),
      pendingClusters,
      unservedKinds,
    };
    res.json(answer);
  });

  router.get('/hostnames/export', async (req, res) => {
    // The spec has no offset and limit here: the export holds every matching hostname.
    const query = hostnameQuery(req.query);
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
