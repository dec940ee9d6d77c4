import {
  formatDuration,
  parseBoolean,
  parseCidr,
  parseCount,
  parseList,
  parseRedirectUrl,
  parseSize,
} from './values';

describe('annotation values', () => {
  it.each([
    [0, '0s'],
    [15, '15s'],
    [120, '2m'],
    [3601, '1h1s'],
    [1728000, '480h'],
  ])('formats %s seconds as %s', (seconds, duration) => {
    expect(formatDuration(seconds)).toBe(duration);
    expect(duration).toMatch(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/);
  });

  it.each([
    ['8m', '8Mi'],
    ['1k', '1Ki'],
    ['1K', '1Ki'],
    ['2g', '2Gi'],
    ['1000', '1000'],
    ['0', null],
    ['8mb', undefined],
    ['-1', undefined],
    ['', undefined],
  ])('reads size %j as %j', (value, quantity) => {
    expect(parseSize(value)).toBe(quantity);
  });

  it.each([
    ['10.0.0.0/24', '10.0.0.0/24'],
    [' 172.10.0.1 ', '172.10.0.1/32'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['10.0.0.0/33', undefined],
    ['256.0.0.1', undefined],
    ['10.0.0.0/8/8', undefined],
    ['example.com', undefined],
    ['', undefined],
  ])('reads CIDR %j as %j', (value, cidr) => {
    expect(parseCidr(value)).toBe(cidr);
  });

  it('reads booleans, counts and lists as ingress-nginx does', () => {
    expect([
      parseBoolean('True'),
      parseBoolean('false'),
      parseBoolean('yes'),
    ]).toEqual([true, false, undefined]);
    expect([
      parseCount('42'),
      parseCount('4.2'),
      parseCount('-1'),
      parseCount(undefined),
    ]).toEqual([42, undefined, undefined, undefined]);
    expect(parseList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
  });

  it('reads redirect URLs RequestRedirect can express', () => {
    expect(parseRedirectUrl('https://www.google.com')).toEqual({
      scheme: 'https',
      hostname: 'www.google.com',
      path: '/',
      hasQuery: false,
    });
    expect(parseRedirectUrl('http://a.example.com:8080/x?y=1')).toEqual({
      scheme: 'http',
      hostname: 'a.example.com',
      port: 8080,
      path: '/x',
      hasQuery: true,
    });
    for (const bad of [
      'https://new.example.com$request_uri',
      '/relative',
      'ftp://a.example.com/',
      'https://user:pw@a.example.com/',
    ]) {
      expect(parseRedirectUrl(bad)).toBeUndefined();
    }
  });
});
