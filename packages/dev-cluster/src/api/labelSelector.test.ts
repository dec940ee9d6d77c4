import { matchesLabelSelector } from './labelSelector';

const labels = { team: 'a', 'kubernetes.io/metadata.name': 'team-a' };

describe('matchesLabelSelector', () => {
  it.each([
    [undefined, true],
    [{}, true],
    [{ matchLabels: { team: 'a' } }, true],
    [{ matchLabels: { team: 'b' } }, false],
    [{ matchLabels: { team: 'a', env: 'prod' } }, false],
    [
      {
        matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }],
      },
      true,
    ],
    [
      { matchExpressions: [{ key: 'team', operator: 'In', values: ['b'] }] },
      false,
    ],
    [
      { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['b'] }] },
      true,
    ],
    [
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['b'] }] },
      true,
    ],
    [
      { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
      false,
    ],
    [{ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, false],
    [{ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, true],
    [
      {
        matchLabels: { 'kubernetes.io/metadata.name': 'team-a' },
        matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }],
      },
      false,
    ],
    // An operator the API server does not know selects nothing, whatever the labels.
    [{ matchExpressions: [{ key: 'env', operator: 'Absent' }] }, false],
    [
      { matchExpressions: [{ key: 'team', operator: 'Gt', values: ['1'] }] },
      false,
    ],
  ] as const)('%j -> %s', (selector, expected) => {
    expect(matchesLabelSelector(selector as any, labels)).toBe(expected);
  });
});
