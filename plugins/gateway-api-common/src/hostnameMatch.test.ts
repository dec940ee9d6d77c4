import {
  hostnameMatches,
  intersectHostnames,
  isSubdomainOf,
} from './hostnameMatch';

describe('isSubdomainOf', () => {
  it.each([
    ['app.team-a.example.org', 'team-a.example.org', undefined, true],
    ['a.b.team-a.example.org', 'team-a.example.org', undefined, true],
    ['team-a.example.org', 'team-a.example.org', undefined, true],
    ['team-a.example.org', 'team-a.example.org', false, false],
    ['app.team-a.example.org', 'team-a.example.org', false, true],
    ['evil-team-a.example.org', 'team-a.example.org', undefined, false],
    ['team-a.example.org.evil.com', 'team-a.example.org', undefined, false],
    ['example.org', 'team-a.example.org', undefined, false],
  ])(
    '%p in %p (includeApex %p) -> %p',
    (hostname, domain, includeApex, expected) => {
      expect(isSubdomainOf(hostname, domain, { includeApex })).toBe(expected);
    },
  );
});

describe('hostnameMatches', () => {
  it.each([
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.bar.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'fooexample.com', false],
    ['foo.example.com', 'foo.example.com', true],
    ['foo.example.com', 'bar.example.com', false],
  ])('%p matches %p -> %p', (pattern, hostname, expected) => {
    expect(hostnameMatches(pattern, hostname)).toBe(expected);
  });
});

describe('intersectHostnames', () => {
  it.each([
    ['test.example.com', 'test.example.com', 'test.example.com'],
    ['test.example.com', 'other.example.com', undefined],
    ['test.example.com', '*.example.com', 'test.example.com'],
    ['*.example.com', 'test.example.com', 'test.example.com'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com'],
    ['*.example.com', 'example.com', undefined],
    ['*.example.com', 'test.example.net', undefined],
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.example.com', '*.foo.example.com', '*.foo.example.com'],
    ['*.foo.example.com', '*.example.com', '*.foo.example.com'],
    ['*.example.com', '*.example.net', undefined],
    ['*.com', '*.example.com', '*.example.com'],
  ])('%p and %p -> %p', (a, b, expected) => {
    expect(intersectHostnames(a, b)).toBe(expected);
  });
});
