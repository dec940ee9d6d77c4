import {
  condition,
  sameStatus,
  statusPatch,
  withTransitionTimes,
} from './status';

const NOW = '2026-11-22T18:00:00Z';
const EARLIER = '2026-11-01T00:00:00Z';

describe('withTransitionTimes', () => {
  it('keeps the time of conditions whose status did not change', () => {
    const current = {
      conditions: [
        {
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          message: 'old',
          lastTransitionTime: EARLIER,
        },
        {
          type: 'Programmed',
          status: 'False',
          reason: 'Pending',
          message: '',
          lastTransitionTime: EARLIER,
        },
      ],
    };
    const desired = {
      conditions: [
        condition('Accepted', true, 'Accepted', 'new message'),
        condition('Programmed', true, 'Programmed', ''),
        condition('ResolvedRefs', true, 'ResolvedRefs', ''),
      ],
    };
    const result = withTransitionTimes(desired, current, NOW);
    expect(result.conditions.map(c => c.lastTransitionTime)).toEqual([
      EARLIER,
      NOW,
      NOW,
    ]);
    expect(result.conditions[0].message).toBe('new message');
  });

  it('matches listeners by name and route parents by parentRef and controller', () => {
    const old = (status: string) => ({
      conditions: [
        {
          type: 'Accepted',
          status,
          reason: 'x',
          message: '',
          lastTransitionTime: EARLIER,
        },
      ],
    });
    const current = {
      listeners: [
        { name: 'b', ...old('True') },
        { name: 'a', ...old('False') },
      ],
      parents: [
        { parentRef: { name: 'g2' }, controllerName: 'c', ...old('True') },
        { parentRef: { name: 'g1' }, controllerName: 'c', ...old('True') },
      ],
    };
    const accepted = { conditions: [condition('Accepted', true, 'x', '')] };
    const result: any = withTransitionTimes(
      {
        listeners: [
          { name: 'a', ...accepted },
          { name: 'b', ...accepted },
        ],
        parents: [
          { parentRef: { name: 'g1' }, controllerName: 'c', ...accepted },
        ],
      },
      current,
      NOW,
    );
    expect(
      result.listeners.map((l: any) => l.conditions[0].lastTransitionTime),
    ).toEqual([NOW, EARLIER]);
    expect(result.parents[0].conditions[0].lastTransitionTime).toBe(EARLIER);
  });
});

describe('sameStatus', () => {
  const a = {
    conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: EARLIER },
    ],
    revision: 1,
  };

  it('ignores lastTransitionTime and key order', () => {
    expect(
      sameStatus(a, {
        revision: 1,
        conditions: [
          { lastTransitionTime: NOW, status: 'True', type: 'Ready' },
        ],
      }),
    ).toBe(true);
  });

  it('sees any other difference', () => {
    expect(sameStatus(a, { ...a, revision: 2 })).toBe(false);
    expect(
      sameStatus(a, {
        conditions: [{ type: 'Ready', status: 'False' }],
        revision: 1,
      }),
    ).toBe(false);
    expect(sameStatus(undefined, a)).toBe(false);
  });
});

describe('statusPatch', () => {
  it('nulls keys that are no longer desired', () => {
    expect(
      statusPatch({ addresses: [], conditions: [] }, { conditions: [1] }),
    ).toEqual({
      addresses: null,
      conditions: [1],
    });
  });

  it('nulls keys of nested objects and replaces arrays whole', () => {
    expect(
      statusPatch(
        { loadBalancer: { ingress: [{ ip: '192.0.2.80' }] }, keep: [1, 2] },
        { loadBalancer: {}, keep: [2] },
      ),
    ).toEqual({ loadBalancer: { ingress: null }, keep: [2] });
  });
});
