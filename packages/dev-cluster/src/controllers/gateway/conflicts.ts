import { Listener, Problem } from './listeners';

/** Protocols that can share a port: HTTPS and TLS both route by SNI. */
function protocolFamily(protocol: string): string {
  return protocol === 'HTTPS' ? 'TLS' : protocol;
}

function usesHostname(protocol: string): boolean {
  return ['HTTP', 'HTTPS', 'TLS'].includes(protocol);
}

/**
 * Listeners on the same port conflict when their protocols cannot share it
 * (ProtocolConflict) or when they would match the same hostnames
 * (HostnameConflict). `others` are listeners already placed on the same
 * infrastructure (earlier Gateways of a merged class): they conflict with
 * `listeners` but are not reported here.
 */
export function findConflicts(
  listeners: Listener[],
  others: Listener[] = [],
): Map<string, Problem> {
  const conflicts = new Map<string, Problem>();
  listeners.forEach((listener, index) => {
    const rivals = [
      ...listeners.filter((_, i) => i !== index),
      ...others,
    ].filter(
      other =>
        other.port === listener.port &&
        (other.protocol === 'UDP') === (listener.protocol === 'UDP'),
    );
    if (
      rivals.some(
        r => protocolFamily(r.protocol) !== protocolFamily(listener.protocol),
      )
    ) {
      conflicts.set(listener.name, {
        reason: 'ProtocolConflict',
        message: `Port ${listener.port} is used by listeners with incompatible protocols.`,
      });
    } else if (
      rivals.some(
        r =>
          !usesHostname(listener.protocol) ||
          (r.hostname ?? '') === (listener.hostname ?? ''),
      )
    ) {
      conflicts.set(listener.name, {
        reason: 'HostnameConflict',
        message: `Port ${listener.port} is used by another listener with the same hostname.`,
      });
    }
  });
  return conflicts;
}
