import fs from 'node:fs';
import path from 'node:path';
import { defaultCrdDir } from '../paths';
import { compileCel, evaluate, toCel } from './celLibrary';

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
