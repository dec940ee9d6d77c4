import { isWildcardHostname, normaliseHostname } from './hostname';
import { toUnicodeHostname } from './punycode';

describe('normaliseHostname', () => {
  it.each([
    ['App.Team-A.Example.org', 'app.team-a.example.org'],
    ['app.team-a.example.org.', 'app.team-a.example.org'],
    ['  app.example.org ', 'app.example.org'],
    ['\tapp.example.org\n', 'app.example.org'],
    ['bücher.example.org', 'xn--bcher-kva.example.org'],
    ['BÜCHER.example.org', 'xn--bcher-kva.example.org'],
    ['xn--bcher-kva.example.org', 'xn--bcher-kva.example.org'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['日本語.jp', 'xn--wgv71a119e.jp'],
    ['ひらがなカタカナ漢字.jp', 'xn--v8j0cwa6gzha3lrdr510cymwb.jp'],
    ['a1.example.org', 'a1.example.org'],
    ['1a.example.org', '1a.example.org'],
    ['x--y.example.org', 'x--y.example.org'],
    [`${'a'.repeat(63)}.example.org`, `${'a'.repeat(63)}.example.org`],
  ])('normalises %p to %p', (input, expected) => {
    expect(normaliseHostname(input)).toEqual({ ok: true, hostname: expected });
  });

  it.each([
    ['*.team-a.example.org', '*.team-a.example.org'],
    ['*.Team-A.example.org.', '*.team-a.example.org'],
    ['*.bücher.example.org', '*.xn--bcher-kva.example.org'],
  ])(
    'normalises wildcard %p to %p when wildcards are allowed',
    (input, expected) => {
      expect(normaliseHostname(input, { allowWildcard: true })).toEqual({
        ok: true,
        hostname: expected,
      });
    },
  );

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['10.0.0.1', /is an IP address/],
    ['10.0.0.1.', /IP address/],
    ['[::1]', /IP address/],
    ['::1', /IP address/],
    ['fe80::1%eth0', /IP address/],
    ['0x7f.1', /IP address/],
    ['0x7f000001', /IP address/],
    ['2130706433', /IP address/],
    ['017700000001', /IP address/],
    ['127.1', /IP address/],
    ['app.example.0x1', /IP address/],
    ['１２７.０.０.１', /IP address/],
    ['app.example.org:443', /includes a port/],
    ['app.example.org:', /includes a port/],
    ['10.0.0.1:80', /IP address/],
    ['http://app.example.org', /contains ":"/],
    ['[2001:db8::1]:443', /IP address/],
    ['2001:db8::1', /IP address/],
    ['aத.example.org', /mixes Latin and Other/],
    ['localhost', /fully qualified/],
    ['-', /invalid label "-"/],
    ['foo.123', /ends in a number/],
    ['-bad.example.org', /invalid label/],
    ['bad-.example.org', /invalid label/],
    [`${'a'.repeat(64)}.example.org`, /invalid label/],
    [`${'a.'.repeat(127)}org`, /253/],
    ['app..example.org', /empty label/],
    ['.app.example.org', /empty label/],
    ['app.example.org..', /empty label/],
    ['app.example.org/evil', /contains "\/"/],
    ['app.example.org\\evil', /contains "\\"/],
    ['user@app.example.org', /contains "@"/],
    ['app%2eexample.org', /contains "%"/],
    ['app.example.org?x', /contains "\?"/],
    ['app.example.org#x', /contains "#"/],
    ['my_app.example.org', /underscore/],
    ['app example.org', /whitespace/],
    ['app\u0000.example.org', /control character/],
    ['app\u200b.example.org', /control character/],
    ['app!.example.org', /only letters, digits, dashes and dots/],
    ['*.team-a.example.org', /wildcard, which is not allowed/],
    ['app.*.example.org', /leading "\*\."/],
    ['*app.example.org', /leading "\*\."/],
    ['**.example.org', /leading "\*\."/],
    ['аpple.com', /mixes Cyrillic and Latin|mixes Latin and Cyrillic/],
    ['pаypal.example.org', /mixes Latin and Cyrillic/],
    ['gοogle.example.org', /mixes Latin and Greek/],
    ['xn--pypal-4ve.example.org', /mixes Latin and Cyrillic/],
    ['xn--zz-zzzzzz.example.org', /cannot be converted/],
  ])('refuses %p', (input, reason) => {
    const result = normaliseHostname(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it.each([
    ['*.com', /would cover a whole top-level domain/],
    [
      `*.${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(
        60,
      )}`,
      /254 characters long/,
    ],
  ])(
    'refuses the wildcard %p even where wildcards are allowed',
    (input, reason) => {
      const result = normaliseHostname(input, { allowWildcard: true });
      expect(!result.ok && result.reason).toMatch(reason);
    },
  );

  it('refuses a non-string input instead of throwing', () => {
    expect(normaliseHostname(undefined as unknown as string).ok).toBe(false);
  });

  it('ends every refusal with a sentence that says how to fix it', () => {
    const result = normaliseHostname('my_app.example.org');
    expect(!result.ok && result.reason).toMatch(/; use a dash instead\.$/);
  });
});

describe('isWildcardHostname', () => {
  it.each([
    ['*.example.org', true],
    ['app.example.org', false],
    ['', false],
  ])('%p -> %p', (hostname, expected) => {
    expect(isWildcardHostname(hostname)).toBe(expected);
  });
});

describe('toUnicodeHostname', () => {
  it.each([
    ['xn--bcher-kva.example.org', 'bücher.example.org'],
    ['XN--BCHER-KVA.example.org', 'BüCHER.example.org'],
    ['xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    ['xn--v8j0cwa6gzha3lrdr510cymwb.jp', 'ひらがなカタカナ漢字.jp'],
    ['*.xn--bcher-kva.example.org', '*.bücher.example.org'],
    ['app.example.org', 'app.example.org'],
    ['xn--zz-zzzzzz.example.org', 'xn--zz-zzzzzz.example.org'],
  ])('%p -> %p', (ascii, unicode) => {
    expect(toUnicodeHostname(ascii)).toBe(unicode);
  });
});
