import {
  captureRewriteAsPrefix,
  isRegexPath,
  literalPathProblem,
  pcreOnlyFeature,
  translatePath,
} from './paths';

describe('Ingress paths', () => {
  it.each([
    ['/foo', 'Exact', false, { type: 'Exact', value: '/foo' }, 'exact'],
    ['/foo', 'Prefix', true, { type: 'PathPrefix', value: '/foo' }, 'prefix'],
    ['', 'Prefix', false, { type: 'PathPrefix', value: '/' }, 'prefix'],
    [
      '/foo',
      'ImplementationSpecific',
      false,
      { type: 'PathPrefix', value: '/foo' },
      'char-prefix',
    ],
    [
      '/foo/',
      'ImplementationSpecific',
      false,
      { type: 'PathPrefix', value: '/foo/' },
      'prefix',
    ],
    [
      '/foo',
      'ImplementationSpecific',
      true,
      { type: 'PathPrefix', value: '/foo' },
      'char-prefix',
    ],
    [
      '/v[0-9]+',
      'ImplementationSpecific',
      true,
      { type: 'RegularExpression', value: '(?i)(?:/v[0-9]+).*' },
      'regex',
    ],
  ])(
    '%s (%s, regex %s) matches as %j',
    (path, pathType, regex, match, form) => {
      expect(translatePath(path, pathType, regex)).toEqual({
        ok: true,
        match,
        form,
      });
    },
  );

  it.each([
    ['/a//b', 'Prefix'],
    ['/a/../b', 'Exact'],
    ['/a%2Fb', 'Prefix'],
    ['relative', 'Prefix'],
    ['/v[0-9]+', 'ImplementationSpecific'],
    ['/a', 'Regex'],
  ])('refuses %s (%s) without regex', (path, pathType) => {
    expect(translatePath(path, pathType, false)).toMatchObject({
      ok: false,
      kind: 'invalid-path',
    });
  });

  it('refuses an unbalanced regex and PCRE-only features', () => {
    expect(translatePath('/a(b', 'ImplementationSpecific', true)).toMatchObject(
      { ok: false, kind: 'invalid-path' },
    );
    expect(
      translatePath('/(?!admin)', 'ImplementationSpecific', true),
    ).toMatchObject({ ok: false, kind: 'pcre-not-re2' });
    expect(pcreOnlyFeature('^(v2|beta)$')).toBeUndefined();
    expect(pcreOnlyFeature('(?<=a)b')).toBe('lookaround assertions');
  });

  it('tells literal paths from regular expressions', () => {
    expect(isRegexPath('/file.txt')).toBe(false);
    expect(isRegexPath('/api/(.*)')).toBe(true);
    expect(literalPathProblem('/ok/path')).toBeUndefined();
    expect(literalPathProblem('/bad#frag')).toContain('#');
  });

  it('recognises the capture-group rewrite of the ingress-nginx example', () => {
    expect(captureRewriteAsPrefix('/something(/|$)(.*)', '/$2')).toEqual({
      prefix: '/something',
      replacement: '/',
    });
    expect(captureRewriteAsPrefix('/api(/|$)(.*)', '/v2/$2')).toEqual({
      prefix: '/api',
      replacement: '/v2',
    });
    expect(captureRewriteAsPrefix('/api/(.*)', '/$1')).toBeUndefined();
    expect(captureRewriteAsPrefix('/a.*(/|$)(.*)', '/$2')).toBeUndefined();
  });
});
