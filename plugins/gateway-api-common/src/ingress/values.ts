/**
 * Parsing of ingress-nginx annotation values (always strings) into the Gateway API's forms:
 * durations, sizes, CIDRs, comma lists. Each parser returns undefined for a value ingress-nginx
 * would reject, so the caller reports it instead of guessing.
 */

/** `"true"`/`"false"` (any case); undefined otherwise. */
export function parseBoolean(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Whether a value has a control character (CR/LF would split a header). */
export function hasControlCharacter(value: string): boolean {
  return [...value].some(ch => {
    const code = ch.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}

/** A hostname as the Gateway API's PreciseHostname pattern takes it (lower case, no dot run). */
export const PRECISE_HOSTNAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The longest duration the Gateway API's and Envoy Gateway's duration pattern can write. */
export const MAX_DURATION_SECONDS = 99999 * 3600 + 59 * 60 + 59;

/** A Kubernetes object name, optionally as `namespace/name`, split; undefined when malformed. */
export function parseObjectRef(
  value: string,
): { namespace?: string; name: string } | undefined {
  const match = value
    .trim()
    .match(
      /^(?:([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)$/,
    );
  if (!match) return undefined;
  return { ...(match[1] ? { namespace: match[1] } : {}), name: match[3] };
}

/** A non-negative integer written in decimal digits only. */
export function parseCount(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (!v || !/^\d{1,9}$/.test(v)) return undefined;
  return Number(v);
}

/** A comma-separated list, trimmed, without empty items. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '');
}

/**
 * Seconds as a Gateway API / Envoy Gateway duration (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`): the
 * largest units first, so 1728000 seconds is `480h`.
 */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [
    h ? `${h}h` : '',
    m ? `${m}m` : '',
    s || (!h && !m) ? `${s}s` : '',
  ];
  return parts.join('');
}

const SIZE = /^(\d{1,12})([kKmMgG]?)$/;

/**
 * An nginx size (`8m`, `1k`, `1000`) as a Kubernetes quantity (`8Mi`, `1Ki`, `1000`); nginx
 * units are binary. `0` (no limit) gives null.
 */
export function parseSize(
  value: string | undefined,
): string | null | undefined {
  const match = value?.trim().match(SIZE);
  if (!match) return undefined;
  const [, digits, unit] = match;
  if (Number(digits) === 0) return null;
  const suffix = { '': '', k: 'Ki', m: 'Mi', g: 'Gi' }[unit.toLowerCase()];
  return `${Number(digits)}${suffix}`;
}

const IPV4 =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

/**
 * A CIDR or a single address (ingress-nginx accepts both) as a CIDR; undefined when invalid.
 */
export function parseCidr(value: string): string | undefined {
  const [address, bits, extra] = value.trim().split('/');
  if (extra !== undefined || !address) return undefined;
  const v4 = IPV4.test(address);
  const v6 = !v4 && IPV6.test(address) && address.includes(':');
  if (!v4 && !v6) return undefined;
  const max = v4 ? 32 : 128;
  if (bits === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return undefined;
  return `${address}/${Number(bits)}`;
}

/** A redirect URL split into the parts RequestRedirect can set. */
export interface RedirectUrl {
  scheme: 'http' | 'https';
  hostname: string;
  port?: number;
  path: string;
  /** Whether the URL had a query or fragment, which RequestRedirect cannot set. */
  hasQuery: boolean;
}

/** An absolute http(s) URL without nginx variables; undefined otherwise. */
export function parseRedirectUrl(
  value: string | undefined,
): RedirectUrl | undefined {
  const v = value?.trim();
  if (!v || v.includes('$')) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || !PRECISE_HOSTNAME.test(url.hostname)) {
    return undefined;
  }
  return {
    scheme: url.protocol === 'https:' ? 'https' : 'http',
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname || '/',
    hasQuery: url.search !== '' || url.hash !== '',
  };
}
