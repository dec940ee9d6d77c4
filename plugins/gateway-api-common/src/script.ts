/**
 * Homograph defence: a label that mixes scripts (Latin `a` next to Cyrillic `а`) is the classic
 * way to make a look-alike of another tenant's hostname. Follows UTS #39 "highly restrictive":
 * one script per label, except the combinations Japanese, Chinese and Korean names need.
 */

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Bengali',
  'Thai',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
].map(name => ({ name, pattern: new RegExp(`^\\p{Script=${name}}$`, 'u') }));

const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

const ALLOWED_COMBINATIONS = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

function scriptOf(char: string): string | undefined {
  if (NEUTRAL.test(char)) return undefined;
  return SCRIPTS.find(script => script.pattern.test(char))?.name ?? 'Other';
}

/**
 * The scripts a label mixes when that mix is not allowed, otherwise undefined.
 *
 * @internal
 */
export function mixedScripts(label: string): string[] | undefined {
  const scripts = new Set<string>();
  for (const char of label) {
    const script = scriptOf(char);
    if (script) scripts.add(script);
  }
  if (scripts.size <= 1) return undefined;
  const found = [...scripts];
  const allowed = ALLOWED_COMBINATIONS.some(combination =>
    found.every(script => combination.includes(script)),
  );
  return allowed ? undefined : found;
}
