import fs from 'node:fs';
import path from 'node:path';
import { defaultCrdDir } from '../paths';
import { JSONSchema } from '../api/types';
import { loadCrds } from '../api/crdLoader';
import { gatewayApiCrdDir, gatewayApiInstallCases } from '../gatewayApiInstall';
import { compileCel, evaluate, toCel } from './celLibrary';

const crdDir = process.env.GATEHOUSE_CRDS_DIR ?? defaultCrdDir;

/** Every rule and messageExpression in a schema. */
function expressions(schema: unknown, out: string[] = []): string[] {
  if (!schema || typeof schema !== 'object') return out;
  if (Array.isArray(schema)) {
    schema.forEach(s => expressions(s, out));
    return out;
  }
  const s = schema as JSONSchema;
  for (const r of s['x-kubernetes-validations'] ?? []) {
    out.push(r.rule);
    if (r.messageExpression) out.push(r.messageExpression);
  }
  for (const value of Object.values(s)) expressions(value, out);
  return out;
}

function compileErrors(list: string[]): string[] {
  return list.flatMap(expression => {
    try {
      compileCel(expression);
      return [];
    } catch (e) {
      return [`${expression}: ${(e as Error).message}`];
    }
  });
}

const rulesFile = path.join(
  process.env.GATEHOUSE_CRDS_DIR ?? defaultCrdDir,
  'gateway-api/cel-rules.v1.4.1.json',
);

describe('the CEL library', () => {
  it('compiles every Gateway API v1.4.1 rule', () => {
    const rules: Array<{ rule: string }> = JSON.parse(
      fs.readFileSync(rulesFile, 'utf8'),
    );
    const failures = rules.flatMap(({ rule }) => {
      try {
        compileCel(rule);
        return [];
      } catch (e) {
        return [`${rule}: ${(e as Error).message}`];
      }
    });
    expect(rules.length).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  });

  it.each(gatewayApiInstallCases())(
    'compiles every rule of every CRD of Gateway API %s, cert-manager and Envoy Gateway',
    (_name, install) => {
      const { types, objects } = loadCrds([
        path.join(crdDir, 'cert-manager'),
        path.join(crdDir, 'envoy-gateway'),
        gatewayApiCrdDir(install, crdDir),
      ]);
      const all = types.flatMap(t =>
        t.versions.flatMap(v => expressions(v.schema)),
      );
      expect(all.length).toBeGreaterThan(200);
      expect(compileErrors(all)).toEqual([]);
      // The admission policy a release ships beside its CRDs.
      const policyExpressions = objects.flatMap(o =>
        (o.spec?.validations ?? []).map(
          (v: { expression: string }) => v.expression,
        ),
      );
      expect(compileErrors(policyExpressions)).toEqual([]);
    },
  );

  it('provides the Kubernetes string and list helpers the rules use', () => {
    const run = (expression: string, self: unknown) =>
      evaluate(compileCel(expression), { self: toCel(self) });
    expect(run("self.split('/')[0].size() < 253", 'example.com/key')).toBe(
      true,
    );
    expect(
      run('self.all(l1, self.exists_one(l2, l1.name == l2.name))', [
        { name: 'a' },
        { name: 'a' },
      ]),
    ).toBe(false);
    expect(
      run('self.filter(x, x.port > 80).size() == 1', [
        { port: 80 },
        { port: 443 },
      ]),
    ).toBe(true);
    expect(run("duration(self) <= duration('1h')", '30m')).toBe(true);
    expect(
      run("self.lowerAscii() == 'abc' && isURL('https://x.example/a')", 'ABC'),
    ).toBe(true);
    expect(run('self.matches(r"""^[a-z]+$""")', 'abc')).toBe(true);
  });
});

describe("v1.6.1's safe-upgrades policy, evaluated", () => {
  const versionCheck = (channel: string) => {
    const { objects } = loadCrds([
      gatewayApiCrdDir(
        { version: 'v1.6.1', channel: channel as never },
        crdDir,
      ),
    ]);
    const policy = objects.find(o => o.kind === 'ValidatingAdmissionPolicy')!;
    const program = compileCel(policy.spec.validations[1].expression);
    return (bundleVersion: string) =>
      evaluate(program, {
        object: toCel({
          spec: { group: 'gateway.networking.k8s.io' },
          metadata: {
            annotations: {
              'gateway.networking.k8s.io/bundle-version': bundleVersion,
            },
          },
        }),
      });
  };

  it.each([
    ['standard', 'v1.4.1', false],
    ['standard', 'v1.6.1', true],
    ['standard', 'v1.7.0-rc1', true],
    ['experimental', 'v1.4.1', false],
    ['experimental', 'v1.5.0', true],
    ['experimental', 'v0.0.0-dev', true],
  ])('on %s admits a CRD of bundle %s: %s', (channel, version, admitted) => {
    expect(versionCheck(channel)(version)).toBe(admitted);
  });
});
