import { compileCel, evaluate, toCel } from './celLibrary';

const run = (expression: string, self?: unknown) =>
  evaluate(compileCel(expression), { self: toCel(self ?? null) });
const runList = (expression: string, self?: unknown) =>
  Array.from(run(expression, self) as Iterable<unknown>);

describe('the Kubernetes IP library', () => {
  it.each([
    ['127.0.0.1', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['::', true],
    ['2001:db8::abcd', true],
    ['2001:DB8:0:0:0:0:0:ABCD', true],
    ['::1.2.3.4', true],
    ['64:ff9b::1.2.3.4', true],
    ['1:2:3:4:5:6:1.2.3.4', true],
    // Not addresses.
    ['127.0.0.256', false],
    [':::1', false],
    ['1.2.3', false],
    ['1.2.3.4.5', false],
    ['1.2.3.', false],
    ['', false],
    ['example.com', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['12345::1', false],
    ['1:2:3:4:5:6:7::8', false],
    ['1:2:3:4:5:1.2.3.4', false],
    // Leading zeros in IPv4 octets, zones and IPv4-mapped IPv6 are refused.
    ['01.2.3.4', false],
    ['1.2.3.04', false],
    ['::ffff:1.2.3.4', false],
    ['::ffff:102:304', false],
    ['fe80::1%eth0', false],
    ['fe80::1%', false],
    ['1.2.3.4%eth0', false],
    ['%eth0', false],
  ])('isIP(%j) is %s', (address, expected) => {
    expect(run('isIP(self)', address)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2001:DB8::ABCD', '2001:db8::abcd'],
    ['2001:db8:0:0:0:0:0:abcd', '2001:db8::abcd'],
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:0:2:3:0:0:4', '1::2:3:0:0:4'],
    ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1.2.3.4', '::102:304'],
  ])('string(ip(%j)) is %j', (address, canonical) => {
    expect(run('string(ip(self))', address)).toBe(canonical);
    expect(run('ip.isCanonical(self)', address)).toBe(address === canonical);
  });

  it('compares addresses, not their spelling', () => {
    expect(run("ip('2001:DB8::1') == ip('2001:db8:0::1')")).toBe(true);
    expect(run("ip('10.0.0.1') == ip('10.0.0.2')")).toBe(false);
  });

  it.each([
    ["ip('127.0.0.1').family()", 4n],
    ["ip('::1').family()", 6n],
    ["ip('0.0.0.0').isUnspecified()", true],
    ["ip('::').isUnspecified()", true],
    ["ip('127.0.0.1').isUnspecified()", false],
    ["ip('127.0.0.1').isLoopback()", true],
    ["ip('127.255.0.9').isLoopback()", true],
    ["ip('::1').isLoopback()", true],
    ["ip('2001:db8::abcd').isLoopback()", false],
    ["ip('224.0.0.1').isLinkLocalMulticast()", true],
    ["ip('224.0.1.1').isLinkLocalMulticast()", false],
    ["ip('ff02::1').isLinkLocalMulticast()", true],
    ["ip('fd00::1').isLinkLocalMulticast()", false],
    ["ip('169.254.169.254').isLinkLocalUnicast()", true],
    ["ip('192.168.0.1').isLinkLocalUnicast()", false],
    ["ip('fe80::1').isLinkLocalUnicast()", true],
    ["ip('fd80::1').isLinkLocalUnicast()", false],
    ["ip('192.168.0.1').isGlobalUnicast()", true],
    ["ip('255.255.255.255').isGlobalUnicast()", false],
    ["ip('224.0.0.1').isGlobalUnicast()", false],
    ["ip('2001:db8::abcd').isGlobalUnicast()", true],
    ["ip('ff00::1').isGlobalUnicast()", false],
  ])('%s is %s', (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it('errors on ip() of a string that is no address, saying why', () => {
    expect(() => run("ip('1.2.3.04')")).toThrow(
      'IP Address "1.2.3.04" parse error during conversion from string: ParseAddr("1.2.3.04"): IPv4 field has octet with leading zero',
    );
    expect(() => run("ip('192.168.0.1.0')")).toThrow(
      'IP Address "192.168.0.1.0" parse error during conversion from string: ParseAddr("192.168.0.1.0"): IPv4 address too long',
    );
    expect(() => run("ip('fe80::1%eth0')")).toThrow(
      /with zone value is not allowed/,
    );
    expect(() => run("ip('::ffff:1.2.3.4')")).toThrow(
      /IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed/,
    );
  });
});

describe('the Kubernetes format library', () => {
  it('returns optional.none() for a valid value and the apimachinery messages otherwise', () => {
    expect(
      run('format.dns1123Label().validate(self) == optional.none()', 'my-name'),
    ).toBe(true);
    expect(
      run('format.dns1123Label().validate(self).hasValue()', 'my-name'),
    ).toBe(false);
    expect(
      runList('format.dns1123Label().validate(self).value()', 'My_Name'),
    ).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(
      runList('format.dns1123Label().validate(self).value()', 'a.b'),
    ).toEqual(['must not contain dots']);
    expect(
      runList('format.dns1123Label().validate(self).value()', 'a'.repeat(64)),
    ).toEqual(['must be no more than 63 characters']);
  });

  it.each([
    ['dns1123Label', '123-abc', true],
    ['dns1123Label', '-abc', false],
    ['dns1123Subdomain', 'example.com', true],
    ['dns1123Subdomain', 'Example.com', false],
    ['dns1035Label', 'abc-123', true],
    ['dns1035Label', '123-abc', false],
    ['dns1123LabelPrefix', 'my-prefix-', true],
    ['dns1123Label', 'my-prefix-', false],
    ['qualifiedName', 'example.com/MyName', true],
    ['qualifiedName', 'a/b/c', false],
    ['labelValue', '', true],
    ['labelValue', 'my_value', true],
    ['labelValue', '_x', false],
    ['uri', 'https://example.com/a', true],
    ['uri', 'not a uri', false],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
    ['byte', 'aGVsbG8=', true],
    ['byte', 'not base64!', false],
    ['date', '2026-12-04', true],
    ['datetime', '2026-12-04T18:00:00Z', true],
  ])('format.%s() accepts %j: %s', (name, value, valid) => {
    expect(run(`format.${name}().validate(self).hasValue()`, value)).toBe(
      !valid,
    );
  });

  it('evaluates the XBackend port-name rule as the API server does', () => {
    // validate() returns an optional, and an optional never equals null in CEL: the rule, as
    // v1.6.1 ships it, accepts only the empty name.
    const rule =
      'size(self) == 0 || format.dns1123Label().validate(self) == null';
    expect(run(rule, '')).toBe(true);
    expect(run(rule, 'http')).toBe(false);
  });
});

describe("CEL's global matches()", () => {
  it('matches a string against a regex', () => {
    expect(run("matches('v1.4.1', 'v1.[0-5].\\\\d+')")).toBe(true);
    expect(run("matches('v1.6.1', 'v1.[0-5].\\\\d+')")).toBe(false);
  });
});

describe('compiling', () => {
  it('refuses an expression that calls a function the libraries lack, naming it', () => {
    expect(() => compileCel('self.all(h, !isHostname(h))')).toThrow(
      'undeclared reference to isHostname',
    );
    expect(() => compileCel('format.notAFormat().validate(self)')).toThrow(
      'undeclared reference to format.notAFormat',
    );
    expect(() =>
      compileCel('self.all(h, !isIP(h)) && ip(self[0]).family() == 4'),
    ).not.toThrow();
  });
});
