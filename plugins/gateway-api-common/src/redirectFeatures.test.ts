import {
  missingRedirectFeatures,
  redirectStatusCodeFor,
  requestRedirectFeatures,
} from './redirectFeatures';
import { gatewayClassSupportedFeatures } from './supportedFeatures';

describe('the features a RequestRedirect needs', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ hostname: 'example.org', statusCode: 301 }, []],
    [{ statusCode: 302 }, []],
    [{ scheme: 'https', statusCode: 301 }, ['HTTPRouteSchemeRedirect']],
    [{ port: 8443 }, ['HTTPRoutePortRedirect']],
    [
      { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } },
      ['HTTPRoutePathRedirect'],
    ],
    [{ statusCode: 303 }, ['HTTPRoute303RedirectStatusCode']],
    [{ statusCode: 307 }, ['HTTPRoute307RedirectStatusCode']],
    [
      { scheme: 'https', statusCode: 308 },
      ['HTTPRouteSchemeRedirect', 'HTTPRoute308RedirectStatusCode'],
    ],
  ])('%j needs %j', (redirect, features) => {
    expect(requestRedirectFeatures(redirect)).toEqual(features);
  });
});

describe('missingRedirectFeatures', () => {
  const https308 = { scheme: 'https', statusCode: 308 };

  it('names each feature the redirects need and the class lacks, sorted, once', () => {
    expect(
      missingRedirectFeatures(
        [https308, { path: { type: 'ReplaceFullPath' }, statusCode: 308 }],
        ['Gateway', 'HTTPRoute', 'HTTPRouteSchemeRedirect'],
      ),
    ).toEqual(['HTTPRoute308RedirectStatusCode', 'HTTPRoutePathRedirect']);
  });

  it('gives a class that lists no features the benefit of the doubt', () => {
    expect(missingRedirectFeatures([https308], undefined)).toEqual([]);
    expect(missingRedirectFeatures([https308], new Set())).toEqual([]);
  });

  it('needs nothing for a core redirect (hostname, 301 or 302)', () => {
    expect(
      requestRedirectFeatures({ hostname: 'a.example', statusCode: 302 }),
    ).toEqual([]);
    expect(
      missingRedirectFeatures(
        [{ hostname: 'a.example', statusCode: 301 }],
        ['HTTPRoute'],
      ),
    ).toEqual([]);
  });
});

describe('redirectStatusCodeFor: the code written for the one asked', () => {
  const listing308 = ['HTTPRoute', 'HTTPRoute308RedirectStatusCode'];
  const cilium = ['HTTPRoute', 'HTTPRouteSchemeRedirect'];
  it.each<[number, boolean, string[] | undefined, number, string | undefined]>([
    // Core codes: always kept.
    [301, false, undefined, 301, undefined],
    [302, true, cilium, 302, undefined],
    // Kept where the install takes it and the class lists its feature.
    [308, true, listing308, 308, undefined],
    [
      307,
      true,
      [...listing308, 'HTTPRoute307RedirectStatusCode'],
      307,
      undefined,
    ],
    // Otherwise the core equivalent, with why.
    [308, true, cilium, 301, 'class-lacks-feature'],
    [307, true, listing308, 302, 'class-lacks-feature'],
    [303, true, cilium, 302, 'class-lacks-feature'],
    [308, true, [], 301, 'class-lists-no-features'],
    [308, true, undefined, 301, 'class-lists-no-features'],
    [308, false, listing308, 301, 'install'],
    [307, false, undefined, 302, 'install'],
  ])(
    '%d, install takes it: %s, features %j: %d (%s)',
    (requested, installAccepts, supportedFeatures, statusCode, reason) => {
      const choice = redirectStatusCodeFor(requested, {
        installAccepts,
        supportedFeatures,
      });
      expect(choice.statusCode).toBe(statusCode);
      expect(choice.reason).toBe(reason);
      expect(choice.requested).toBe(requested);
    },
  );
});

describe('gatewayClassSupportedFeatures', () => {
  it('reads names (v1.2 and later) and plain strings (before), and nothing else', () => {
    expect(
      gatewayClassSupportedFeatures({
        status: {
          supportedFeatures: [
            { name: 'HTTPRoute' },
            'Gateway',
            { name: 7 },
            null,
            {},
          ],
        },
      }),
    ).toEqual(['HTTPRoute', 'Gateway']);
  });

  it('is empty for a class without status, or a status that is not a list', () => {
    expect(gatewayClassSupportedFeatures(undefined)).toEqual([]);
    expect(gatewayClassSupportedFeatures({})).toEqual([]);
    expect(
      gatewayClassSupportedFeatures({
        status: { supportedFeatures: 'HTTPRoute' },
      }),
    ).toEqual([]);
  });
});
