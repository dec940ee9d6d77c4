/** Largest pool the controller expands, to keep a typo from eating memory. */
const MAX_POOL_SIZE = 65_536;

/**
 * Expands pool entries (`192.0.2.10-192.0.2.250` ranges or single IPv4
 * addresses) into the list of addresses, in order.
 */
export function expandAddressPool(entries: string[]): string[] {
  const addresses: string[] = [];
  for (const entry of entries) {
    const [first, last = first] = entry.split('-').map(part => part.trim());
    const start = ipv4ToNumber(first);
    const end = ipv4ToNumber(last);
    if (start === undefined || end === undefined) {
      throw new Error(`Invalid address pool entry "${entry}"`);
    }
    for (let n = start; n <= end && addresses.length < MAX_POOL_SIZE; n++) {
      addresses.push(numberToIpv4(n));
    }
  }
  return addresses;
}

export interface AddressRequest {
  /** The infrastructure (one LoadBalancer Service) that needs an address. */
  key: string;
  /** The address it already has, kept when it is still in the pool. */
  current?: string;
}

/**
 * Gives each infrastructure an address from the pool, keeping the ones
 * already assigned; requests are served in order, so the pool running out
 * affects the newest ones. Returns undefined for those left without.
 */
export function assignAddresses(
  requests: AddressRequest[],
  pool: string[],
): Map<string, string | undefined> {
  const assigned = new Map<string, string | undefined>();
  const taken = new Set<string>();
  for (const { key, current } of requests) {
    if (
      current &&
      pool.includes(current) &&
      !taken.has(current) &&
      !assigned.get(key)
    ) {
      assigned.set(key, current);
      taken.add(current);
    }
  }
  const free = pool.filter(address => !taken.has(address));
  for (const { key } of requests) {
    if (!assigned.get(key)) assigned.set(key, free.shift());
  }
  return assigned;
}

function ipv4ToNumber(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0]
    .map(shift => Math.floor(value / 2 ** shift) % 256)
    .join('.');
}
