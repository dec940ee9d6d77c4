/**
 * Deterministic object names. The same parts always give the same name, so a retried write
 * finds its earlier object; different parts never share a name, so two services never overwrite
 * each other's objects.
 */
import { shortHash } from './hash';

/**
 * The kind of name to build.
 *
 * @public
 */
export type NameFormat =
  /** A DNS-1123 label: Namespaces, Services, and anything used as a label value. */
  | 'label'
  /** A DNS-1123 subdomain: most objects (Gateway, HTTPRoute, Certificate, Secret). */
  | 'subdomain'
  /** A Backstage entity name: `[a-zA-Z0-9-_.]`, starting and ending alphanumeric. */
  | 'entity';

const LIMITS: Record<NameFormat, number> = {
  label: 63,
  subdomain: 253,
  entity: 63,
};
const SEPARATOR = '-';
const HASH_LENGTH = 7;

function sanitisePart(part: string, format: NameFormat): string {
  let name = part.replace(/\*/g, 'wildcard');
  if (format !== 'entity') name = name.toLowerCase();
  if (format === 'label') name = name.replace(/\./g, '-');
  const invalid = format === 'entity' ? /[^a-zA-Z0-9._-]+/g : /[^a-z0-9.-]+/g;
  name = name.replace(invalid, '-');
  // Separators must not touch or repeat: `a.-b` is not a valid subdomain.
  name = name.replace(/[-._]*\.[-._]*/g, '.').replace(/-{2,}/g, '-');
  return name.replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '');
}

function trimEnd(name: string): string {
  return name.replace(/[^a-zA-Z0-9]+$/, '');
}

function isValid(name: string, format: NameFormat): boolean {
  if (name.length === 0 || name.length > LIMITS[format]) return false;
  if (format === 'entity')
    return /^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$/.test(name);
  if (format === 'label') return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name);
  // Kubernetes checks a subdomain's characters and total length, not each label's length.
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(
    name,
  );
}

/**
 * Builds a valid, deterministic, collision-safe name from parts (for example tenant, service
 * and hostname). A single part that is already a valid name is used as it is. Otherwise the
 * parts are sanitised (lower case except for entity names, `*` to `wildcard`, dots to dashes
 * for labels, other invalid characters to dashes), joined with dashes, shortened if needed, and
 * suffixed with a 7-character hash of the exact parts, so parts that sanitise or truncate to
 * the same text still get different names.
 *
 * @public
 */
export function objectName(parts: string[], format: NameFormat): string {
  if (parts.length === 1 && isValid(parts[0], format)) return parts[0];
  const readable = parts
    .map(part => sanitisePart(part, format))
    .filter(part => part !== '')
    .join(SEPARATOR);
  // A NUL byte cannot occur in a part, so the parts' boundaries are part of the hash.
  const suffix = shortHash(parts.join('\u0000'));
  const room = LIMITS[format] - HASH_LENGTH - SEPARATOR.length;
  const prefix = trimEnd(readable.slice(0, room));
  // Nothing readable survived (say, only punctuation): the hash alone, led by a letter.
  return prefix === '' ? `x${suffix}` : `${prefix}${SEPARATOR}${suffix}`;
}

/**
 * A DNS-1123 label (at most 63 characters) from parts; see {@link objectName}.
 *
 * @public
 */
export function dnsLabelName(...parts: string[]): string {
  return objectName(parts, 'label');
}

/**
 * A DNS-1123 subdomain (at most 253 characters) from parts; see {@link objectName}.
 *
 * @public
 */
export function dnsSubdomainName(...parts: string[]): string {
  return objectName(parts, 'subdomain');
}

/**
 * A Backstage entity name (at most 63 characters) from parts, for example a hostname of up to
 * 253 characters; see {@link objectName}.
 *
 * @public
 */
export function entityName(...parts: string[]): string {
  return objectName(parts, 'entity');
}

/**
 * The ref of the catalog Resource the entity provider emits for a tenant, a Gateway or a
 * hostname of a cluster: each cluster's entities live in a catalog namespace named after it,
 * so the same names in two clusters never collide.
 *
 * @public
 */
export function gatewayApiResourceRef(cluster: string, name: string): string {
  return `resource:${dnsLabelName(cluster)}/${entityName(name)}`;
}
