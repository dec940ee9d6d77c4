/**
 * IP addresses as Go's net/netip parses and prints them, which is what the Kubernetes CEL
 * `ip()`/`isIP()` library uses: IPv4 in four decimal fields without leading zeros, IPv6 with at
 * most one `::` and an optional trailing IPv4; zones and IPv4-mapped IPv6 are then refused.
 */
export interface IpAddress {
  family: 4 | 6;
  /** 4 or 16 bytes. */
  bytes: number[];
}

export class IpParseError extends Error {}

function parseIPv4(s: string, input: string): number[] {
  const fields = s.split('.');
  if (fields.length !== 4) {
    throw new IpParseError(
      `ParseAddr("${input}"): IPv4 address too ${
        fields.length < 4 ? 'short' : 'long'
      }`,
    );
  }
  return fields.map(field => {
    if (!/^[0-9]+$/.test(field)) {
      throw new IpParseError(
        `ParseAddr("${input}"): ${
          field === ''
            ? 'IPv4 field must have at least one digit'
            : 'unexpected character'
        }`,
      );
    }
    if (field.length > 1 && field.startsWith('0')) {
      throw new IpParseError(
        `ParseAddr("${input}"): IPv4 field has octet with leading zero`,
      );
    }
    const value = Number(field);
    if (value > 255) {
      throw new IpParseError(
        `ParseAddr("${input}"): IPv4 field has value >255`,
      );
    }
    return value;
  });
}

function parseIPv6(input: string): { bytes: number[]; zone: string } {
  const fail = (msg: string) =>
    new IpParseError(`ParseAddr("${input}"): ${msg}`);
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent >= 0) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    if (!zone) throw fail('zone must be a non-empty string');
  }
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (!s) return { bytes: ip, zone };
  }
  let i = 0;
  while (i < 16) {
    const digits = /^[0-9a-fA-F]*/.exec(s)![0];
    if (digits.length > 4)
      throw fail('each colon-separated field must have at most 4 hex digits');
    if (!digits.length)
      throw fail('each colon-separated field must have at least one digit');
    if (s[digits.length] === '.') {
      if (ellipsis < 0 && i !== 12)
        throw fail(
          'embedded IPv4 address must replace the final 2 fields of the address',
        );
      if (i + 4 > 16)
        throw fail(
          'too many hex fields to fit an embedded IPv4 at the end of the address',
        );
      ip.splice(i, 4, ...parseIPv4(s, input));
      i += 4;
      s = '';
      break;
    }
    const acc = parseInt(digits, 16);
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(digits.length);
    if (!s) break;
    if (s[0] !== ':') throw fail('unexpected character, want colon');
    if (s.length === 1) throw fail('colon must be followed by more characters');
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw fail('multiple :: in address');
      ellipsis = i;
      s = s.slice(1);
      if (!s) break;
    }
  }
  if (s) throw fail('trailing garbage after address');
  if (i < 16) {
    if (ellipsis < 0) throw fail('address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    throw fail('the :: must expand to at least one field of zeros');
  }
  return { bytes: ip, zone };
}

/** Go's netip.ParseAddr. */
function parseAddr(raw: string): {
  family: 4 | 6;
  bytes: number[];
  zone: string;
} {
  let family: 4 | 6 | undefined;
  for (const c of raw) {
    if (c === '.') family = 4;
    else if (c === ':') family = 6;
    else if (c === '%')
      throw new IpParseError(`ParseAddr("${raw}"): missing IPv6 address`);
    if (family) break;
  }
  if (!family)
    throw new IpParseError(`ParseAddr("${raw}"): unable to parse IP`);
  if (family === 4) return { family, bytes: parseIPv4(raw, raw), zone: '' };
  return { family, ...parseIPv6(raw) };
}

/** ParseAddr, then the Kubernetes library's refusal of zones and IPv4-mapped IPv6, with its messages. */
export function parseIpAddress(raw: string): IpAddress {
  let parsed: ReturnType<typeof parseAddr>;
  try {
    parsed = parseAddr(raw);
  } catch (e) {
    throw new IpParseError(
      `IP Address "${raw}" parse error during conversion from string: ${
        (e as Error).message
      }`,
    );
  }
  const { family, bytes, zone } = parsed;
  if (zone)
    throw new IpParseError(
      `IP address "${raw}" with zone value is not allowed`,
    );
  if (
    bytes.slice(0, 10).every(b => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  ) {
    throw new IpParseError(`IPv4-mapped IPv6 address "${raw}" is not allowed`);
  }
  return { family, bytes };
}

function group(ip: IpAddress, i: number): number {
  return (ip.bytes[2 * i] << 8) | ip.bytes[2 * i + 1];
}

/** The canonical text (Go's Addr.String(), RFC 5952 for IPv6). */
export function formatIpAddress(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  // The longest run of two or more zero groups becomes "::" (the first one on a tie).
  let zeroStart = -1;
  let zeroEnd = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && group(ip, j) === 0) j++;
    if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
      zeroStart = i;
      zeroEnd = j;
    }
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === zeroStart) {
      out += '::';
      i = zeroEnd;
      if (i >= 8) break;
    } else if (i > 0) {
      out += ':';
    }
    out += group(ip, i).toString(16);
  }
  return out;
}

const is4 = (ip: IpAddress) => ip.family === 4;

export const ipPredicates = {
  isUnspecified: (ip: IpAddress) => ip.bytes.every(b => b === 0),
  isLoopback: (ip: IpAddress) =>
    is4(ip)
      ? ip.bytes[0] === 127
      : ip.bytes.slice(0, 15).every(b => b === 0) && ip.bytes[15] === 1,
  isMulticast: (ip: IpAddress) =>
    is4(ip) ? (ip.bytes[0] & 0xf0) === 0xe0 : ip.bytes[0] === 0xff,
  isLinkLocalMulticast: (ip: IpAddress) =>
    is4(ip)
      ? ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0
      : (group(ip, 0) & 0xff0f) === 0xff02,
  isLinkLocalUnicast: (ip: IpAddress) =>
    is4(ip)
      ? ip.bytes[0] === 169 && ip.bytes[1] === 254
      : (group(ip, 0) & 0xffc0) === 0xfe80,
  /** Like Go's: private IPv4 and unique-local IPv6 addresses count as global unicast. */
  isGlobalUnicast: (ip: IpAddress): boolean =>
    !(is4(ip) && ip.bytes.every(b => b === 255)) &&
    !ipPredicates.isUnspecified(ip) &&
    !ipPredicates.isLoopback(ip) &&
    !ipPredicates.isMulticast(ip) &&
    !ipPredicates.isLinkLocalUnicast(ip),
};
