/**
 * Hostname rules shared by the guards (backend) and the form fields (frontend).
 */

/**
 * The outcome of normalising a user-supplied hostname.
 *
 * @public
 */
export type HostnameNormalisation =
  | { ok: true; hostname: string }
  | { ok: false; reason: string };

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Normalises a hostname the way the guards compare them: lower case, no trailing dot, IDN labels
 * in punycode (through the WHATWG URL parser, which both Node and browsers implement), and
 * refuses anything that is not an RFC 1123 DNS name: IP literals, empty or overlong labels.
 *
 * @public
 */
export function normaliseHostname(input: string): HostnameNormalisation {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'the hostname is empty' };
  if (trimmed.startsWith('[') || trimmed.includes(':')) {
    return { ok: false, reason: `"${input}" is an IP address, not a DNS name` };
  }
  const wildcard = trimmed.startsWith('*.');
  const rest = (wildcard ? trimmed.slice(2) : trimmed).replace(/\.$/, '');
  let ascii: string;
  try {
    ascii = new URL(`http://${rest}/`).hostname;
  } catch {
    return { ok: false, reason: `"${input}" is not a valid hostname` };
  }
  if (ascii !== rest.toLowerCase() && /[/?#@\\%]/.test(rest)) {
    return { ok: false, reason: `"${input}" is not a valid hostname` };
  }
  if (IPV4.test(ascii) || IPV4.test(rest)) {
    return { ok: false, reason: `"${input}" is an IP address, not a DNS name` };
  }
  const hostname = wildcard ? `*.${ascii}` : ascii;
  if (hostname.length > 253) {
    return { ok: false, reason: `"${input}" is longer than 253 characters` };
  }
  const labels = ascii.split('.');
  if (labels.length < 2) {
    return { ok: false, reason: `"${input}" is not a fully qualified name` };
  }
  const bad = labels.find(label => !LABEL.test(label));
  if (bad !== undefined) {
    return {
      ok: false,
      reason: `"${input}" has an invalid label "${bad}": labels are 1-63 letters, digits or dashes, not starting or ending with a dash`,
    };
  }
  return { ok: true, hostname };
}
