import { isReferenceAllowed } from './referenceGrants';

const grant = {
  metadata: { name: 'allow-routes', namespace: 'backends' },
  spec: {
    from: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        namespace: 'apps',
      },
    ],
    to: [{ group: '', kind: 'Service', name: 'api' }],
  },
};
const from = {
  group: 'gateway.networking.k8s.io',
  kind: 'HTTPRoute',
  namespace: 'apps',
};
const to = { group: '', kind: 'Service', namespace: 'backends', name: 'api' };

describe('isReferenceAllowed', () => {
  it('allows same-namespace references without a grant', () => {
    expect(isReferenceAllowed([], from, { ...to, namespace: 'apps' })).toBe(
      true,
    );
  });

  it('allows a granted cross-namespace reference', () => {
    expect(isReferenceAllowed([grant], from, to)).toBe(true);
  });

  it('refuses a cross-namespace reference without a grant', () => {
    expect(isReferenceAllowed([], from, to)).toBe(false);
  });

  it.each([
    ['another kind', { ...from, kind: 'GRPCRoute' }, to],
    ['another namespace', { ...from, namespace: 'other' }, to],
    ['another name', from, { ...to, name: 'web' }],
    ['a grant in the wrong namespace', from, { ...to, namespace: 'elsewhere' }],
  ])('refuses %s', (_, f, t) => {
    expect(isReferenceAllowed([grant], f, t)).toBe(false);
  });

  it('allows any name when the grant names none', () => {
    const anyService = {
      ...grant,
      spec: { ...grant.spec, to: [{ group: '', kind: 'Service' }] },
    };
    expect(isReferenceAllowed([anyService], from, { ...to, name: 'web' })).toBe(
      true,
    );
  });
});
