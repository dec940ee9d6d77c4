import { supportedFeatures } from './gatewayClasses';
import {
  CILIUM_CONTROLLER,
  CILIUM_FEATURES,
  ENVOY_GATEWAY_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
  NGINX_GATEWAY_FABRIC_FEATURES,
} from './implementations';
import { redirectNeeds, unsupportedRedirect } from './redirectFeatures';
import { GatewayApiSnapshot, reconcileGatewayApi } from './reconcile';
import { gateway, gatewayClass, route, service } from './testObjects';

/** The features each implementation's class lists (Envoy Gateway's where the cluster serves every kind). */
const FEATURES = {
  'envoy-gateway': supportedFeatures(() => true),
  'nginx-gateway-fabric': NGINX_GATEWAY_FABRIC_FEATURES,
  cilium: CILIUM_FEATURES,
};

const redirectRoute = (...redirects: object[]) =>
  route('r', 'team-a', {
    rules: redirects.map(requestRedirect => ({
      filters: [{ type: 'RequestRedirect', requestRedirect }],
    })),
  });

describe('redirectNeeds', () => {
  it('finds nothing extended in a core redirect (hostname, 301, 302, no code)', () => {
    expect(
      redirectNeeds(
        redirectRoute(
          { hostname: 'www.example.com' },
          { statusCode: 301 },
          { statusCode: 302, hostname: 'a.example.com' },
        ),
      ),
    ).toEqual([]);
  });

  it('names the field, value and feature of each extended value', () => {
    expect(
      redirectNeeds(
        redirectRoute(
          {
            scheme: 'https',
            port: 8443,
            path: { type: 'ReplaceFullPath', replaceFullPath: '/new' },
            statusCode: 308,
          },
          { statusCode: 303 },
          { statusCode: 307 },
        ),
      ),
    ).toEqual([
      {
        field: 'spec.rules[0].filters[0].requestRedirect.scheme',
        value: 'https',
        feature: 'HTTPRouteSchemeRedirect',
      },
      {
        field: 'spec.rules[0].filters[0].requestRedirect.port',
        value: '8443',
        feature: 'HTTPRoutePortRedirect',
      },
      {
        field: 'spec.rules[0].filters[0].requestRedirect.path',
        value: '{"type":"ReplaceFullPath","replaceFullPath":"/new"}',
        feature: 'HTTPRoutePathRedirect',
      },
      {
        field: 'spec.rules[0].filters[0].requestRedirect.statusCode',
        value: '308',
        feature: 'HTTPRoute308RedirectStatusCode',
      },
      {
        field: 'spec.rules[1].filters[0].requestRedirect.statusCode',
        value: '303',
        feature: 'HTTPRoute303RedirectStatusCode',
      },
      {
        field: 'spec.rules[2].filters[0].requestRedirect.statusCode',
        value: '307',
        feature: 'HTTPRoute307RedirectStatusCode',
      },
    ]);
  });

  it("reads a backendRef's filters too, and ignores other filter types", () => {
    const r = route('r', 'team-a', {
      rules: [
        {
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplaceFullPath' } },
            },
          ],
          backendRefs: [
            {
              name: 'echo',
              port: 80,
              filters: [
                { type: 'RequestRedirect', requestRedirect: { port: 8080 } },
              ],
            },
          ],
        },
      ],
    });
    expect(redirectNeeds(r)).toEqual([
      {
        field: 'spec.rules[0].backendRefs[0].filters[0].requestRedirect.port',
        value: '8080',
        feature: 'HTTPRoutePortRedirect',
      },
    ]);
  });

  it('survives malformed filters', () => {
    const r = route('r', 'team-a', {
      rules: [
        null,
        { filters: 'x' },
        { filters: [null, { type: 'RequestRedirect' }] },
        { backendRefs: [null] },
      ],
    });
    expect(redirectNeeds(r)).toEqual([]);
  });
});

describe('unsupportedRedirect, per field and code, per implementation', () => {
  const cases: [object, keyof typeof FEATURES, string | undefined][] = [
    [{ statusCode: 303 }, 'cilium', 'HTTPRoute303RedirectStatusCode'],
    [{ statusCode: 307 }, 'cilium', 'HTTPRoute307RedirectStatusCode'],
    [{ statusCode: 308 }, 'cilium', 'HTTPRoute308RedirectStatusCode'],
    [{ statusCode: 301 }, 'cilium', undefined],
    [{ statusCode: 302 }, 'cilium', undefined],
    [{ scheme: 'https' }, 'cilium', undefined],
    [{ port: 8443 }, 'cilium', undefined],
    [
      { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
      'cilium',
      undefined,
    ],
    [{ statusCode: 303 }, 'envoy-gateway', undefined],
    [{ statusCode: 307 }, 'envoy-gateway', undefined],
    [{ statusCode: 308, scheme: 'https', port: 1 }, 'envoy-gateway', undefined],
    [
      { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } },
      'envoy-gateway',
      undefined,
    ],
    [{ statusCode: 303 }, 'nginx-gateway-fabric', undefined],
    [{ statusCode: 307 }, 'nginx-gateway-fabric', undefined],
    [
      { statusCode: 308, scheme: 'http', port: 80 },
      'nginx-gateway-fabric',
      undefined,
    ],
    [
      { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } },
      'nginx-gateway-fabric',
      undefined,
    ],
  ];
  it.each(cases)('%j on %s lacks: %s', (redirect, implementation, lacking) => {
    const problem = unsupportedRedirect(
      redirectRoute(redirect),
      'gc',
      FEATURES[implementation],
    );
    expect(problem?.reason).toBe(lacking && 'UnsupportedValue');
    expect(problem?.message.match(/HTTPRoute\w+/g) ?? undefined).toEqual(
      lacking && [lacking],
    );
  });

  it('refuses each extended field a class does not list, naming field, value and feature', () => {
    const problem = unsupportedRedirect(
      redirectRoute(
        { scheme: 'https', port: 8443, statusCode: 301 },
        { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } },
      ),
      'minimal',
      ['Gateway', 'HTTPRoute', 'HTTPRoutePortRedirect'],
    );
    expect(problem).toEqual({
      reason: 'UnsupportedValue',
      message:
        'spec.rules[0].filters[0].requestRedirect.scheme: https needs HTTPRouteSchemeRedirect, which GatewayClass minimal does not list in its supportedFeatures. ' +
        'spec.rules[1].filters[0].requestRedirect.path: {"type":"ReplaceFullPath","replaceFullPath":"/x"} needs HTTPRoutePathRedirect, which GatewayClass minimal does not list in its supportedFeatures.',
    });
  });

  it('refuses a status code no feature covers once a class lists features', () => {
    expect(
      unsupportedRedirect(
        redirectRoute({ statusCode: 399 }),
        'gc',
        FEATURES['envoy-gateway'],
      ),
    ).toEqual({
      reason: 'UnsupportedValue',
      message:
        'spec.rules[0].filters[0].requestRedirect.statusCode: 399 is not a redirect status code this implementation supports.',
    });
  });

  it('does not judge a class that lists no features', () => {
    const r = redirectRoute({ statusCode: 308, scheme: 'https' });
    expect(unsupportedRedirect(r, 'gc', undefined)).toBeUndefined();
    expect(unsupportedRedirect(r, 'gc', [])).toBeUndefined();
  });
});

describe('reconcileGatewayApi: each parent judges redirects with its own implementation', () => {
  const listener = {
    name: 'http',
    port: 80,
    protocol: 'HTTP',
    allowedRoutes: { namespaces: { from: 'All' } },
  };
  const snapshot = (httpRoutes: GatewayApiSnapshot['httpRoutes']) => ({
    gatewayClasses: [
      gatewayClass('eg', { controllerName: ENVOY_GATEWAY_CONTROLLER }),
      gatewayClass('nginx', {
        controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
      }),
      gatewayClass('cilium', { controllerName: CILIUM_CONTROLLER }),
    ],
    gateways: [
      gateway('eg-gw', [listener], { className: 'eg' }),
      gateway('nginx-gw', [listener], { className: 'nginx' }),
      gateway('cilium-gw', [listener], { className: 'cilium' }),
    ],
    httpRoutes,
    grpcRoutes: [],
    tlsRoutes: [],
    tcpRoutes: [],
    referenceGrants: [],
    namespaces: [],
    services: [service('echo', 'team-a')],
    secrets: [],
    envoyProxies: [],
    listenerSets: [],
  });
  const reconcile = (
    redirect: object,
    features: string[] | null = supportedFeatures(() => true),
  ) => {
    const r = route('r', 'team-a', {
      parentRefs: ['eg-gw', 'nginx-gw', 'cilium-gw'].map(name => ({
        name,
        namespace: 'infra',
      })),
      rules: [
        {
          filters: [{ type: 'RequestRedirect', requestRedirect: redirect }],
        },
      ],
    });
    const result = reconcileGatewayApi(snapshot([r]), {
      controllerNames: [
        ENVOY_GATEWAY_CONTROLLER,
        NGINX_GATEWAY_FABRIC_CONTROLLER,
        CILIUM_CONTROLLER,
      ],
      addressPool: ['192.0.2.10-192.0.2.20'],
      loadBalancerReady: () => true,
      supportedFeatures: features ?? undefined,
    });
    const update = result.updates.find(
      u => u.resource === 'httpRoutes' && u.object.metadata.name === 'r',
    );
    const parents: any[] = (update?.status as any).parents;
    return Object.fromEntries<{
      status: string;
      reason: string;
      message: string;
    }>(
      parents.map(p => {
        const accepted = p.conditions.find((c: any) => c.type === 'Accepted');
        return [
          p.parentRef.name,
          {
            status: accepted.status,
            reason: accepted.reason,
            message: accepted.message,
          },
        ];
      }),
    );
  };

  it('Cilium refuses a 308 that Envoy Gateway and NGINX Gateway Fabric accept', () => {
    const accepted = reconcile({ statusCode: 308 });
    expect(accepted['eg-gw']).toMatchObject({
      status: 'True',
      reason: 'Accepted',
    });
    expect(accepted['nginx-gw']).toMatchObject({
      status: 'True',
      reason: 'Accepted',
    });
    expect(accepted['cilium-gw']).toEqual({
      status: 'False',
      reason: 'UnsupportedValue',
      message:
        'spec.rules[0].filters[0].requestRedirect.statusCode: 308 needs HTTPRoute308RedirectStatusCode, which GatewayClass cilium does not list in its supportedFeatures.',
    });
  });

  it('all three accept a scheme, port and path redirect with 301', () => {
    const accepted = reconcile({
      scheme: 'https',
      port: 443,
      path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
      statusCode: 301,
    });
    expect(Object.values(accepted).map(a => a.status)).toEqual([
      'True',
      'True',
      'True',
    ]);
  });

  it('Envoy Gateway, where the cluster reports no features, judges nothing; Cilium and NGINX Gateway Fabric write none then either', () => {
    const accepted = reconcile({ statusCode: 307 }, null);
    expect(Object.values(accepted).map(a => a.status)).toEqual([
      'True',
      'True',
      'True',
    ]);
  });
});
