import {
  Exposure,
  EXPOSURE_CSV_HEADER,
  exposureCsvRow,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * The exposures as CSV, one row per hostname, with a header row and CRLF line ends: the same
 * rule as the backend's `GET /hostnames/export` (common's).
 */
export function exposuresCsv(exposures: Exposure[]): string {
  return EXPOSURE_CSV_HEADER + exposures.map(exposureCsvRow).join('');
}
