import { hostnamesIntersect, routeMatchesListenerHostname } from './hostnames';

describe('hostnamesIntersect', () => {
  it.each([
    ['a.example.com', 'a.example.com', true],
    ['a.example.com', 'b.example.com', false],
    ['a.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['aexample.com', '*.example.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '*.example.com', true],
    ['*.a.example.com', '*.example.com', true],
    ['*.example.com', '*.a.example.com', true],
    ['*.example.net', '*.example.com', false],
  ])('route %s, listener %s -> %s', (route, listener, expected) => {
    expect(hostnamesIntersect(route, listener)).toBe(expected);
  });
});

describe('routeMatchesListenerHostname', () => {
  it('matches any route when the listener has no hostname', () => {
    expect(routeMatchesListenerHostname(['x.example.net'], undefined)).toBe(
      true,
    );
  });

  it('matches a listener hostname when the route has none', () => {
    expect(routeMatchesListenerHostname([], 'a.example.com')).toBe(true);
    expect(routeMatchesListenerHostname(undefined, 'a.example.com')).toBe(true);
  });

  it('needs one intersecting hostname when both have some', () => {
    expect(
      routeMatchesListenerHostname(
        ['x.example.net', 'a.example.com'],
        '*.example.com',
      ),
    ).toBe(true);
    expect(
      routeMatchesListenerHostname(['x.example.net'], '*.example.com'),
    ).toBe(false);
  });
});
