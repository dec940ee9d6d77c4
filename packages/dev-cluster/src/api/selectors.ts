import { KubeObject } from './types';
import { badRequest } from './status';

type Requirement = (labels: Record<string, string>) => boolean;

export type Selector = (object: KubeObject) => boolean;

const keyPattern = /^([a-z0-9A-Z]([-a-z0-9A-Z_./]*[a-z0-9A-Z])?)$/;

/** Splits on commas that are not inside a `(a,b)` value set. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

function checkKey(key: string, selector: string): string {
  if (!keyPattern.test(key)) {
    throw badRequest(
      `unable to parse requirement: invalid label key "${key}" in selector "${selector}"`,
    );
  }
  return key;
}

function parseRequirement(term: string, selector: string): Requirement {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const key = checkKey(m[1], selector);
    const values = new Set(
      m[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    );
    return m[2] === 'in'
      ? labels => key in labels && values.has(labels[key])
      : labels => !(key in labels) || !values.has(labels[key]);
  }
  m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (m) {
    const key = checkKey(m[1], selector);
    const value = m[3];
    return m[2] === '!='
      ? labels => labels[key] !== value
      : labels => key in labels && labels[key] === value;
  }
  m = /^!\s*(\S+)$/.exec(term);
  if (m) {
    const key = checkKey(m[1], selector);
    return labels => !(key in labels);
  }
  return (
    key => (labels: Record<string, string>) =>
      key in labels
  )(checkKey(term, selector));
}

/** Parses a label selector in the apimachinery string syntax (equality and set-based). */
export function parseLabelSelector(text: string | null): Selector | undefined {
  if (!text || !text.trim()) return undefined;
  const requirements = splitTerms(text).map(t => parseRequirement(t, text));
  return object => {
    const labels = object.metadata?.labels ?? {};
    return requirements.every(r => r(labels));
  };
}

const selectableFields: Record<string, (o: KubeObject) => string> = {
  'metadata.name': o => o.metadata.name,
  'metadata.namespace': o => o.metadata.namespace ?? '',
};

/** Parses a field selector; only metadata.name and metadata.namespace are selectable. */
export function parseFieldSelector(text: string | null): Selector | undefined {
  if (!text || !text.trim()) return undefined;
  const checks = splitTerms(text).map(term => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!m)
      throw badRequest(
        `invalid selector: '${text}'; can't understand '${term}'`,
      );
    const field = selectableFields[m[1].trim()];
    if (!field) {
      throw badRequest(`field label not supported: ${m[1].trim()}`);
    }
    const value = m[3].trim();
    return m[2] === '!='
      ? (o: KubeObject) => field(o) !== value
      : (o: KubeObject) => field(o) === value;
  });
  return object => checks.every(c => c(object));
}
