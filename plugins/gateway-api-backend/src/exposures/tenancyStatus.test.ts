import { tenancyStatus } from './tenancyStatus';

const tenants = [
  { name: 'team-a', domains: ['team-a.example.org'] },
  { name: 'team-a-eu', domains: ['eu.team-a.example.org'], parent: 'team-a' },
  { name: 'team-b', domains: ['team-b.example.org'] },
];

describe('tenancyStatus', () => {
  it.each([
    ['its own hostname', 'shop.team-a.example.org', 'team-a'],
    ['its own wildcard', '*.apps.team-a.example.org', 'team-a'],
    ['a child tenant’s own hostname', 'x.eu.team-a.example.org', 'team-a-eu'],
    [
      'a route of no tenant (the platform’s)',
      'shop.team-b.example.org',
      undefined,
    ],
  ])('leaves %s alone', (_what, hostname, tenant) => {
    expect(tenancyStatus(hostname, tenant, tenants)).toBeUndefined();
  });

  it.each([
    [
      'another tenant’s hostname',
      'shop.team-b.example.org',
      'team-a',
      /domain team-b.example.org of tenant "team-b"/,
    ],
    [
      'a child tenant’s hostname served by its parent',
      'x.eu.team-a.example.org',
      'team-a',
      /tenant "team-a-eu"/,
    ],
    [
      'a hostname of no tenant',
      'www.example.com',
      'team-a',
      /not inside a domain of tenant "team-a"/,
    ],
  ])('flags %s', (_what, hostname, tenant, summary) => {
    expect(tenancyStatus(hostname, tenant, tenants)).toMatchObject({
      status: 'error',
      reason: 'HostnameOfAnotherTenant',
      summary: expect.stringMatching(summary),
      hint: { fix: expect.stringContaining('Move the hostname') },
    });
  });
});
