import { ValidateFunction } from 'ajv';
import { KubeObject, ResourceType, ServedVersion } from '../api/types';
import { FieldError } from '../api/status';
import { compileSchema, openapiErrors } from './openapiValidator';
import { compileCelRules, celErrors } from './celValidator';
import { toCel } from './celLibrary';
import { pruneAndDefault } from './structural';
import { metadataErrors } from './metadataValidation';
import { builtinErrors } from './builtinValidation';
import { listTypeErrors } from './listTypes';

interface CompiledVersion {
  validate?: ValidateFunction;
  hasCel: boolean;
}

export interface ValidationResult {
  errors: FieldError[];
  /** Unknown fields that pruning removed (reported under fieldValidation=Strict). */
  pruned: string[];
}

/** Validates writes to one resource type; schemas and CEL rules are compiled once, up front. */
export class TypeValidator {
  private readonly versions = new Map<string, CompiledVersion>();

  constructor(readonly type: ResourceType) {
    for (const version of type.versions) {
      const schema = version.schema;
      this.versions.set(version.name, {
        validate: schema ? compileSchema(schema) : undefined,
        hasCel: schema ? compileCelRules(schema) : false,
      });
    }
  }

  /** Prunes and defaults `object` in place, then validates it against `old` (for updates). */
  validate(
    version: ServedVersion,
    object: KubeObject,
    old?: KubeObject,
  ): ValidationResult {
    const compiled = this.versions.get(version.name)!;
    const pruned = version.schema
      ? pruneAndDefault(object, version.schema)
      : [];
    const errors = [
      ...metadataErrors(this.type, object),
      ...builtinErrors(this.type.kind, object, old),
    ];
    if (compiled.validate)
      errors.push(...openapiErrors(compiled.validate, object));
    if (version.schema) errors.push(...listTypeErrors(version.schema, object));
    if (compiled.hasCel && version.schema) {
      errors.push(
        ...celErrors(
          version.schema,
          toCel(object),
          old ? toCel(old) : undefined,
        ),
      );
    }
    return { errors, pruned };
  }
}
