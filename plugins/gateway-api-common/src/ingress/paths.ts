/**
 * Ingress paths to HTTPRoute path matches, with ingress-nginx's semantics: `Exact` and `Prefix`
 * map one to one; `ImplementationSpecific` is a character prefix (`/foo` also matches
 * `/foobar`), or, where regex is on, a case-insensitive PCRE anchored at the start only.
 */
import { HTTPPathMatch } from './types';

/** How a path became a match, for the report and the differences it raises. */
export type PathTranslation =
  | {
      ok: true;
      match: HTTPPathMatch;
      /** `char-prefix`: an ImplementationSpecific path whose PathPrefix matches less. */
      form: 'exact' | 'prefix' | 'char-prefix' | 'regex';
    }
  | { ok: false; kind: 'invalid-path' | 'pcre-not-re2'; reason: string };

// The HTTPRoute CRD's own rules for Exact and PathPrefix values.
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

/** Why a value cannot be an Exact or PathPrefix match, or undefined when it can. */
export function literalPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'it does not start with "/"';
  if (!PATH_CHARS.test(path)) {
    const bad = [...path].find(ch => !PATH_CHARS.test(`${ch}`) && ch !== '%');
    return `it contains "${
      bad ?? '%'
    }", which a URL path cannot have unencoded`;
  }
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (path.includes(bad)) return `it contains "${bad}"`;
  }
  if (path.endsWith('/..') || path.endsWith('/.')) {
    return 'it ends with a dot segment';
  }
  return undefined;
}

// "." alone is left out: in a path it nearly always means a dot, which a literal match keeps.
const REGEX_META = /[\^$|?*+()[\]{}\\]/;

/** Whether a path uses regular-expression syntax beyond a literal. */
export function isRegexPath(path: string): boolean {
  return REGEX_META.test(path);
}

const PCRE_ONLY: Array<[RegExp, string]> = [
  [/\(\?<?[=!]/, 'lookaround assertions'],
  [/\(\?>/, 'atomic groups'],
  [/\\[1-9]/, 'backreferences'],
  [/\\[gk][{<'\d]/, 'backreferences'],
  [/[*+?}]\+/, 'possessive quantifiers'],
  [/\(\?\(/, 'conditionals'],
  [/\(\?(R|[+-]?\d+)\)/, 'recursion'],
  [/\\[GKZRXhHvV]/, 'PCRE-only escapes'],
];

/** The PCRE feature RE2 lacks that a regex uses, or undefined. */
export function pcreOnlyFeature(regex: string): string | undefined {
  return PCRE_ONLY.find(([pattern]) => pattern.test(regex))?.[1];
}

/**
 * The RE2 form of an nginx location regex: case-insensitive (`~*`), anchored at the start by
 * ingress-nginx, open at the end (Gateway implementations match the whole path).
 */
export function toRe2PathRegex(regex: string): string {
  return `(?i)(?:${regex}).*`;
}

function regexMatch(path: string): PathTranslation {
  const feature = pcreOnlyFeature(path);
  if (feature) {
    return {
      ok: false,
      kind: 'pcre-not-re2',
      reason: `the regular expression uses ${feature}, which RE2 (the Gateway API's dialect) cannot express`,
    };
  }
  try {
    // JavaScript's syntax is close enough to PCRE's to catch unbalanced or malformed patterns.
    RegExp(path);
  } catch {
    return {
      ok: false,
      kind: 'invalid-path',
      reason: 'it is not a valid regular expression',
    };
  }
  return {
    ok: true,
    match: { type: 'RegularExpression', value: toRe2PathRegex(path) },
    form: 'regex',
  };
}

/**
 * The HTTPRoute path match of an Ingress path. `regex` is whether use-regex or rewrite-target
 * is set on the Ingress, which makes ImplementationSpecific paths regular expressions.
 */
export function translatePath(
  rawPath: string | undefined,
  pathType: string | undefined,
  regex: boolean,
): PathTranslation {
  const path = rawPath === undefined || rawPath === '' ? '/' : rawPath;
  if (pathType === 'Exact' || pathType === 'Prefix') {
    const problem = literalPathProblem(path);
    if (problem) return { ok: false, kind: 'invalid-path', reason: problem };
    return pathType === 'Exact'
      ? { ok: true, match: { type: 'Exact', value: path }, form: 'exact' }
      : {
          ok: true,
          match: { type: 'PathPrefix', value: path },
          form: 'prefix',
        };
  }
  if (pathType !== 'ImplementationSpecific' && pathType !== undefined) {
    return {
      ok: false,
      kind: 'invalid-path',
      reason: `pathType "${pathType}" is not Exact, Prefix or ImplementationSpecific`,
    };
  }
  if (regex && isRegexPath(path)) return regexMatch(path);
  const problem = literalPathProblem(path);
  if (problem) return { ok: false, kind: 'invalid-path', reason: problem };
  const segmentSafe = path === '/' || path.endsWith('/');
  return {
    ok: true,
    match: { type: 'PathPrefix', value: path },
    form: segmentSafe ? 'prefix' : 'char-prefix',
  };
}

/**
 * The `path(/|$)(.*)` + `rewrite-target: <prefix>/$2` form of the ingress-nginx rewrite
 * example, which is PathPrefix `path` with ReplacePrefixMatch `<prefix>` (or `/`).
 */
export function captureRewriteAsPrefix(
  path: string,
  target: string,
): { prefix: string; replacement: string } | undefined {
  const pathMatch = path.match(
    /^(\/[^\\^$|?*+()[\]{}]*?)\/?\(\/\|\$\)\(\.\*\)$/,
  );
  const targetMatch = target.match(/^(\/[^$]*?)?\/?\$2$/);
  if (!pathMatch || !targetMatch) return undefined;
  const prefix = pathMatch[1] === '' ? '/' : pathMatch[1];
  if (literalPathProblem(prefix)) return undefined;
  const replacement = targetMatch[1] ? targetMatch[1] : '/';
  if (literalPathProblem(replacement)) return undefined;
  return { prefix, replacement };
}
