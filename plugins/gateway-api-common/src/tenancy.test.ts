import {
  checkAttachedNamespaces,
  checkHostnameForTenant,
  checkHostnameNotServedElsewhere,
  checkTenantDomains,
  domainsOverlap,
  findHostnameOwner,
  servedHostnameHolds,
  tenantAncestors,
  TenantDomains,
  tenantNamespace,
} from './tenancy';

const tenants: TenantDomains[] = [
  { name: 'root', domains: ['example.org'] },
  {
    name: 'team-a',
    domains: ['team-a.example.org'],
    parent: 'root',
    allowWildcards: true,
  },
  { name: 'team-a-dev', domains: ['dev.team-a.example.org'], parent: 'team-a' },
  { name: 'team-b', domains: ['Team-B.example.org.'], parent: 'root' },
  { name: 'other', domains: ['other.net'], namespace: 'custom-ns' },
];

describe('tenantNamespace', () => {
  it.each([
    [{ name: 'team-a' }, 'tenant-team-a'],
    [{ name: 'other', namespace: 'custom-ns' }, 'custom-ns'],
  ])('%p -> %p', (tenant, expected) => {
    expect(tenantNamespace(tenant)).toBe(expected);
  });
});

describe('domainsOverlap', () => {
  it.each([
    ['team-a.example.org', 'team-a.example.org', true],
    ['team-a.example.org', 'example.org', true],
    ['example.org', 'dev.team-a.example.org', true],
    ['team-a.example.org', 'team-b.example.org', false],
    ['team-a.example.org', 'evil-team-a.example.org', false],
  ])('%p and %p -> %p', (a, b, expected) => {
    expect(domainsOverlap(a, b)).toBe(expected);
  });
});

describe('checkTenantDomains', () => {
  it.each(tenants.map(t => [t.name, t] as const))(
    'accepts the fixture tenant %p',
    (_, tenant) => {
      expect(checkTenantDomains(tenant, tenants).ok).toBe(true);
    },
  );

  it('returns the normalised domains', () => {
    expect(checkTenantDomains(tenants[3], tenants)).toEqual({
      ok: true,
      domains: ['team-b.example.org'],
    });
  });

  it.each<[string, TenantDomains, RegExp]>([
    [
      'an invalid domain',
      { name: 'x', domains: ['10.0.0.1'] },
      /Domain of tenant "x": .*IP address/,
    ],
    ['no domain', { name: 'x', domains: [] }, /has no domain/],
    [
      'a missing parent',
      { name: 'x', domains: ['x.example.org'], parent: 'nope' },
      /parent tenant "nope", which does not exist/,
    ],
    [
      'a domain outside the parent',
      { name: 'x', domains: ['x.example.net'], parent: 'team-a' },
      /not inside a domain of its parent tenant "team-a"/,
    ],
    [
      'the parent domain itself',
      { name: 'x', domains: ['team-a.example.org'], parent: 'team-a' },
      /not inside a domain of its parent/,
    ],
    [
      'a look-alike of the parent domain',
      { name: 'x', domains: ['evil-team-a.example.org'], parent: 'team-a' },
      /not inside a domain of its parent/,
    ],
    [
      'a domain claimed by another tenant',
      { name: 'x', domains: ['other.net'] },
      /already claimed by tenant "other"/,
    ],
    [
      "a domain containing another tenant's",
      { name: 'x', domains: ['sub.other.net'] },
      /overlaps domain "other.net" of tenant "other"/,
    ],
    [
      "a grandchild's domain outside its parent's, inside its grandparent's",
      { name: 'x', domains: ['x.team-a.example.org'], parent: 'team-a-dev' },
      /not inside a domain of its parent tenant "team-a-dev"/,
    ],
    [
      "a grandchild's sibling in the grandchild's domain",
      { name: 'x', domains: ['x.dev.team-a.example.org'], parent: 'team-a' },
      /overlaps domain "dev.team-a.example.org" of tenant "team-a-dev", which is neither its parent nor its child/,
    ],
    [
      "a sibling's subdomain",
      { name: 'x', domains: ['app.team-b.example.org'], parent: 'team-a' },
      /not inside a domain of its parent/,
    ],
    [
      "a sibling's subdomain under the common parent",
      { name: 'x', domains: ['app.team-b.example.org'], parent: 'root' },
      /overlaps domain "team-b.example.org" of tenant "team-b"/,
    ],
    [
      'a second domain claimed by another tenant',
      { name: 'x', domains: ['x.net', 'team-a.example.org'] },
      /"team-a.example.org" is already claimed by tenant "team-a"/,
    ],
  ])('refuses %s', (_, tenant, reason) => {
    const result = checkTenantDomains(tenant, tenants);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('accepts a great-grandchild inside its parent, its domains inside every ancestor', () => {
    expect(
      checkTenantDomains(
        {
          name: 'x',
          domains: ['x.dev.team-a.example.org'],
          parent: 'team-a-dev',
        },
        tenants,
      ),
    ).toEqual({ ok: true, domains: ['x.dev.team-a.example.org'] });
  });

  it('refuses a new top-level tenant whose domain contains existing tenants', () => {
    const result = checkTenantDomains({ name: 'x', domains: ['corp.org'] }, [
      { name: 'y', domains: ['a.corp.org'] },
    ]);
    expect(!result.ok && result.reason).toMatch(
      /overlaps domain "a.corp.org" of tenant "y"/,
    );
  });

  it('survives a parent cycle', () => {
    const cyclic: TenantDomains[] = [
      { name: 'a', domains: ['a.example.org'], parent: 'b' },
      { name: 'b', domains: ['x.a.example.org'], parent: 'a' },
    ];
    expect(checkTenantDomains(cyclic[1], cyclic).ok).toBe(true);
  });
});

describe('tenantAncestors', () => {
  const cyclic: TenantDomains[] = [
    { name: 'a', domains: ['a.example.org'], parent: 'b' },
    { name: 'b', domains: ['x.a.example.org'], parent: 'a' },
  ];
  it.each<
    [string, Pick<TenantDomains, 'name' | 'parent'>, TenantDomains[], string[]]
  >([
    ['a root tenant', { name: 'root' }, tenants, []],
    ['a child', { name: 'team-a', parent: 'root' }, tenants, ['root']],
    [
      'a grandchild, nearest first',
      { name: 'team-a-dev', parent: 'team-a' },
      tenants,
      ['team-a', 'root'],
    ],
    [
      'a new tenant under a grandchild, from its own parent',
      { name: 'x', parent: 'team-a-dev' },
      tenants,
      ['team-a-dev', 'team-a', 'root'],
    ],
    [
      'a tenant moving to another parent, from the parent asked for',
      { name: 'team-a-dev', parent: 'team-b' },
      tenants,
      ['team-b', 'root'],
    ],
    [
      'a parent no tenant records',
      { name: 'x', parent: 'nope' },
      tenants,
      ['nope'],
    ],
    ['its own parent', { name: 'x', parent: 'x' }, tenants, []],
    ['a loop, each name once', { name: 'a', parent: 'b' }, cyclic, ['b']],
    [
      'a loop entered from outside',
      { name: 'c', parent: 'a' },
      cyclic,
      ['a', 'b'],
    ],
  ])('%s', (_, tenant, all, expected) => {
    expect(tenantAncestors(tenant, all)).toEqual(expected);
  });
});

describe('findHostnameOwner', () => {
  it.each([
    ['app.team-a.example.org', 'team-a', 'team-a.example.org'],
    ['APP.Team-A.example.org.', 'team-a', 'team-a.example.org'],
    ['team-a.example.org', 'team-a', 'team-a.example.org'],
    ['api.dev.team-a.example.org', 'team-a-dev', 'dev.team-a.example.org'],
    ['dev.team-a.example.org', 'team-a-dev', 'dev.team-a.example.org'],
    ['evil-team-a.example.org', 'root', 'example.org'],
    ['www.example.org', 'root', 'example.org'],
    ['*.dev.team-a.example.org', 'team-a-dev', 'dev.team-a.example.org'],
    ['*.other.net', 'other', 'other.net'],
  ])('%p is owned by %p through %p', (hostname, tenant, domain) => {
    expect(findHostnameOwner(hostname, tenants)).toMatchObject({
      ok: true,
      tenant,
      domain,
    });
  });

  it.each([
    ['app.example.net', /No tenant owns a domain containing "app.example.net"/],
    ['10.0.0.1', /IP address/],
    [
      '*.team-a.example.org',
      /would also cover "dev.team-a.example.org", which belongs to tenant "team-a-dev"/,
    ],
    ['*.example.org', /would also cover/],
  ])('refuses %p', (hostname, reason) => {
    const result = findHostnameOwner(hostname, tenants);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('refuses a tie between two tenants claiming the same domain', () => {
    const result = findHostnameOwner('app.same.org', [
      { name: 'a', domains: ['same.org'] },
      { name: 'b', domains: ['same.org'] },
    ]);
    expect(!result.ok && result.reason).toMatch(
      /claimed by several tenants \(a, b\)/,
    );
  });
});

describe('checkHostnameForTenant', () => {
  it.each([
    ['app.team-a.example.org', 'team-a', undefined, 'app.team-a.example.org'],
    ['team-a.example.org', 'team-a', undefined, 'team-a.example.org'],
    ['app.team-a.example.org', 'team-a', false, 'app.team-a.example.org'],
    [
      'bücher.team-b.example.org',
      'team-b',
      undefined,
      'xn--bcher-kva.team-b.example.org',
    ],
    [
      '*.app.team-a.example.org',
      'team-a',
      undefined,
      '*.app.team-a.example.org',
    ],
  ])(
    'accepts %p for %p (includeApex %p)',
    (hostname, tenant, includeApex, expected) => {
      expect(
        checkHostnameForTenant(hostname, tenant, tenants, { includeApex }),
      ).toMatchObject({
        ok: true,
        hostname: expected,
      });
    },
  );

  it.each([
    [
      'app.team-a.example.org',
      'nope',
      undefined,
      /Tenant "nope" does not exist/,
    ],
    [
      'evil-team-a.example.org',
      'team-a',
      undefined,
      /not inside a domain of tenant "team-a"/,
    ],
    [
      'app.team-b.example.org',
      'team-a',
      undefined,
      /not inside a domain of tenant "team-a"/,
    ],
    [
      'api.dev.team-a.example.org',
      'team-a',
      undefined,
      /delegated to child tenant "team-a-dev"/,
    ],
    ['team-a.example.org', 'team-a', false, /the tenant's domain itself/],
    [
      '*.team-b.example.org',
      'team-b',
      undefined,
      /wildcard, which is not allowed/,
    ],
    [
      '*.team-a.example.org',
      'team-a',
      undefined,
      /would also cover "dev.team-a.example.org"/,
    ],
    ['*.example.org', 'team-a', undefined, /would also cover/],
    ['app.team-a.example.org/x', 'team-a', undefined, /contains "\/"/],
  ])(
    'refuses %p for %p (includeApex %p)',
    (hostname, tenant, includeApex, reason) => {
      const result = checkHostnameForTenant(hostname, tenant, tenants, {
        includeApex,
      });
      expect(!result.ok && result.reason).toMatch(reason);
    },
  );
});

describe('checkHostnameNotServedElsewhere', () => {
  const served = [
    { hostname: 'app.team-b.example.org', tenant: 'team-b' },
    { hostname: '*.wild.team-b.example.org', tenant: 'team-b' },
    { hostname: 'mine.team-a.example.org', tenant: 'team-a' },
    { hostname: 'not a hostname', tenant: 'team-b' },
  ];
  it.each([
    ['other.team-b.example.org', true],
    ['mine.team-a.example.org', true],
    ['App.Team-B.example.org', false],
    ['x.wild.team-b.example.org', false],
    ['*.team-b.example.org', false],
  ])('%p -> ok %p', (hostname, ok) => {
    expect(checkHostnameNotServedElsewhere(hostname, 'team-a', served).ok).toBe(
      ok,
    );
  });

  it('explains the conflict', () => {
    const result = checkHostnameNotServedElsewhere(
      'app.team-b.example.org',
      'team-a',
      served,
    );
    expect(!result.ok && result.reason).toMatch(
      /already served for tenant "team-b"/,
    );
  });

  it('refuses an invalid hostname', () => {
    expect(checkHostnameNotServedElsewhere('', 'team-a', served).ok).toBe(
      false,
    );
  });
});

describe('servedHostnameHolds', () => {
  // team-a is a dedicated parent: its http-redirect listener serves *.team-a.example.org.
  const family: TenantDomains[] = [
    { name: 'team-a', domains: ['team-a.example.org'] },
    { name: 'kids', domains: ['kids.team-a.example.org'], parent: 'team-a' },
    { name: 'toys', domains: ['toys.kids.team-a.example.org'], parent: 'kids' },
    { name: 'pets', domains: ['pets.team-a.example.org'], parent: 'team-a' },
    // A parent label without the domains to go with it.
    { name: 'forger', domains: ['forger.example.net'], parent: 'team-a' },
    // A domain inside team-a's without the parent label.
    { name: 'stray', domains: ['stray.team-a.example.org'] },
    // Parent labels going round in circles, never reaching team-a.
    { name: 'loop-1', domains: ['loop.team-a.example.org'], parent: 'loop-2' },
    { name: 'loop-2', domains: ['other.example.net'], parent: 'loop-1' },
  ];
  const parentWildcard = { hostname: '*.team-a.example.org', tenant: 'team-a' };
  it.each<
    [string, string, string, { hostname: string; tenant: string }, boolean]
  >([
    [
      'the child, under its parent’s wildcard',
      'shop.kids.team-a.example.org',
      'kids',
      parentWildcard,
      false,
    ],
    [
      'the child, in any case and with a trailing dot',
      'SHOP.Kids.team-a.example.org.',
      'kids',
      { hostname: '*.Team-A.example.org.', tenant: 'team-a' },
      false,
    ],
    [
      'the child’s own wildcard',
      '*.kids.team-a.example.org',
      'kids',
      parentWildcard,
      false,
    ],
    [
      'the child’s domain itself',
      'kids.team-a.example.org',
      'kids',
      parentWildcard,
      false,
    ],
    [
      'the grandchild, under its grandparent’s wildcard',
      'x.toys.kids.team-a.example.org',
      'toys',
      parentWildcard,
      false,
    ],
    [
      'the grandchild, under its parent’s wildcard',
      'x.toys.kids.team-a.example.org',
      'toys',
      { hostname: '*.kids.team-a.example.org', tenant: 'kids' },
      false,
    ],
    [
      'an exact name the parent serves in the child’s domain',
      'taken.kids.team-a.example.org',
      'kids',
      { hostname: 'Taken.kids.team-a.example.org', tenant: 'team-a' },
      true,
    ],
    [
      'the parent’s wildcard inside the child’s domain',
      'x.kids.team-a.example.org',
      'kids',
      { hostname: '*.kids.team-a.example.org', tenant: 'team-a' },
      false,
    ],
    [
      'a name outside the child’s domains',
      'shop.team-a.example.org',
      'kids',
      parentWildcard,
      true,
    ],
    [
      'a sibling’s domain',
      'shop.pets.team-a.example.org',
      'kids',
      parentWildcard,
      true,
    ],
    [
      'a sibling’s wildcard over the child’s domain',
      'x.kids.team-a.example.org',
      'kids',
      { hostname: '*.kids.team-a.example.org', tenant: 'pets' },
      true,
    ],
    [
      'the child’s wildcard, asked by the parent',
      'shop.kids.team-a.example.org',
      'team-a',
      { hostname: '*.kids.team-a.example.org', tenant: 'kids' },
      true,
    ],
    [
      'a parent label whose domains are not the parent’s',
      'x.forger.example.net',
      'forger',
      { hostname: '*.forger.example.net', tenant: 'team-a' },
      true,
    ],
    [
      'a domain inside the parent’s, without the parent label',
      'x.stray.team-a.example.org',
      'stray',
      parentWildcard,
      true,
    ],
    [
      'parent labels in a circle',
      'x.loop.team-a.example.org',
      'loop-1',
      parentWildcard,
      true,
    ],
    [
      'a wildcard served outside any tenant',
      'shop.kids.team-a.example.org',
      'kids',
      { hostname: '*.team-a.example.org', tenant: '(no tenant)' },
      true,
    ],
    [
      'a name that does not overlap',
      'shop.kids.team-a.example.org',
      'kids',
      { hostname: 'other.kids.team-a.example.org', tenant: 'team-a' },
      false,
    ],
    [
      'the tenant’s own name',
      'shop.kids.team-a.example.org',
      'kids',
      { hostname: 'shop.kids.team-a.example.org', tenant: 'kids' },
      false,
    ],
    [
      'an invalid name asked',
      'shop..kids.team-a.example.org',
      'kids',
      parentWildcard,
      true,
    ],
  ])(
    '%s: %p for %p against %p holds: %p',
    (_, hostname, tenant, served, holds) => {
      expect(servedHostnameHolds(hostname, tenant, served, family)).toBe(holds);
    },
  );

  it('delegates nothing when two tenants carry the child’s or the parent’s name', () => {
    const host = 'shop.kids.team-a.example.org';
    expect(servedHostnameHolds(host, 'kids', parentWildcard, family)).toBe(
      false,
    );
    for (const twin of [
      { name: 'kids', domains: ['kids.team-a.example.org'], parent: 'team-a' },
      { name: 'team-a', domains: ['example.org'] },
    ]) {
      expect(
        servedHostnameHolds(host, 'kids', parentWildcard, [...family, twin]),
      ).toBe(true);
    }
  });

  it('lets checkHostnameNotServedElsewhere pass the child and still refuse the rest', () => {
    const served = [
      parentWildcard,
      { hostname: 'taken.kids.team-a.example.org', tenant: 'team-a' },
    ];
    expect(
      checkHostnameNotServedElsewhere(
        'shop.kids.team-a.example.org',
        'kids',
        served,
        family,
      ),
    ).toEqual({ ok: true, hostname: 'shop.kids.team-a.example.org' });
    const taken = checkHostnameNotServedElsewhere(
      'taken.kids.team-a.example.org',
      'kids',
      served,
      family,
    );
    expect(!taken.ok && taken.reason).toMatch(
      /overlaps "taken.kids.team-a.example.org", already served for tenant "team-a"/,
    );
    // Without the tenants there is no parent chain to delegate along.
    expect(
      checkHostnameNotServedElsewhere(
        'shop.kids.team-a.example.org',
        'kids',
        served,
      ).ok,
    ).toBe(false);
  });
});

describe('checkAttachedNamespaces', () => {
  it.each([
    [['apps', 'apps'], true, /^$/],
    [['tenant-team-a'], true, /^$/],
    [['tenant-team-b'], false, /belongs to tenant "team-b"/],
    [['custom-ns'], false, /belongs to tenant "other"/],
    [['tenant-ghost'], false, /reserved for tenant namespaces/],
  ])('%p -> ok %p', (namespaces, ok, reason) => {
    const result = checkAttachedNamespaces('team-a', namespaces, tenants);
    expect(result.ok).toBe(ok);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('deduplicates', () => {
    expect(
      checkAttachedNamespaces('team-a', ['apps', 'apps'], tenants),
    ).toEqual({
      ok: true,
      namespaces: ['apps'],
    });
  });
});
