import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { JSONSchema, KubeObject } from '../api/types';
import {
  FieldError,
  fieldInvalid,
  fieldRequired,
  printValue,
} from '../api/status';
import { child, fromPointer } from './fieldPath';

function createAjv(): Ajv {
  // strict: false lets the x-kubernetes-* extensions through; unknown formats are not checked,
  // like the apiserver, which ignores formats it does not know.
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    schemaType: 'boolean',
    validate: (enabled: boolean, data: unknown) =>
      !enabled || typeof data === 'string' || Number.isInteger(data),
    errors: false,
  });
  return ajv;
}

const ajv = createAjv();

/** Compiles a CRD version's schema; metadata is validated by the server, not the schema. */
export function compileSchema(schema: JSONSchema): ValidateFunction {
  const copy = { ...schema, properties: { ...(schema.properties ?? {}) } };
  if (copy.properties.metadata) copy.properties.metadata = { type: 'object' };
  return ajv.compile(copy);
}

function valueAt(data: unknown, pointer: string): unknown {
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node =
      node && typeof node === 'object' ? (node as KubeObject)[key] : undefined;
  }
  return node;
}

/** Maps an ajv error to the field error the apiserver's OpenAPI validator reports. */
function toFieldError(error: ErrorObject, data: KubeObject): FieldError {
  const field = fromPointer(error.instancePath, data);
  const value = valueAt(data, error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return fieldRequired(child(field, String(p.missingProperty)));
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(v =>
        JSON.stringify(v),
      );
      return {
        reason: 'FieldValueNotSupported',
        field,
        detail: `Unsupported value: ${printValue(
          value,
        )}: supported values: ${allowed.join(', ')}`,
      };
    }
    case 'type':
      return {
        reason: 'FieldValueTypeInvalid',
        field,
        detail: `Invalid value: ${printValue(
          value,
        )}: ${field} in body must be of type ${p.type}: ${JSON.stringify(
          typeof value === 'object' ? 'object' : String(value),
        )}`,
      };
    case 'pattern':
      return fieldInvalid(
        field,
        value,
        `${field} in body should match '${p.pattern}'`,
      );
    case 'format':
      return fieldInvalid(
        field,
        value,
        `${field} in body must be of type ${p.format}: ${JSON.stringify(
          value,
        )}`,
      );
    case 'maxLength':
      return {
        reason: 'FieldValueTooLong',
        field,
        detail: `Too long: may not be more than ${p.limit} bytes`,
      };
    case 'minLength':
      return fieldInvalid(
        field,
        value,
        `${field} in body should be at least ${p.limit} chars long`,
      );
    case 'maxItems':
      return {
        reason: 'FieldValueTooMany',
        field,
        detail: `Too many: ${(value as unknown[]).length}: must have at most ${
          p.limit
        } items`,
      };
    case 'minItems':
      return fieldInvalid(
        field,
        value,
        `${field} in body should have at least ${p.limit} items`,
      );
    case 'maxProperties':
      return {
        reason: 'FieldValueTooMany',
        field,
        detail: `Too many: ${
          Object.keys(value as object).length
        }: must have at most ${p.limit} items`,
      };
    case 'minimum':
      return fieldInvalid(
        field,
        value,
        `${field} in body should be greater than or equal to ${p.limit}`,
      );
    case 'maximum':
      return fieldInvalid(
        field,
        value,
        `${field} in body should be less than or equal to ${p.limit}`,
      );
    case 'x-kubernetes-int-or-string':
      return fieldInvalid(
        field,
        value,
        `${field} in body must be of type int-or-string`,
      );
    default:
      return fieldInvalid(field, value, `${field} in body ${error.message}`);
  }
}

export function openapiErrors(
  validate: ValidateFunction,
  data: KubeObject,
): FieldError[] {
  if (validate(data)) return [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const error of validate.errors ?? []) {
    // anyOf/oneOf summaries repeat what their branches already said.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const fe = toFieldError(error, data);
    const key = `${fe.field}\u0000${fe.detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(fe);
    }
  }
  return errors;
}
