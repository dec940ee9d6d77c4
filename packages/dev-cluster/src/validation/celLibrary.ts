import {
  CelEnv,
  CelResult,
  CelScalar,
  celEnv,
  celFunc,
  celMethod,
  isCelError,
  listType,
  parse,
  plan,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { KubeObject } from '../api/types';

function isURL(value: string): boolean {
  try {
    // Kubernetes' isURL accepts absolute URLs and absolute paths.
    return Boolean(
      new URL(value, value.startsWith('/') ? 'http://localhost' : undefined),
    );
  } catch {
    return false;
  }
}

/** The Kubernetes CEL libraries the CRD rules use, beyond the CEL standard library. */
const kubernetesFunctions = [
  ...strings,
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, isURL),
  celMethod(
    'find',
    CelScalar.STRING,
    [CelScalar.STRING],
    CelScalar.STRING,
    function find(pattern: string) {
      return new RegExp(pattern).exec(this)?.[0] ?? '';
    },
  ),
  celMethod(
    'findAll',
    CelScalar.STRING,
    [CelScalar.STRING],
    listType(CelScalar.STRING),
    function findAll(pattern: string) {
      return [...this.matchAll(new RegExp(pattern, 'g'))].map(m => m[0]);
    },
  ),
];

const env: CelEnv = celEnv({ funcs: kubernetesFunctions });

export type CelProgram = (bindings: Record<string, unknown>) => CelResult;

const cache = new Map<string, CelProgram>();

/** Parses and plans a CEL expression once; throws with the parser's message when invalid. */
export function compileCel(expression: string): CelProgram {
  let program = cache.get(expression);
  if (!program) {
    const planned = plan(env, parse(expression));
    program = bindings => planned(bindings as never);
    cache.set(expression, program);
  }
  return program;
}

/** Converts JSON to CEL input: whole numbers become CEL ints, as the apiserver types them. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') {
    const out: KubeObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

/** Runs a program, mapping CEL errors to a thrown Error. */
export function evaluate(
  program: CelProgram,
  bindings: Record<string, unknown>,
): unknown {
  const result = program(bindings);
  if (isCelError(result)) throw new Error(result.message);
  return result;
}
