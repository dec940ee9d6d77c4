import { JSONSchema, KubeObject } from '../api/types';
import { child, index } from './fieldPath';

function isPlainObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const rootMetaFields = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Prunes unknown fields, drops nulls from non-nullable fields and applies schema defaults,
 * in place, like the apiserver does for structural CRD schemas. Returns the pruned paths
 * so that `fieldValidation=Strict` can reject them.
 */
export function pruneAndDefault(
  object: KubeObject,
  schema: JSONSchema,
): string[] {
  const pruned: string[] = [];
  walk(object, schema, '', pruned, true);
  return pruned;
}

function walk(
  value: unknown,
  schema: JSONSchema | undefined,
  path: string,
  pruned: string[],
  root = false,
): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) {
      value.forEach((item, i) =>
        walk(item, schema.items, index(path, i), pruned),
      );
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const properties: Record<string, JSONSchema> | undefined = schema.properties;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const key of Object.keys(value)) {
    if (root && rootMetaFields.has(key)) continue;
    const propSchema =
      properties?.[key] ?? (isPlainObject(additional) ? additional : undefined);
    if (!propSchema) {
      if (!preserve && additional !== true) {
        delete value[key];
        pruned.push(child(path, key));
      }
      continue;
    }
    if (value[key] === null && !propSchema.nullable) {
      delete value[key];
      continue;
    }
    walk(value[key], propSchema, child(path, key), pruned);
  }
  if (properties) {
    for (const [key, propSchema] of Object.entries(properties)) {
      if (value[key] === undefined && propSchema.default !== undefined) {
        value[key] = structuredClone(propSchema.default);
        walk(value[key], propSchema, child(path, key), pruned);
      }
    }
  }
}
