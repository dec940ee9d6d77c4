/**
 * The URL a person types to reach a hostname served on a listener.
 */
import { Listener } from './types';

const DEFAULT_PORTS: Record<string, number> = { HTTP: 80, HTTPS: 443 };

/**
 * The URL of a hostname on an HTTP or HTTPS listener (`https://app.example.org`, with the port
 * only when it is not the scheme's default). Undefined for a wildcard hostname, which names no
 * single site, and for other protocols, whose traffic is not necessarily HTTP.
 *
 * @public
 */
export function listenerUrl(
  listener: Pick<Listener, 'protocol' | 'port'>,
  hostname: string,
): string | undefined {
  const protocol = listener.protocol ?? '';
  if (
    !(protocol in DEFAULT_PORTS) ||
    hostname.startsWith('*.') ||
    hostname === ''
  ) {
    return undefined;
  }
  const port =
    listener.port === undefined || listener.port === DEFAULT_PORTS[protocol]
      ? ''
      : `:${listener.port}`;
  return `${protocol.toLowerCase()}://${hostname}${port}/`;
}
