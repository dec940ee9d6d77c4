import {
  CelEnv,
  CelResult,
  CelScalar,
  celEnv,
  celFunc,
  celMethod,
  isCelError,
  listType,
  objectType,
  parse,
  plan,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import {
  DescMessage,
  create,
  createFileRegistry,
  FileRegistry,
} from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { ReflectMessage, reflect } from '@bufbuild/protobuf/reflect';
import { KubeObject } from '../api/types';
import {
  IpAddress,
  formatIpAddress,
  ipPredicates,
  parseIpAddress,
} from './ipAddress';
import { namedFormats } from './namedFormats';

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

/**
 * The Kubernetes library's own value types. @bufbuild/cel knows only CEL's built-in values and
 * protobuf messages, so each is a one-field message: `net.IP` holds the canonical address text,
 * `kubernetes.NamedFormat` the format's name, `kubernetes.OptionalErrors` what
 * `format.validate()` returns (an optional list of messages).
 */
function message(
  name: string,
  fields: Array<{ name: string; type: 'string' | 'bool'; repeated?: boolean }>,
) {
  return {
    name,
    field: fields.map((f, i) => ({
      name: f.name,
      number: i + 1,
      type:
        f.type === 'string'
          ? FieldDescriptorProto_Type.STRING
          : FieldDescriptorProto_Type.BOOL,
      label: f.repeated
        ? FieldDescriptorProto_Label.REPEATED
        : FieldDescriptorProto_Label.OPTIONAL,
      jsonName: f.name,
    })),
  };
}

function fileRegistry(pkg: string, messages: ReturnType<typeof message>[]) {
  return createFileRegistry(
    create(FileDescriptorProtoSchema, {
      name: `gatehouse/dev-cluster/${pkg}.proto`,
      package: pkg,
      syntax: 'proto3',
      messageType: messages,
    }),
    () => undefined,
  );
}

const kubernetesTypes: FileRegistry = createFileRegistry(
  fileRegistry('net', [message('IP', [{ name: 'address', type: 'string' }])]),
  fileRegistry('kubernetes', [
    message('NamedFormat', [{ name: 'name', type: 'string' }]),
    message('OptionalErrors', [
      { name: 'has_value', type: 'bool' },
      { name: 'value', type: 'string', repeated: true },
    ]),
  ]),
);

function messageDesc(typeName: string): DescMessage {
  return kubernetesTypes.getMessage(typeName)!;
}

const ipDesc = messageDesc('net.IP');
const formatDesc = messageDesc('kubernetes.NamedFormat');
const optionalDesc = messageDesc('kubernetes.OptionalErrors');
const IP = objectType(ipDesc);
const FORMAT = objectType(formatDesc);
const OPTIONAL_ERRORS = objectType(optionalDesc);

function field<T>(value: unknown, name: string): T {
  const m = value as ReflectMessage;
  return m.get(m.desc.field[name]) as T;
}

function ipValue(address: IpAddress): ReflectMessage {
  return reflect(
    ipDesc,
    create(ipDesc, { address: formatIpAddress(address) } as never),
  );
}

const ipOf = (value: unknown) =>
  parseIpAddress(field<string>(value, 'address'));

function optionalErrors(errors: string[] | undefined): ReflectMessage {
  return reflect(
    optionalDesc,
    create(optionalDesc, {
      hasValue: errors !== undefined,
      value: errors ?? [],
    } as never),
  );
}

function ipPredicate(name: keyof typeof ipPredicates) {
  return celMethod(name, IP, [], CelScalar.BOOL, function predicate() {
    return ipPredicates[name](ipOf(this));
  });
}

/** The Kubernetes IP library (k8s.io/apiserver/pkg/cel/library/ip.go). */
const ipLibrary = [
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s: string) => {
    try {
      parseIpAddress(s);
      return true;
    } catch {
      return false;
    }
  }),
  celFunc('ip', [CelScalar.STRING], IP, (s: string) =>
    ipValue(parseIpAddress(s)),
  ),
  celFunc(
    'ip.isCanonical',
    [CelScalar.STRING],
    CelScalar.BOOL,
    (s: string) => formatIpAddress(parseIpAddress(s)) === s,
  ),
  celFunc('string', [IP], CelScalar.STRING, (ip: unknown) =>
    field<string>(ip, 'address'),
  ),
  celMethod('family', IP, [], CelScalar.INT, function family() {
    return BigInt(ipOf(this).family);
  }),
  ipPredicate('isUnspecified'),
  ipPredicate('isLoopback'),
  ipPredicate('isLinkLocalMulticast'),
  ipPredicate('isLinkLocalUnicast'),
  ipPredicate('isGlobalUnicast'),
];

/** The Kubernetes format library (format.go): `format.<name>()`, `format.named()`, `validate()`. */
const formatLibrary = [
  ...Object.keys(namedFormats).map(name =>
    celFunc(`format.${name}`, [], FORMAT, () =>
      reflect(formatDesc, create(formatDesc, { name } as never)),
    ),
  ),
  celMethod(
    'validate',
    FORMAT,
    [CelScalar.STRING],
    OPTIONAL_ERRORS,
    function validate(value: string) {
      const errors = namedFormats[field<string>(this, 'name')](value);
      return optionalErrors(errors.length ? errors : undefined);
    },
  ),
  // The optional a validate() returns: none when the value is valid, else its messages.
  celFunc('optional.none', [], OPTIONAL_ERRORS, () =>
    optionalErrors(undefined),
  ),
  celMethod('hasValue', OPTIONAL_ERRORS, [], CelScalar.BOOL, function has() {
    return field<boolean>(this, 'hasValue');
  }),
  celMethod(
    'value',
    OPTIONAL_ERRORS,
    [],
    listType(CelScalar.STRING),
    function value() {
      if (!field<boolean>(this, 'hasValue'))
        throw new Error('optional.none() dereference');
      return [...field<Iterable<string>>(this, 'value')];
    },
  ),
];

/** The Kubernetes CEL libraries the CRD rules and admission policies use, beyond the CEL standard library. */
const kubernetesFunctions = [
  ...strings,
  ...ipLibrary,
  ...formatLibrary,
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, isURL),
  // CEL's global form of matches(), which the Gateway API's admission policy calls.
  celFunc(
    'matches',
    [CelScalar.STRING, CelScalar.STRING],
    CelScalar.BOOL,
    (s: string, pattern: string) => new RegExp(pattern).test(s),
  ),
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

const env: CelEnv = celEnv({
  funcs: kubernetesFunctions,
  registry: kubernetesTypes,
});

export type CelProgram = (bindings: Record<string, unknown>) => CelResult;

const cache = new Map<string, CelProgram>();

/** Operators the planner evaluates itself; every other call needs a function in the environment. */
const plannerOperators = new Set([
  '_[_]',
  '_[?_]',
  '_?._',
  '_?_:_',
  '_&&_',
  '_||_',
  '@not_strictly_false',
  '__not_strictly_false__',
]);

interface ExprNode {
  exprKind?: { case?: string; value?: any };
}

/** `a.b` for an identifier or a select chain (how `format.dns1123Label()` names its function). */
function qualifiedName(expr: ExprNode | undefined): string | undefined {
  const kind = expr?.exprKind;
  if (kind?.case === 'identExpr') return kind.value.name;
  if (kind?.case === 'selectExpr' && !kind.value.testOnly) {
    const parent = qualifiedName(kind.value.operand);
    return parent && `${parent}.${kind.value.field}`;
  }
  return undefined;
}

/** The functions an expression calls that the environment lacks. */
function unboundFunctions(node: unknown, out: Set<string>): Set<string> {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach(n => unboundFunctions(n, out));
    return out;
  }
  const kind = (node as ExprNode).exprKind;
  if (kind?.case === 'callExpr') {
    const { target, function: name } = kind.value;
    const qualified = target && qualifiedName(target);
    const bound =
      plannerOperators.has(name) ||
      env.funcs.find(name) !== undefined ||
      (qualified !== undefined &&
        env.funcs.find(`${qualified}.${name}`) !== undefined);
    if (!bound) out.add(qualified ? `${qualified}.${name}` : name);
  }
  for (const value of Object.values(node)) unboundFunctions(value, out);
  return out;
}

/**
 * Parses and plans a CEL expression once; throws with the parser's message when invalid, or
 * naming a function the environment lacks (as the apiserver refuses such a rule up front).
 */
export function compileCel(expression: string): CelProgram {
  let program = cache.get(expression);
  if (!program) {
    const parsed = parse(expression);
    const unbound = [...unboundFunctions(parsed.expr, new Set())];
    if (unbound.length) {
      throw new Error(`undeclared reference to ${unbound.join(', ')}`);
    }
    const planned = plan(env, parsed);
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
