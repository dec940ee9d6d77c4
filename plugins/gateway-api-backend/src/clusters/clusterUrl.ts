import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** What a `catalog` locator allows beyond HTTPS to public addresses (the Kubernetes plugin's keys). */
export interface CatalogClusterUrlOptions {
  /** Hostname patterns (`127.0.0.1`, `*.example.com`) that may use HTTP or non-public addresses. */
  dangerouslyAllowClusterUrls?: string[];
}

const isNonPublic = (ip: string) => {
  try {
    return ipaddr.parse(ip).range() !== 'unicast';
  } catch {
    return true;
  }
};

const isLiteralIp = (host: string) =>
  ipaddr.isValid(host) || ipaddr.IPv6.isValid(host);

function allowed(hostname: string, patterns: string[] = []): boolean {
  return patterns.some(pattern => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.'))
      return hostname.endsWith(p.slice(1)) || hostname === p.slice(2);
    return hostname === p;
  });
}

/**
 * Checks the API server URL of a catalog entity as the Kubernetes plugin's catalog locator does,
 * since whoever can register an entity would otherwise choose where the backend sends a
 * credential: no user info, HTTPS, and a host that is (and resolves to) a public address,
 * unless the host is listed in `dangerouslyAllowClusterUrls`. Throws with the reason.
 */
export async function validateCatalogClusterUrl(
  raw: string,
  options: CatalogClusterUrlOptions = {},
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('the API server URL is not a valid URL');
  }
  if (url.username || url.password) {
    throw new Error('the API server URL must not contain credentials');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('the API server URL must use HTTPS');
  }
  // URL keeps an IPv6 host in brackets.
  const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (allowed(hostname, options.dangerouslyAllowClusterUrls)) return url;
  if (url.protocol !== 'https:') {
    throw new Error('the API server URL must use HTTPS');
  }
  if (isLiteralIp(hostname)) {
    if (isNonPublic(hostname)) {
      throw new Error(
        `the API server URL must not use the non-public address ${hostname} (list it in the locator's dangerouslyAllowClusterUrls to allow it)`,
      );
    }
    return url;
  }
  const addresses = await lookup(hostname, { all: true });
  const nonPublic = addresses.find(a => isNonPublic(a.address));
  if (nonPublic) {
    throw new Error(
      `the API server host ${hostname} resolves to the non-public address ${nonPublic.address} (list it in the locator's dangerouslyAllowClusterUrls to allow it)`,
    );
  }
  return url;
}
