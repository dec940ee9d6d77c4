import { ReferenceGrant } from '../types';
import { isReferencePermitted } from './referenceGrant';

const grant = (
  namespace: string,
  spec: ReferenceGrant['spec'],
): ReferenceGrant => ({
  metadata: { namespace, name: 'g' },
  spec,
});
const from = {
  group: 'gateway.networking.k8s.io',
  kind: 'HTTPRoute',
  namespace: 'apps',
};
const to = { group: '', kind: 'Service', namespace: 'backend', name: 'api' };
const good = grant('backend', {
  from: [
    {
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      namespace: 'apps',
    },
  ],
  to: [{ group: '', kind: 'Service' }],
});

describe('isReferencePermitted', () => {
  it.each<[string, typeof to, ReferenceGrant[], boolean]>([
    ['same namespace needs no grant', { ...to, namespace: 'apps' }, [], true],
    ['no grant', to, [], false],
    ['a matching grant', to, [good], true],
    [
      'a grant naming the Service',
      to,
      [
        grant('backend', {
          ...good.spec,
          to: [{ group: '', kind: 'Service', name: 'api' }],
        }),
      ],
      true,
    ],
    [
      'a grant naming another Service',
      to,
      [
        grant('backend', {
          ...good.spec,
          to: [{ group: '', kind: 'Service', name: 'db' }],
        }),
      ],
      false,
    ],
    ['a grant in the wrong namespace', to, [grant('apps', good.spec)], false],
    [
      'a grant from another namespace',
      to,
      [
        grant('backend', {
          ...good.spec,
          from: [{ ...good.spec!.from![0], namespace: 'other' }],
        }),
      ],
      false,
    ],
    [
      'a grant from another kind',
      to,
      [
        grant('backend', {
          ...good.spec,
          from: [{ ...good.spec!.from![0], kind: 'TLSRoute' }],
        }),
      ],
      false,
    ],
    [
      'a grant to another kind',
      to,
      [grant('backend', { ...good.spec, to: [{ group: '', kind: 'Secret' }] })],
      false,
    ],
    [
      'a grant with missing groups',
      to,
      [
        grant('backend', {
          from: [{ kind: 'HTTPRoute', namespace: 'apps' }],
          to: [{ kind: 'Service' }],
        }),
      ],
      false,
    ],
    ['an empty grant', to, [grant('backend', undefined)], false],
  ])('%s -> %p', (_, target, grants, expected) => {
    expect(isReferencePermitted(from, target, grants)).toBe(expected);
  });
});
