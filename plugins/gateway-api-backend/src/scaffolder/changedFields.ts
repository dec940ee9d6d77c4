/**
 * The difference between an object as stored and as it would be written, field by field, for a
 * report a platform engineer reads (what a refresh changes).
 */

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const segment = (key: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;

/** Items of a list keyed by name (listeners, rules), or undefined for any other list. */
const byName = (list: unknown): Map<string, unknown> | undefined => {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const entries = list.map(item =>
    isRecord(item) && typeof item.name === 'string' ? item.name : undefined,
  );
  if (
    entries.some(n => n === undefined) ||
    new Set(entries).size !== list.length
  ) {
    return undefined;
  }
  return new Map(list.map(item => [(item as { name: string }).name, item]));
};

/**
 * The fields `after` adds, changes or removes from `before`; a list of named items (a Gateway's
 * listeners) compares item by item, any other list whole.
 */
export function changedFields(
  before: unknown,
  after: unknown,
  path = '',
): string[] {
  const [namedBefore, namedAfter] = [byName(before), byName(after)];
  if (namedBefore && namedAfter) {
    const names = [...new Set([...namedBefore.keys(), ...namedAfter.keys()])];
    return names
      .sort()
      .flatMap(name =>
        changedFields(
          namedBefore.get(name),
          namedAfter.get(name),
          `${path}[name=${JSON.stringify(name)}]`,
        ),
      );
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .sort()
      .flatMap(key =>
        changedFields(before[key], after[key], `${path}${segment(key)}`),
      );
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const name = path.replace(/^\./, '');
  if (before === undefined) return [`${name} added`];
  if (after === undefined) return [`${name} removed`];
  return [`${name} changed`];
}
