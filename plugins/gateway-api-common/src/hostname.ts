/**
 * Hostname normalisation shared by the guards (backend) and the form fields (frontend): every
 * comparison between hostnames happens on this form, so look-alikes cannot slip past a guard.
 */
import { toUnicodeHostname } from './punycode';
import { mixedScripts } from './script';

/**
 * The outcome of normalising a user-supplied hostname.
 *
 * @public
 */
export type HostnameNormalisation =
  | { ok: true; hostname: string }
  | { ok: false; reason: string };

/**
 * Options of {@link normaliseHostname}.
 *
 * @public
 */
export interface NormaliseHostnameOptions {
  /** Accept a leading `*.` wildcard label (only where the tenant allows wildcards). */
  allowWildcard?: boolean;
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// A last label that is a number makes URL parsers and resolvers read the name as IPv4
// (`0x7f.1`, `2130706433`, `017700000001` all mean 127.0.0.1).
const NUMERIC_LABEL = /^(0x[0-9a-f]*|\d+)$/i;
const CONTROL_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;
const ALLOWED_CHARS = /^[\p{L}\p{M}\p{N}.\-*]+$/u;

function refuse(reason: string): HostnameNormalisation {
  return { ok: false, reason };
}

function forbiddenCharacterReason(
  input: string,
  host: string,
): string | undefined {
  if (CONTROL_OR_SPACE.test(host)) {
    return `"${input}" contains whitespace or a control character; type the hostname alone, like app.team-a.example.org.`;
  }
  if (host.includes('_')) {
    return `"${input}" contains an underscore, which hostnames cannot have; use a dash instead.`;
  }
  if (/:\d*$/.test(host)) {
    return `"${input}" includes a port; give the hostname alone, the port is chosen separately.`;
  }
  const special = host.match(/[%/@\\?#:]/);
  if (special) {
    return `"${input}" is not a valid hostname: it contains "${special[0]}", so it looks like a URL or an address; give only the hostname, like app.team-a.example.org.`;
  }
  if (!ALLOWED_CHARS.test(host)) {
    return `"${input}" is not a valid hostname: only letters, digits, dashes and dots are allowed, so remove the other characters.`;
  }
  return undefined;
}

function ipAddressReason(input: string, host: string): string | undefined {
  const labels = host.replace(/:\d*$/, '').split('.');
  // Two colons make an IPv6 address; one colon is a port or a URL scheme, refused later.
  if (
    host.startsWith('[') ||
    (host.match(/:/g) ?? []).length >= 2 ||
    labels.every(label => NUMERIC_LABEL.test(label))
  ) {
    return `"${input}" is an IP address, not a DNS name; use a hostname inside your tenant's domain instead.`;
  }
  if (NUMERIC_LABEL.test(labels[labels.length - 1])) {
    return `"${input}" ends in a number, so browsers read it as an IP address, not a DNS name; use a hostname inside your tenant's domain instead.`;
  }
  return undefined;
}

/** Checks done on the text as typed, before the URL parser maps and encodes it. */
function inputReason(
  input: string,
  host: string,
  options: NormaliseHostnameOptions,
) {
  const rest = host.startsWith('*.') ? host.slice(2) : host;
  if (rest.includes('*')) {
    return `"${input}" has a "*" that is not the whole first label; a wildcard is written only as a leading "*.", like *.team-a.example.org.`;
  }
  if (host.startsWith('*.') && !options.allowWildcard) {
    return `"${input}" is a wildcard, which is not allowed here; name one host, like app.team-a.example.org, or ask the platform team to allow wildcards for the tenant.`;
  }
  if (rest.split('.').some(label => label === '')) {
    return `"${input}" has an empty label (two dots in a row, or a leading dot); remove the extra dot.`;
  }
  return undefined;
}

/** Checks done on the encoded (ASCII) name. */
function encodedReason(input: string, ascii: string, wildcard: boolean) {
  const length = ascii.length + (wildcard ? 2 : 0);
  if (length > 253) {
    return `"${input}" is ${length} characters long once encoded, over the DNS limit of 253; use a shorter name.`;
  }
  const labels = ascii.split('.');
  const bad = labels.find(label => !LABEL.test(label));
  if (bad !== undefined) {
    return `"${input}" has an invalid label "${bad}": labels are 1-63 letters, digits or dashes, not starting or ending with a dash.`;
  }
  if (labels.length < 2) {
    return wildcard
      ? `"${input}" would cover a whole top-level domain; a wildcard needs a domain of two labels or more after "*.", like *.team-a.example.org.`
      : `"${input}" is not a fully qualified name; add the domain, like ${ascii}.team-a.example.org.`;
  }
  // The URL parser already refused malformed Punycode, so every label decodes here.
  for (const label of toUnicodeHostname(ascii).split('.')) {
    const scripts = mixedScripts(label);
    if (scripts) {
      return `"${input}" has a label "${label}" that mixes ${scripts.join(
        ' and ',
      )} letters, a common trick to imitate another name; write each label in one script.`;
    }
  }
  return undefined;
}

/**
 * Normalises a hostname the way the guards compare them: surrounding space removed, lower case,
 * no trailing dot, IDN labels in Punycode (through the WHATWG URL parser, which both Node and
 * browsers implement). Refuses anything that is not a fully qualified RFC 1123 DNS name: IP
 * literals in any notation, labels mixing scripts, empty or overlong labels, names over 253
 * characters, URL punctuation, and a wildcard unless `allowWildcard` is set.
 *
 * @public
 */
export function normaliseHostname(
  input: string,
  options: NormaliseHostnameOptions = {},
): HostnameNormalisation {
  const trimmed = typeof input === 'string' ? input.trim() : '';
  if (trimmed === '') {
    return refuse(
      'The hostname is empty; enter a name like app.team-a.example.org.',
    );
  }
  const host = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  const early =
    ipAddressReason(input, host) ??
    forbiddenCharacterReason(input, trimmed) ??
    inputReason(input, host, options);
  if (early) return refuse(early);

  const wildcard = host.startsWith('*.');
  let ascii: string;
  try {
    ascii = new URL(`http://${wildcard ? host.slice(2) : host}/`).hostname;
  } catch {
    return refuse(
      `"${input}" is not a valid hostname: it cannot be converted to a DNS name; check for unusual characters.`,
    );
  }
  // The URL parser maps some characters (full-width digits and dots), so check its output too.
  const late =
    ipAddressReason(input, ascii) ?? encodedReason(input, ascii, wildcard);
  if (late) return refuse(late);
  return { ok: true, hostname: wildcard ? `*.${ascii}` : ascii };
}

/**
 * Whether a (normalised) hostname is a wildcard (`*.example.org`).
 *
 * @public
 */
export function isWildcardHostname(hostname: string): boolean {
  return hostname.startsWith('*.');
}
