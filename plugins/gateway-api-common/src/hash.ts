/**
 * A small, pure, deterministic hash for name suffixes. Node's `crypto` is not available in the
 * browser, and a suffix only needs to tell names apart, not resist attackers.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a (32 bit) of the UTF-8 bytes of a string.
 *
 * @public
 */
export function fnv1a32(input: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(input)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

/**
 * A 7-character base-36 hash of a string (the largest 32-bit value has 7 base-36 digits, so
 * every hash has the same length).
 *
 * @public
 */
export function shortHash(input: string): string {
  return fnv1a32(input).toString(36).padStart(7, '0');
}
