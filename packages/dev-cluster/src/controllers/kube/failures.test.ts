import { Failures } from './failures';

const obj = { kind: 'Gateway', metadata: { name: 'web', namespace: 'infra' } };

describe('Failures', () => {
  it('returns the result when the reconcile succeeds', () => {
    const failures = new Failures();
    expect(failures.guard(obj, 0, () => 42)).toBe(42);
    expect(failures.messages).toEqual([]);
  });

  it('returns the fallback and records the object when it throws', () => {
    const failures = new Failures();
    expect(
      failures.guard(obj, 0, () => {
        throw new TypeError('listeners.map is not a function');
      }),
    ).toBe(0);
    expect(failures.messages).toEqual([
      'Gateway infra/web: listeners.map is not a function',
    ]);
  });
});
