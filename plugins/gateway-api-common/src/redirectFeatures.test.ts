import {
  missingRedirectFeatures,
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
