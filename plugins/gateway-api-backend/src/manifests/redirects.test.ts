import { httpsRedirectRoute } from './routes';
import { unsupportedRedirectMessage, unsupportedRedirects } from './redirects';

const redirectRoute = (requestRedirect: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { namespace: 'tenant-a', name: 'moved' },
  spec: {
    rules: [
      { filters: [{ type: 'RequestRedirect', requestRedirect }] },
      { backendRefs: [{ name: 'web', port: 80 }] },
    ],
  },
});

describe('unsupportedRedirects', () => {
  const https = httpsRedirectRoute(
    { namespace: 'tenant-a', name: 'https-redirect' },
    { namespace: 'tenant-a', name: 'gateway' },
  );

  it('finds the https redirect where the class lists features without the scheme redirect', () => {
    const found = unsupportedRedirects(
      [https, redirectRoute({ hostname: 'example.org' })],
      new Set(['Gateway', 'HTTPRoute']),
    );
    expect(found).toEqual([
      { route: https, missing: ['HTTPRouteSchemeRedirect'] },
    ]);
    expect(unsupportedRedirectMessage(found[0], 'limited')).toBe(
      "HTTPRoute tenant-a/https-redirect (its redirect to https) is not written: GatewayClass limited does not list HTTPRouteSchemeRedirect among its supportedFeatures, so its controller would refuse the route; plain HTTP on the tenant's hostnames is not redirected (redirect at the load balancer in front instead, or use a GatewayClass that supports it)",
    );
  });

  it('passes a class that lists the features, and one that lists none yet', () => {
    expect(
      unsupportedRedirects(
        [https],
        new Set(['HTTPRoute', 'HTTPRouteSchemeRedirect']),
      ),
    ).toEqual([]);
    expect(unsupportedRedirects([https], new Set())).toEqual([]);
  });

  it('names every feature a route lacks, once, and reads only HTTPRoutes', () => {
    const route = redirectRoute({
      scheme: 'https',
      port: 8443,
      statusCode: 308,
    });
    expect(
      unsupportedRedirects(
        [route, { ...route, kind: 'GRPCRoute' }],
        new Set(['HTTPRoute', 'HTTPRouteSchemeRedirect']),
      ).map(u => u.missing),
    ).toEqual([['HTTPRoute308RedirectStatusCode', 'HTTPRoutePortRedirect']]);
  });
});
