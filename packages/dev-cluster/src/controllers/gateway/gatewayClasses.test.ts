import { reconcileGatewayClass, supportedFeatures } from './gatewayClasses';

const gatewayClass = (parametersRef?: object) => ({
  metadata: { name: 'eg', generation: 2 },
  spec: {
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    parametersRef,
  },
});
const proxy = (mergeGateways?: boolean) => ({
  metadata: { name: 'merged', namespace: 'envoy-gateway-system' },
  spec: { mergeGateways },
});
const proxyRef = {
  group: 'gateway.envoyproxy.io',
  kind: 'EnvoyProxy',
  name: 'merged',
  namespace: 'envoy-gateway-system',
};

describe('reconcileGatewayClass', () => {
  it('accepts a class without parameters', () => {
    const result = reconcileGatewayClass(gatewayClass(), []);
    expect(result.accepted).toBe(true);
    expect(result.mergeGateways).toBe(false);
    expect(result.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          observedGeneration: 2,
        }),
      ]),
    );
  });

  it('reads mergeGateways from the referenced EnvoyProxy', () => {
    expect(
      reconcileGatewayClass(gatewayClass(proxyRef), [proxy(true)])
        .mergeGateways,
    ).toBe(true);
    expect(
      reconcileGatewayClass(gatewayClass(proxyRef), [proxy()]).mergeGateways,
    ).toBe(false);
  });

  it.each([
    [
      'a missing EnvoyProxy',
      proxyRef,
      /EnvoyProxy envoy-gateway-system\/merged not found/,
    ],
    [
      'another kind',
      { ...proxyRef, group: 'example.com', kind: 'Config' },
      /Unsupported/,
    ],
    ['no namespace', { ...proxyRef, namespace: undefined }, /namespace/],
  ])('refuses %s with InvalidParameters', (_, ref, message) => {
    const result = reconcileGatewayClass(gatewayClass(ref), []);
    expect(result.accepted).toBe(false);
    expect((result.status.conditions as any[])[0]).toMatchObject({
      type: 'Accepted',
      status: 'False',
      reason: 'InvalidParameters',
      message: expect.stringMatching(message),
    });
  });
});

describe('supportedFeatures', () => {
  it('names one feature per served kind, sorted, with ListenerSet only when served', () => {
    const v141 = new Set([
      'gateways',
      'httpRoutes',
      'grpcRoutes',
      'referenceGrants',
    ]);
    const redirects = [
      'HTTPRoute303RedirectStatusCode',
      'HTTPRoute307RedirectStatusCode',
      'HTTPRoute308RedirectStatusCode',
      'HTTPRoutePathRedirect',
      'HTTPRoutePortRedirect',
      'HTTPRouteSchemeRedirect',
    ];
    expect(supportedFeatures(r => v141.has(r))).toEqual([
      'GRPCRoute',
      'Gateway',
      'HTTPRoute',
      ...redirects,
      'ReferenceGrant',
    ]);
    expect(supportedFeatures(r => r !== 'httpRoutes')).not.toContain(
      'HTTPRouteSchemeRedirect',
    );
    expect(supportedFeatures(() => true)).toEqual([
      'GRPCRoute',
      'Gateway',
      'HTTPRoute',
      ...redirects,
      'ListenerSet',
      'ReferenceGrant',
      'TCPRoute',
      'TLSRoute',
    ]);
  });

  it('writes them into the class status when given', () => {
    const result = reconcileGatewayClass(
      gatewayClass(),
      [],
      ['Gateway', 'ListenerSet'],
    );
    expect(result.status.supportedFeatures).toEqual([
      { name: 'Gateway' },
      { name: 'ListenerSet' },
    ]);
    expect(reconcileGatewayClass(gatewayClass(), []).status).not.toHaveProperty(
      'supportedFeatures',
    );
  });
});
