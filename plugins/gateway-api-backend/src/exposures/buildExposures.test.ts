import { mockServices } from '@backstage/backend-test-utils';
import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { buildExposures } from './buildExposures';

/**
 * Our analysis read against the dev cluster's simulated controllers (which share no code with
 * it) over the example data: every healthy exposure and every common mistake it shows.
 */
describe('buildExposures over the example cluster', () => {
  let cluster: DevCluster;
  let cache: GatewayApiCache;
  let exposures: Exposure[] = [];

  const byHostname = (hostname: string) => {
    const found = exposures.filter(e => e.hostname === hostname);
    if (found.length === 0) throw new Error(`no exposure of ${hostname}`);
    return found;
  };

  beforeAll(async () => {
    let client;
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: {
          stepDelayMs: 10,
          failHttp01Suffixes: ['.fail.team-b.example.org'],
        },
      },
    }));
    cache = new GatewayApiCache([client], {
      logger: mockServices.logger.mock(),
    });
    cache.start();
    await cache.waitForSync();
    // Until the controllers settle: every certificate has left the issuing state.
    const deadline = Date.now() + 150_000;
    for (;;) {
      exposures = buildExposures(cache.snapshot('dev-cluster'), new Date());
      const settled =
        exposures.length > 0 &&
        exposures.every(e => e.tls?.state !== 'issuing') &&
        exposures.every(e =>
          e.route.parents.every(p => p.status.status !== 'unknown'),
        );
      if (settled || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 200));
    }
  }, 180_000);

  afterAll(async () => {
    cache.stop();
    await cluster.close();
  });

  it.each([
    'checkout.team-a.example.org',
    'payments.team-b.example.org',
    'catalog.team-c.example.org',
  ])('%s is Accepted, Programmed and its certificate Ready', hostname => {
    const [exposure] = byHostname(hostname);
    expect(exposure.route.status).toMatchObject({ status: 'ok' });
    expect(exposure.gateways[0].status).toMatchObject({ status: 'ok' });
    expect(exposure.gateways[0].addresses.length).toBeGreaterThan(0);
    expect(exposure.tls).toMatchObject({ state: 'ready' });
    expect(exposure.status.status).toBe('ok');
    expect(exposure.url).toBe(`https://${hostname}/`);
  });

  it('shows the TLS passthrough route as a TLSRoute without a certificate of ours', () => {
    const [ledger] = byHostname('ledger.team-b.example.org');
    expect(ledger.route.kind).toBe('TLSRoute');
    expect(ledger.route.status.status).toBe('ok');
    expect(ledger.tls).toBeUndefined();
  });

  it('warns that the 72-hour certificate expires soon', () => {
    const [billing] = byHostname('billing.team-c.example.org');
    expect(billing.tls).toMatchObject({ state: 'expiring' });
    expect(billing.status.status).toBe('warning');
  });

  it('explains the failing HTTP-01 challenge', () => {
    const [broken] = byHostname('broken.fail.team-b.example.org');
    expect(broken.tls?.state).toBe('failed');
    expect(broken.tls?.acme?.challenges[0]).toMatchObject({ type: 'HTTP-01' });
    expect(broken.tls?.hints.length).toBeGreaterThan(0);
    expect(broken.status.status).toBe('error');
  });

  it.each([
    [
      'a namespace the listener does not allow',
      'legacy-billing-preview',
      'NotAllowedByListeners',
    ],
    ['a parentRef without namespace', 'catalog-api-v2', 'NoMatchingParent'],
    [
      'a cross-namespace backend without ReferenceGrant',
      'payments-reports',
      'RefNotPermitted',
    ],
  ])('reports %s with its reason and a hint', (_what, routeName, reason) => {
    const exposure = exposures.find(e => e.route.name === routeName);
    expect(exposure).toBeDefined();
    const parent = exposure!.route.parents[0];
    expect(parent.status).toMatchObject({ status: 'error', reason });
    expect(parent.status.hint?.fix).toBeTruthy();
    expect(parent.predicted).toMatchObject({ reason });
    expect(exposure!.status.status).toBe('error');
  });

  it('reports the hostname whose listener has no certificate', () => {
    const exposure = exposures.find(e => e.route.name === 'checkout-admin');
    expect(exposure).toBeDefined();
    expect(exposure!.gateways[0].listener?.status).toMatchObject({
      status: 'error',
      reason: 'InvalidCertificateRef',
    });
    expect(exposure!.status.status).toBe('error');
  });

  it('flags a route serving a hostname of another tenant, with the owner and a hint', () => {
    const [invoices] = byHostname('invoices.team-a.example.org');
    expect(invoices.tenant).toBe('team-c');
    expect(invoices.tenancy).toMatchObject({
      status: 'error',
      reason: 'HostnameOfAnotherTenant',
      summary: expect.stringContaining('tenant "team-a"'),
    });
    expect(invoices.tenancy?.hint?.fix).toBeTruthy();
    expect(invoices.status.status).toBe('error');
    // Every tenant's own hostnames, and the platform's redirect routes, are left alone.
    const flagged = exposures.filter(e => e.tenancy).map(e => e.hostname);
    expect(flagged).toEqual(['invoices.team-a.example.org']);
  });

  it('reports a policy meant for a Gateway but created in another namespace', () => {
    const exposure = exposures.find(e => e.route.name === 'checkout-admin');
    expect(exposure!.gateways[0].ignoredPolicies).toEqual([
      expect.objectContaining({
        status: 'error',
        summary: expect.stringContaining(
          'ClientTrafficPolicy "checkout/checkout-admin" targets Gateway "checkout-admin", which is in namespace "tenant-team-a"',
        ),
        hint: expect.objectContaining({
          fix: 'Create the policy in the namespace of the Gateway it targets.',
        }),
      }),
    ]);
    // Gateways no misplaced policy names carry none.
    const [checkout] = byHostname('checkout.team-a.example.org');
    expect(checkout.gateways[0].ignoredPolicies).toBeUndefined();
  });

  it("predicts every listener's conditions as the controller writes them (Programmed included)", () => {
    const listeners = exposures.flatMap(e =>
      e.gateways.flatMap(g =>
        g.listener ? [{ hostname: e.hostname, listener: g.listener }] : [],
      ),
    );
    expect(listeners.length).toBeGreaterThan(5);
    const verdicts = listeners.map(({ hostname, listener }) => [
      hostname,
      listener.name,
      listener.status.status,
      listener.status.reason,
    ]);
    const predictions = listeners.map(({ hostname, listener }) => [
      hostname,
      listener.name,
      listener.predicted?.status,
      listener.predicted?.reason,
    ]);
    expect(predictions).toEqual(verdicts);
    // The listener without its certificate is among them, not programmed.
    expect(verdicts).toContainEqual([
      'admin.checkout.team-a.example.org',
      'https',
      'error',
      'InvalidCertificateRef',
    ]);
  });

  it.each([
    [
      'direct.checkout.team-a.example.org',
      ['proxyProtocolWithoutClientTrafficPolicy'],
    ],
    [
      'edge.checkout.team-a.example.org',
      ['proxyProtocolOptional', 'clientIpModesMixed', 'wrongNumTrustedHops'],
    ],
    ['r01.checkout.team-a.example.org', ['listenerCountNearLimit']],
    ['checkout.team-a.example.org', []],
  ])(
    "finds the client-IP and listener mistakes of %s's Gateway",
    (hostname, ids) => {
      const [exposure] = byHostname(hostname);
      const found = exposure.gateways.flatMap(g => g.mistakes ?? []);
      expect(found.map(m => m.mistake)).toEqual(ids);
      expect(found.filter(m => !m.hint?.fix)).toEqual([]);
      // A Gateway with a mistake does not read as working.
      expect(exposure.status.status === 'ok').toBe(ids.length === 0);
    },
  );

  it('shows the policy whose targetRefs match nothing on the hostnames of its namespace, without failing them', () => {
    const [checkout] = byHostname('checkout.team-a.example.org');
    expect(checkout.unattachedPolicies).toEqual([
      expect.objectContaining({
        mistake: 'policyTargetNotFound',
        summary:
          'BackendTrafficPolicy "checkout/checkout-v1-retries": HTTPRoute "checkout-v1" matches nothing in namespace "checkout", so the policy applies to nothing.',
      }),
    ]);
    expect(checkout.status.status).toBe('ok');
    const [payments] = byHostname('payments.team-b.example.org');
    expect(
      payments.unattachedPolicies?.filter(
        p => p.mistake === 'policyTargetNotFound',
      ),
    ).toEqual([]);
  });

  it('shows a policy of one implementation on what another serves as read by neither (94-policies-two-implementations.yaml)', () => {
    const [api] = byHostname('api.payments.team-b.example.org');
    const [payments] = byHostname('payments.team-b.example.org');
    expect(api.gateways.map(g => g.controllerName)).toEqual([
      'gateway.nginx.org/nginx-gateway-controller',
    ]);
    expect(payments.gateways.map(g => g.controllerName)).toEqual([
      'gateway.envoyproxy.io/gatewayclass-controller',
    ]);
    // Envoy Gateway's retries on the route NGINX Gateway Fabric serves, and NGINX Gateway
    // Fabric's load balancing on the Service only Envoy Gateway's route sends to: in force on
    // neither hostname.
    expect(api.policies?.map(p => p.name)).not.toContain(
      'payments-api-retries',
    );
    expect(payments.policies?.map(p => p.name)).not.toContain('payments-lb');
    for (const exposure of [api, payments]) {
      expect(
        exposure.unattachedPolicies?.map(p => [p.status, p.mistake, p.summary]),
      ).toEqual([
        [
          'warning',
          'policyOfAnotherImplementation',
          'BackendTrafficPolicy "payments/payments-api-retries" is Envoy Gateway\'s, but Gateway "tenant-team-b/nginx" is served by NGINX Gateway Fabric: not read, so the policy applies to nothing.',
        ],
        [
          'warning',
          'policyOfAnotherImplementation',
          'UpstreamSettingsPolicy "payments/payments-lb" is NGINX Gateway Fabric\'s, but Gateway "tenant-team-b/gateway" is served by Envoy Gateway: not read, so the policy applies to nothing.',
        ],
      ]);
      // Shown with the hostname, not counted in its status.
      expect(exposure.status.status).toBe('ok');
    }
  });

  it("lists the policies in force on checkout's hostname, which wins, and the controller's verdict", () => {
    const [checkout] = byHostname('checkout.team-a.example.org');
    expect(
      checkout.policies?.map(p => [
        `${p.kind} ${p.namespace}/${p.name}`,
        p.precedence,
        p.overriddenBy,
        p.status.status,
        p.status.reason,
      ]),
    ).toEqual([
      [
        'BackendTrafficPolicy checkout/checkout',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      [
        'BackendTrafficPolicy tenant-team-a/checkout-gateway-defaults',
        'overridden',
        'BackendTrafficPolicy checkout/checkout',
        'ok',
        undefined,
      ],
      [
        'ClientTrafficPolicy tenant-team-a/checkout',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      [
        'SecurityPolicy checkout/checkout-cors',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      [
        'SecurityPolicy checkout/checkout-jwt',
        'conflicted',
        'SecurityPolicy checkout/checkout-cors',
        'error',
        'Conflicted',
      ],
    ]);
    expect(checkout.policies?.[0].settings).toEqual([
      'request timeout 5s',
      'retries 3 on 5xx, reset',
      'rate limit (local) 100/Minute',
    ]);
    expect(checkout.policies?.[2].settings).toEqual([
      'client IP from X-Forwarded-For (1 trusted hop)',
    ]);
    // The conflicted one changes nothing for the hostname, which still works.
    expect(checkout.status.status).toBe('ok');
  });

  it("lists NGINX Gateway Fabric's policies in force on api.payments.team-b.example.org, merged field by field, with its verdicts", () => {
    const [api] = byHostname('api.payments.team-b.example.org');
    expect(api.status.status).toBe('ok');
    expect(
      api.policies?.map(p => [
        `${p.kind} ${p.namespace}/${p.name}`,
        p.implementation,
        p.precedence,
        p.overriddenBy,
        p.status.status,
        p.status.reason,
      ]),
    ).toEqual([
      [
        'ClientSettingsPolicy payments/payments-api-uploads',
        'nginx-gateway-fabric',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      [
        'ClientSettingsPolicy payments/payments-api-uploads-strict',
        'nginx-gateway-fabric',
        'conflicted',
        'ClientSettingsPolicy payments/payments-api-uploads',
        'error',
        'Conflicted',
      ],
      [
        'ClientSettingsPolicy tenant-team-b/nginx-defaults',
        'nginx-gateway-fabric',
        'merged',
        'ClientSettingsPolicy payments/payments-api-uploads',
        'ok',
        undefined,
      ],
      [
        'ProxySettingsPolicy payments/payments-api',
        'nginx-gateway-fabric',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      [
        'UpstreamSettingsPolicy payments/payments-api',
        'nginx-gateway-fabric',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      // The route's WAF bundle replaces the Gateway's whole.
      [
        'WAFPolicy payments/payments-api',
        'nginx-gateway-fabric',
        'effective',
        undefined,
        'ok',
        undefined,
      ],
      [
        'WAFPolicy tenant-team-b/nginx-baseline',
        'nginx-gateway-fabric',
        'overridden',
        'WAFPolicy payments/payments-api',
        'ok',
        undefined,
      ],
    ]);
    // The controller marks the route with the kinds applied to it, which inform only.
    expect(api.route.parents[0].status).toEqual({
      status: 'ok',
      summary:
        'tenant-team-b/nginx/api.payments.team-b.example.org: Accepted, ResolvedRefs; policies applied: ClientSettingsPolicy, ProxySettingsPolicy, WAFPolicy.',
    });
    expect(api.policies?.[0].settings).toEqual([
      'request body up to 50m',
      'body timeout 60s',
    ]);
    // The payments route on team-b's Envoy Gateway has none of them.
    const [payments] = byHostname('payments.team-b.example.org');
    expect(payments.policies?.map(p => p.implementation)).toEqual([
      'envoy-gateway',
    ]);
  });

  it('ties each exposure to its component and tenant', () => {
    const [checkout] = byHostname('checkout.team-a.example.org');
    expect(checkout).toMatchObject({
      entityRef: 'component:default/checkout',
      tenant: 'team-a',
      cluster: 'dev-cluster',
    });
  });
});
