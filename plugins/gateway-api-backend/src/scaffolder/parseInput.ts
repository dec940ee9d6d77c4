import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';

/**
 * Parses an action's input with its schema. The scaffolder has validated it against the JSON
 * Schema already, but applies no defaults and no refinements; this does both, and turns a
 * refusal into an InputError naming each field.
 */
export function parseInput<T extends zod.ZodTypeAny>(
  schema: (z: typeof zod) => T,
  input: unknown,
): zod.output<T> {
  const result = schema(zod).safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid input: ${result.error.issues
        .map(i => `${i.path.join('.') || 'input'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}
