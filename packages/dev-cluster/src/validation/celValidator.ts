import { JSONSchema, KubeObject } from '../api/types';
import { FieldError, printValue } from '../api/status';
import { CelProgram, compileCel, evaluate } from './celLibrary';
import { child, index } from './fieldPath';

interface Rule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

interface CompiledRule extends Rule {
  program: CelProgram;
  messageProgram?: CelProgram;
  transition: boolean;
}

/** Schema nodes with rules at or below them; subtrees without rules are skipped. */
const hasRules = new WeakMap<JSONSchema, boolean>();
const compiledRules = new WeakMap<JSONSchema, CompiledRule[]>();

function subSchemas(schema: JSONSchema): JSONSchema[] {
  const out: JSONSchema[] = [];
  if (schema.properties)
    out.push(...Object.values(schema.properties as JSONSchema));
  if (schema.items && typeof schema.items === 'object') out.push(schema.items);
  if (
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    out.push(schema.additionalProperties);
  }
  return out;
}

/** Compiles every x-kubernetes-validations rule in a schema; throws on a rule that does not parse. */
export function compileCelRules(schema: JSONSchema): boolean {
  const known = hasRules.get(schema);
  if (known !== undefined) return known;
  const rules: Rule[] = schema['x-kubernetes-validations'] ?? [];
  const compiled = rules.map(r => ({
    ...r,
    program: compileCel(r.rule),
    messageProgram: r.messageExpression
      ? compileCel(r.messageExpression)
      : undefined,
    transition: /\boldSelf\b/.test(r.rule),
  }));
  if (compiled.length) compiledRules.set(schema, compiled);
  let any = compiled.length > 0;
  for (const sub of subSchemas(schema)) any = compileCelRules(sub) || any;
  hasRules.set(schema, any);
  return any;
}

function failure(
  rule: CompiledRule,
  path: string,
  schema: JSONSchema,
  message: string,
): FieldError {
  // Root-level failures print as <nil>, like apimachinery's empty field path.
  const field =
    (rule.fieldPath ? path + rule.fieldPath : path).replace(/^\./, '') ||
    '<nil>';
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return { reason: rule.reason, field, detail: `Forbidden: ${message}` };
    case 'FieldValueRequired':
      return {
        reason: rule.reason,
        field,
        detail: `Required value: ${message}`,
      };
    case 'FieldValueDuplicate':
      return {
        reason: rule.reason,
        field,
        detail: `Duplicate value: ${message}`,
      };
    default:
      return {
        reason: 'FieldValueInvalid',
        field,
        detail: `Invalid value: ${printValue(
          schema.type ?? 'object',
        )}: ${message}`,
      };
  }
}

function messageFor(
  rule: CompiledRule,
  bindings: Record<string, unknown>,
): string {
  if (rule.messageProgram) {
    try {
      const msg = evaluate(rule.messageProgram, bindings);
      if (typeof msg === 'string' && msg.trim()) return msg;
    } catch {
      // Falls back to the static message, as the apiserver does.
    }
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}

function runRules(
  schema: JSONSchema,
  self: unknown,
  oldSelf: unknown,
  path: string,
  errors: FieldError[],
): void {
  for (const rule of compiledRules.get(schema) ?? []) {
    if (rule.transition && oldSelf === undefined && !rule.optionalOldSelf)
      continue;
    const bindings: Record<string, unknown> = { self };
    if (rule.transition) bindings.oldSelf = oldSelf ?? null;
    try {
      if (evaluate(rule.program, bindings) !== true) {
        errors.push(failure(rule, path, schema, messageFor(rule, bindings)));
      }
    } catch (e) {
      errors.push(
        failure(rule, path, schema, `${rule.rule}: ${(e as Error).message}`),
      );
    }
  }
}

function mapListKey(item: KubeObject, keys: string[]): string {
  return JSON.stringify(keys.map(k => item?.[k]));
}

/** Correlates old list items by their map keys, so transition rules see the right oldSelf. */
function oldItems(
  schema: JSONSchema,
  oldList: unknown,
): Map<string, unknown> | undefined {
  if (schema['x-kubernetes-list-type'] !== 'map' || !Array.isArray(oldList))
    return undefined;
  const keys: string[] = schema['x-kubernetes-list-map-keys'] ?? [];
  return new Map(oldList.map(item => [mapListKey(item, keys), item]));
}

function walk(
  schema: JSONSchema,
  self: unknown,
  oldSelf: unknown,
  path: string,
  errors: FieldError[],
): void {
  if (!hasRules.get(schema) || self === undefined || self === null) return;
  runRules(schema, self, oldSelf, path, errors);
  if (Array.isArray(self)) {
    if (!schema.items) return;
    const olds = oldItems(schema, oldSelf);
    const keys: string[] = schema['x-kubernetes-list-map-keys'] ?? [];
    self.forEach((item, i) =>
      walk(
        schema.items,
        item,
        olds?.get(mapListKey(item, keys)),
        index(path, i),
        errors,
      ),
    );
    return;
  }
  if (typeof self !== 'object') return;
  const obj = self as KubeObject;
  const old =
    oldSelf && typeof oldSelf === 'object'
      ? (oldSelf as KubeObject)
      : undefined;
  for (const [key, value] of Object.entries(obj)) {
    const sub =
      schema.properties?.[key] ??
      (typeof schema.additionalProperties === 'object'
        ? schema.additionalProperties
        : undefined);
    if (sub) walk(sub, value, old?.[key], child(path, key), errors);
  }
}

/** Evaluates the schema's CEL rules; `object`/`old` must already be converted with toCel. */
export function celErrors(
  schema: JSONSchema,
  object: unknown,
  old: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  walk(schema, object, old, '', errors);
  return errors;
}
