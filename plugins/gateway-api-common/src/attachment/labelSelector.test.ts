import { matchesLabelSelector } from './labelSelector';

const labels = {
  'kubernetes.io/metadata.name': 'apps',
  team: 'a',
  tier: 'web',
};

describe('matchesLabelSelector', () => {
  it.each([
    ['no selector', undefined, false],
    ['an empty selector', {}, true],
    ['matchLabels equal', { matchLabels: { team: 'a' } }, true],
    ['matchLabels different', { matchLabels: { team: 'b' } }, false],
    ['matchLabels missing', { matchLabels: { env: 'prod' } }, false],
    [
      'In with the value',
      {
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'In',
            values: ['apps', 'tenant-a'],
          },
        ],
      },
      true,
    ],
    [
      'In without the value',
      {
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'In',
            values: ['tenant-a'],
          },
        ],
      },
      false,
    ],
    [
      'In on a missing key',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      false,
    ],
    [
      'NotIn without the value',
      { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['b'] }] },
      true,
    ],
    [
      'NotIn with the value',
      { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
      false,
    ],
    [
      'NotIn on a missing key',
      {
        matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }],
      },
      true,
    ],
    [
      'Exists present',
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      true,
    ],
    [
      'Exists absent',
      { matchExpressions: [{ key: 'env', operator: 'Exists' }] },
      false,
    ],
    [
      'DoesNotExist absent',
      { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
      true,
    ],
    [
      'DoesNotExist present',
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] },
      false,
    ],
    [
      'labels and expressions both true',
      {
        matchLabels: { team: 'a' },
        matchExpressions: [{ key: 'tier', operator: 'Exists' }],
      },
      true,
    ],
    [
      'labels true, expression false',
      {
        matchLabels: { team: 'a' },
        matchExpressions: [{ key: 'env', operator: 'Exists' }],
      },
      false,
    ],
  ])('%s -> %p', (_, selector, expected) => {
    expect(matchesLabelSelector(selector, labels)).toBe(expected);
  });

  it('treats missing labels as none', () => {
    expect(
      matchesLabelSelector({
        matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }],
      }),
    ).toBe(true);
  });
});
