import { HostnamePolicyScope, policiesInForce } from './inForce';
import { policySettings } from './kinds';
import { ImplementationPolicy } from './types';

const GW = 'gateway.networking.k8s.io';

const scope: HostnamePolicyScope = {
  route: {
    kind: 'HTTPRoute',
    namespace: 'checkout',
    name: 'checkout',
    labels: { app: 'checkout' },
  },
  gateways: [
    {
      gateway: {
        kind: 'Gateway',
        namespace: 'tenant-team-a',
        name: 'checkout',
        labels: { tier: 'edge' },
      },
      listenerName: 'https',
    },
  ],
  backends: [{ namespace: 'checkout', name: 'checkout' }],
};

let clock = 0;
const policy = (
  kind: string,
  namespace: string,
  name: string,
  spec: ImplementationPolicy['spec'],
  extra: Partial<ImplementationPolicy> = {},
): ImplementationPolicy => ({
  kind,
  metadata: {
    namespace,
    name,
    creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, clock++))
      .toISOString()
      .replace('.000', ''),
  },
  spec,
  ...extra,
});
const toRoute = (sectionName?: string) => ({
  targetRefs: [
    {
      group: GW,
      kind: 'HTTPRoute',
      name: 'checkout',
      ...(sectionName && { sectionName }),
    },
  ],
});
const toGateway = (sectionName?: string) => ({
  targetRefs: [
    {
      group: GW,
      kind: 'Gateway',
      name: 'checkout',
      ...(sectionName && { sectionName }),
    },
  ],
});

const verdicts = (policies: ImplementationPolicy[]) =>
  policiesInForce(policies, scope).map(p => [
    `${p.kind} ${p.name}`,
    p.precedence,
    p.overriddenBy,
  ]);

describe('which policies apply to a hostname, and which wins', () => {
  beforeEach(() => {
    clock = 0;
  });

  it('a route policy overrides a Gateway policy of the same kind, not of another kind', () => {
    const gatewayWide = policy('BackendTrafficPolicy', 'tenant-team-a', 'gw', {
      ...toGateway(),
      timeout: { http: { requestTimeout: '15s' } },
    });
    const onRoute = policy('BackendTrafficPolicy', 'checkout', 'route', {
      ...toRoute(),
      timeout: { http: { requestTimeout: '5s' } },
    });
    const security = policy('SecurityPolicy', 'tenant-team-a', 'sec', {
      ...toGateway(),
      cors: { allowOrigins: ['https://shop.example.org'] },
    });
    expect(verdicts([gatewayWide, security, onRoute])).toEqual([
      ['BackendTrafficPolicy route', 'effective', undefined],
      [
        'BackendTrafficPolicy gw',
        'overridden',
        'BackendTrafficPolicy checkout/route',
      ],
      ['SecurityPolicy sec', 'effective', undefined],
    ]);
  });

  it('a listener (sectionName) policy overrides the whole-Gateway one; another listener’s does not apply', () => {
    const whole = policy('ClientTrafficPolicy', 'tenant-team-a', 'whole', {
      ...toGateway(),
      clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
    });
    const https = policy('ClientTrafficPolicy', 'tenant-team-a', 'https', {
      ...toGateway('https'),
      proxyProtocol: { optional: false },
    });
    const http = policy('ClientTrafficPolicy', 'tenant-team-a', 'http', {
      ...toGateway('http'),
    });
    expect(verdicts([whole, https, http])).toEqual([
      ['ClientTrafficPolicy https', 'effective', undefined],
      [
        'ClientTrafficPolicy whole',
        'overridden',
        'ClientTrafficPolicy tenant-team-a/https',
      ],
    ]);
  });

  it('between two policies of a kind on one target the oldest holds it, then the first by name', () => {
    const older = policy('SecurityPolicy', 'checkout', 'zz-older', toRoute());
    const newer = policy('SecurityPolicy', 'checkout', 'aa-newer', toRoute());
    expect(verdicts([newer, older])).toEqual([
      ['SecurityPolicy zz-older', 'effective', undefined],
      [
        'SecurityPolicy aa-newer',
        'conflicted',
        'SecurityPolicy checkout/zz-older',
      ],
    ]);
    const sameTime = { creationTimestamp: '2026-01-01T00:00:00Z' };
    const b = policy('SecurityPolicy', 'checkout', 'b', toRoute());
    const a = policy('SecurityPolicy', 'checkout', 'a', toRoute());
    b.metadata = { ...b.metadata, ...sameTime };
    a.metadata = { ...a.metadata, ...sameTime };
    expect(verdicts([b, a]).map(v => v[1])).toEqual([
      'effective',
      'conflicted',
    ]);
    expect(verdicts([b, a])[0][0]).toBe('SecurityPolicy a');
  });

  it('a route rule (sectionName) policy is more specific than the route’s', () => {
    const route = policy(
      'BackendTrafficPolicy',
      'checkout',
      'route',
      toRoute(),
    );
    const rule = policy(
      'BackendTrafficPolicy',
      'checkout',
      'rule',
      toRoute('api'),
    );
    expect(verdicts([route, rule]).map(v => v.slice(0, 2))).toEqual([
      ['BackendTrafficPolicy rule', 'effective'],
      ['BackendTrafficPolicy route', 'overridden'],
    ]);
  });

  it('a more specific policy with mergeType merges over the less specific one', () => {
    const gatewayWide = policy(
      'BackendTrafficPolicy',
      'tenant-team-a',
      'gw',
      toGateway(),
    );
    const merging = policy('BackendTrafficPolicy', 'checkout', 'route', {
      ...toRoute(),
      mergeType: 'StrategicMerge',
    });
    expect(verdicts([gatewayWide, merging])).toEqual([
      ['BackendTrafficPolicy route', 'effective', undefined],
      [
        'BackendTrafficPolicy gw',
        'merged',
        'BackendTrafficPolicy checkout/route',
      ],
    ]);
  });

  it.each<[string, ImplementationPolicy]>([
    [
      'a policy in another namespace than its target',
      policy('BackendTrafficPolicy', 'payments', 'x', toRoute()),
    ],
    [
      'a kind the target kinds of the CRD exclude (ClientTrafficPolicy on a route)',
      policy('ClientTrafficPolicy', 'checkout', 'x', toRoute()),
    ],
    [
      'a kind Gatehouse does not know',
      policy('RetryPolicy', 'checkout', 'x', toRoute()),
    ],
    [
      'a selector matching other labels',
      policy('BackendTrafficPolicy', 'checkout', 'x', {
        targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 'shop' } }],
      }),
    ],
    [
      'another group of the same kind name',
      policy('BackendTrafficPolicy', 'checkout', 'x', {
        targetRefs: [
          { group: 'example.org', kind: 'HTTPRoute', name: 'checkout' },
        ],
      }),
    ],
  ])('leaves out %s', (_n, p) => {
    expect(policiesInForce([p], scope)).toEqual([]);
  });

  it('finds policies by label selector, and NGINX Gateway Fabric policies on backends', () => {
    const bySelector = policy('SecurityPolicy', 'tenant-team-a', 'edge', {
      targetSelectors: [{ kind: 'Gateway', matchLabels: { tier: 'edge' } }],
      basicAuth: { users: { name: 'htpasswd' } },
    });
    const upstream = policy('UpstreamSettingsPolicy', 'checkout', 'lb', {
      targetRefs: [{ group: 'core', kind: 'Service', name: 'checkout' }],
      loadBalancingMethod: 'ip_hash',
    });
    const applied = policiesInForce([bySelector, upstream], scope);
    expect(
      applied.map(p => [p.kind, p.implementation, p.target, p.settings]),
    ).toEqual([
      [
        'SecurityPolicy',
        'envoy-gateway',
        { kind: 'Gateway', namespace: 'tenant-team-a', name: 'checkout' },
        ['basic authentication'],
      ],
      [
        'UpstreamSettingsPolicy',
        'nginx-gateway-fabric',
        { kind: 'Service', namespace: 'checkout', name: 'checkout' },
        ['load balancing ip_hash'],
      ],
    ]);
  });
});

describe("NGINX Gateway Fabric's policies, merged field by field", () => {
  beforeEach(() => {
    clock = 0;
  });
  const csp = (
    namespace: string,
    name: string,
    target: 'Gateway' | 'HTTPRoute',
    settings: Record<string, unknown>,
  ) =>
    policy('ClientSettingsPolicy', namespace, name, {
      targetRef: { group: GW, kind: target, name: 'checkout' },
      ...settings,
    });

  it('two on one target conflict only where both set a field', () => {
    const older = csp('checkout', 'uploads', 'HTTPRoute', {
      body: { maxSize: '50m' },
    });
    const sameField = csp('checkout', 'small', 'HTTPRoute', {
      body: { maxSize: '1m' },
    });
    const otherField = csp('checkout', 'keepalive', 'HTTPRoute', {
      keepAlive: { requests: 100 },
    });
    expect(verdicts([otherField, sameField, older])).toEqual([
      ['ClientSettingsPolicy uploads', 'effective', undefined],
      [
        'ClientSettingsPolicy small',
        'conflicted',
        'ClientSettingsPolicy checkout/uploads',
      ],
      ['ClientSettingsPolicy keepalive', 'effective', undefined],
    ]);
  });

  it('a route policy overrides the Gateway one only in the fields it sets too', () => {
    const gatewayWide = csp('tenant-team-a', 'defaults', 'Gateway', {
      body: { maxSize: '10m' },
      keepAlive: { timeout: { server: '30s' } },
    });
    const bodyOnly = csp('tenant-team-a', 'body-only', 'Gateway', {
      body: { timeout: '10s' },
    });
    const onRoute = csp('checkout', 'uploads', 'HTTPRoute', {
      body: { maxSize: '50m', timeout: '60s' },
    });
    expect(verdicts([gatewayWide, bodyOnly, onRoute])).toEqual([
      ['ClientSettingsPolicy uploads', 'effective', undefined],
      [
        'ClientSettingsPolicy defaults',
        'merged',
        'ClientSettingsPolicy checkout/uploads',
      ],
      [
        'ClientSettingsPolicy body-only',
        'overridden',
        'ClientSettingsPolicy checkout/uploads',
      ],
    ]);
  });

  // Each kind's validator's Conflicts at NGINX Gateway Fabric v2.6.7: which two policies on
  // one target conflict (the newer is Conflicted), field by field.
  const TARGETS = {
    Gateway: { group: GW, kind: 'Gateway', name: 'checkout' },
    HTTPRoute: { group: GW, kind: 'HTTPRoute', name: 'checkout' },
    Service: { group: 'core', kind: 'Service', name: 'checkout' },
  };
  it.each<
    [
      string,
      keyof typeof TARGETS,
      Record<string, unknown>,
      Record<string, unknown>,
      boolean,
    ]
  >([
    [
      'ClientSettingsPolicy',
      'HTTPRoute',
      { body: { timeout: '10s' } },
      { body: { timeout: '60s' } },
      true,
    ],
    [
      'ClientSettingsPolicy',
      'HTTPRoute',
      { body: { maxSize: '1m' } },
      { body: { maxSize: '50m' } },
      true,
    ],
    [
      'ClientSettingsPolicy',
      'Gateway',
      { keepAlive: { requests: 10 } },
      { keepAlive: { requests: 100 } },
      true,
    ],
    [
      'ClientSettingsPolicy',
      'Gateway',
      { keepAlive: { time: '1h' } },
      { keepAlive: { time: '2h' } },
      true,
    ],
    [
      'ClientSettingsPolicy',
      'Gateway',
      { keepAlive: { minTimeout: '1s' } },
      { keepAlive: { minTimeout: '2s' } },
      true,
    ],
    [
      'ClientSettingsPolicy',
      'Gateway',
      { keepAlive: { timeout: { server: '30s' } } },
      { keepAlive: { timeout: { header: '10s' } } },
      true,
    ],
    [
      'ClientSettingsPolicy',
      'HTTPRoute',
      { body: { maxSize: '1m' } },
      { body: { timeout: '60s' } },
      false,
    ],
    [
      'ClientSettingsPolicy',
      'Gateway',
      { body: { maxSize: '1m' } },
      { keepAlive: { requests: 100 } },
      false,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { buffering: { disable: true } },
      { buffering: { disable: false } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { buffering: { bufferSize: '4k' } },
      { buffering: { bufferSize: '8k' } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { buffering: { buffers: { number: 8, size: '4k' } } },
      { buffering: { buffers: { number: 4, size: '8k' } } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'Gateway',
      { buffering: { busyBuffersSize: '8k' } },
      { buffering: { busyBuffersSize: '16k' } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'Gateway',
      { timeout: { connect: '5s' } },
      { timeout: { connect: '10s' } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { timeout: { read: '30s' } },
      { timeout: { read: '60s' } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { timeout: { send: '30s' } },
      { timeout: { send: '60s' } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { buffering: { disable: true } },
      { timeout: { read: '30s' } },
      false,
    ],
    [
      'ProxySettingsPolicy',
      'HTTPRoute',
      { timeout: { read: '30s' } },
      { timeout: { send: '30s' } },
      false,
    ],
    [
      'RateLimitPolicy',
      'HTTPRoute',
      { rateLimit: { dryRun: true } },
      { rateLimit: { dryRun: false } },
      true,
    ],
    [
      'RateLimitPolicy',
      'Gateway',
      { rateLimit: { logLevel: 'warn' } },
      { rateLimit: { logLevel: 'error' } },
      true,
    ],
    [
      'RateLimitPolicy',
      'HTTPRoute',
      { rateLimit: { rejectCode: 429 } },
      { rateLimit: { rejectCode: 503 } },
      true,
    ],
    // Two sets of local rules both apply: the rules are not among the fields that conflict.
    [
      'RateLimitPolicy',
      'HTTPRoute',
      {
        rateLimit: {
          local: { rules: [{ rate: '10r/s', key: '$binary_remote_addr' }] },
        },
      },
      {
        rateLimit: {
          local: { rules: [{ rate: '100r/s', key: '$binary_remote_addr' }] },
        },
      },
      false,
    ],
    [
      'RateLimitPolicy',
      'HTTPRoute',
      { rateLimit: { dryRun: true } },
      { rateLimit: { rejectCode: 429 } },
      false,
    ],
    [
      'ObservabilityPolicy',
      'HTTPRoute',
      { tracing: { strategy: 'ratio', ratio: 10 } },
      { tracing: { strategy: 'parent' } },
      true,
    ],
    [
      'ObservabilityPolicy',
      'HTTPRoute',
      { tracing: { strategy: 'ratio' } },
      {},
      false,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { zoneSize: '512k' },
      { zoneSize: '1m' },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { keepAlive: { connections: 16 } },
      { keepAlive: { connections: 32 } },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { keepAlive: { requests: 100 } },
      { keepAlive: { requests: 1000 } },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { keepAlive: { time: '1h' } },
      { keepAlive: { time: '2h' } },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { keepAlive: { timeout: '60s' } },
      { keepAlive: { timeout: '30s' } },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { loadBalancingMethod: 'ip_hash' },
      { loadBalancingMethod: 'random' },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { hashMethodKey: '$request_uri' },
      { hashMethodKey: '$remote_addr' },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { zoneSize: '512k' },
      { loadBalancingMethod: 'ip_hash' },
      false,
    ],
    [
      'UpstreamSettingsPolicy',
      'Service',
      { keepAlive: { connections: 16 } },
      { keepAlive: { timeout: '60s' } },
      false,
    ],
    // Never: each policy's snippets, each WAF bundle, is written into the config.
    [
      'SnippetsPolicy',
      'Gateway',
      { snippets: [{ context: 'http', value: 'aio on;' }] },
      { snippets: [{ context: 'http', value: 'aio on;' }] },
      false,
    ],
    [
      'WAFPolicy',
      'HTTPRoute',
      {
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.com/strict.tgz' },
        },
      },
      {
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.com/base.tgz' },
        },
      },
      false,
    ],
    [
      'WAFPolicy',
      'Gateway',
      {
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.com/strict.tgz' },
        },
      },
      {
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.com/strict.tgz' },
        },
      },
      false,
    ],
  ])(
    '%s on a %s: %j then %j conflict: %s',
    (kind, target, olderSpec, newerSpec, conflicts) => {
      const namespace = target === 'Gateway' ? 'tenant-team-a' : 'checkout';
      const targetRefs = { targetRefs: [TARGETS[target]] };
      const older = policy(kind, namespace, 'older', {
        ...targetRefs,
        ...olderSpec,
      });
      const newer = policy(kind, namespace, 'newer', {
        ...targetRefs,
        ...newerSpec,
      });
      expect(verdicts([newer, older])).toEqual([
        [`${kind} older`, 'effective', undefined],
        conflicts
          ? [`${kind} newer`, 'conflicted', `${kind} ${namespace}/older`]
          : [`${kind} newer`, 'effective', undefined],
      ]);
    },
  );

  it('a route WAFPolicy replaces the Gateway one whole; two on the route both stay in force', () => {
    const waf = (ns: string, name: string, target: 'Gateway' | 'HTTPRoute') =>
      policy('WAFPolicy', ns, name, {
        targetRefs: [TARGETS[target]],
        type: 'HTTP',
        policySource: {
          httpSource: { url: `https://bundles.example.com/${name}.tgz` },
        },
      });
    expect(
      verdicts([
        waf('tenant-team-a', 'baseline', 'Gateway'),
        waf('checkout', 'strict', 'HTTPRoute'),
        waf('checkout', 'uploads', 'HTTPRoute'),
      ]),
    ).toEqual([
      ['WAFPolicy strict', 'effective', undefined],
      ['WAFPolicy uploads', 'effective', undefined],
      ['WAFPolicy baseline', 'overridden', 'WAFPolicy checkout/strict'],
    ]);
  });

  it("reads the controller's verdict on a route policy from the route's own ancestor entry", () => {
    const onRoute = csp('checkout', 'uploads', 'HTTPRoute', {
      body: { maxSize: '50m' },
    });
    onRoute.status = {
      ancestors: [
        {
          ancestorRef: {
            group: GW,
            kind: 'HTTPRoute',
            namespace: 'checkout',
            name: 'checkout',
          },
          controllerName: 'gateway.nginx.org/nginx-gateway-controller',
          conditions: [
            {
              type: 'Accepted',
              status: 'False',
              reason: 'Conflicted',
              message: 'Conflicts with another ClientSettingsPolicy',
            },
          ],
        },
      ],
    };
    const [applied] = policiesInForce([onRoute], scope);
    expect(applied.status.status).toBe('error');
    expect(applied.status.summary).toMatch(
      /on HTTPRoute "checkout\/checkout".*Conflicts with another ClientSettingsPolicy/,
    );
    // An Envoy Gateway policy on the route is not read from a route entry.
    const envoy = policy('BackendTrafficPolicy', 'checkout', 'btp', toRoute());
    envoy.status = onRoute.status;
    expect(policiesInForce([envoy], scope)[0].status.status).toBe('unknown');
  });
});

describe("the controller's verdict on a policy", () => {
  const ancestor = (
    name: string,
    conditions: Array<{ type: string; status: string; reason: string }>,
    sectionName?: string,
  ) => ({
    ancestorRef: {
      group: GW,
      kind: 'Gateway',
      name,
      namespace: 'tenant-team-a',
      ...(sectionName && { sectionName }),
    },
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    conditions,
  });

  it.each<[string, ImplementationPolicy['status'], string, string | undefined]>(
    [
      ['nothing reported', undefined, 'unknown', undefined],
      [
        'Accepted',
        {
          ancestors: [
            ancestor('checkout', [
              { type: 'Accepted', status: 'True', reason: 'Accepted' },
            ]),
          ],
        },
        'ok',
        undefined,
      ],
      [
        'Conflicted',
        {
          ancestors: [
            ancestor('checkout', [
              { type: 'Accepted', status: 'False', reason: 'Conflicted' },
            ]),
          ],
        },
        'error',
        'Conflicted',
      ],
      [
        'reported for another Gateway only',
        {
          ancestors: [
            ancestor('other', [
              { type: 'Accepted', status: 'True', reason: 'Accepted' },
            ]),
          ],
        },
        'unknown',
        undefined,
      ],
      [
        "Accepted on this hostname's listener, Conflicted on another",
        {
          ancestors: [
            ancestor(
              'checkout',
              [{ type: 'Accepted', status: 'False', reason: 'Conflicted' }],
              'http',
            ),
            ancestor(
              'checkout',
              [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
              'https',
            ),
          ],
        },
        'ok',
        undefined,
      ],
    ],
  )('%s', (_n, status, level, reason) => {
    const [applied] = policiesInForce(
      [
        {
          kind: 'SecurityPolicy',
          metadata: { namespace: 'tenant-team-a', name: 'sec' },
          spec: toGateway(),
          status,
        },
      ],
      scope,
    );
    expect(applied.status.status).toBe(level);
    expect(applied.status.reason).toBe(reason);
    expect(applied.status.hint?.fix ?? 'no hint').toMatch(
      reason ? /older policy/ : /^no hint$/,
    );
  });
});

describe('what a policy sets, in short', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'BackendTrafficPolicy',
      {
        timeout: {
          http: { requestTimeout: '5s' },
          tcp: { connectTimeout: '2s' },
        },
        retry: { numRetries: 3, retryOn: { triggers: ['5xx', 'reset'] } },
        rateLimit: {
          type: 'Local',
          local: { rules: [{ limit: { requests: 100, unit: 'Minute' } }] },
        },
      },
      [
        'request timeout 5s',
        'TCP connect timeout 2s',
        'retries 3 on 5xx, reset',
        'rate limit (local) 100/Minute',
      ],
    ],
    [
      'SecurityPolicy',
      {
        cors: { allowOrigins: ['https://a.example.org'] },
        jwt: { providers: [] },
        authorization: { defaultAction: 'Deny', rules: [{}] },
      },
      [
        'CORS from https://a.example.org',
        'JWT authentication',
        'authorization (1 rule, default Deny)',
      ],
    ],
    [
      'ClientTrafficPolicy',
      {
        proxyProtocol: { optional: true },
        timeout: { http: { requestReceivedTimeout: '10s' } },
      },
      [
        'client IP from PROXY protocol (optional)',
        'client request received timeout 10s',
      ],
    ],
    [
      'ClientTrafficPolicy',
      { clientIPDetection: { xForwardedFor: { numTrustedHops: 2 } } },
      ['client IP from X-Forwarded-For (2 trusted hops)'],
    ],
    [
      'RateLimitPolicy',
      {
        rateLimit: {
          local: { rules: [{ rate: '10r/s', key: '$binary_remote_addr' }] },
        },
      },
      ['rate limit (local) 10r/s'],
    ],
    [
      'ClientSettingsPolicy',
      { body: { maxSize: '10m', timeout: '30s' } },
      ['request body up to 10m', 'body timeout 30s'],
    ],
    [
      'ProxySettingsPolicy',
      { timeout: { read: '60s' } },
      ['upstream read timeout 60s'],
    ],
    ['UnknownPolicy', { anything: true }, []],
  ])('%s %j', (kind, spec, settings) => {
    expect(
      policySettings({ kind, metadata: { name: 'p' }, spec: spec as never }),
    ).toEqual(settings);
  });
});

describe('only the implementation serving a Gateway reads its policies', () => {
  beforeEach(() => {
    clock = 0;
  });
  const ENVOY = 'gateway.envoyproxy.io/gatewayclass-controller';
  const NGINX = 'gateway.nginx.org/nginx-gateway-controller';
  const gatewayOf = (name: string, controllerName?: string) => ({
    gateway: { kind: 'Gateway', namespace: 'tenant-team-a', name },
    ...(controllerName !== undefined && { controllerName }),
    listenerName: 'https',
  });
  const served = (
    ...gateways: Array<ReturnType<typeof gatewayOf>>
  ): HostnamePolicyScope => ({ ...scope, gateways });
  // Both implementations' policies on one route, its Gateways and its one Service.
  const onService = policy('UpstreamSettingsPolicy', 'checkout', 'upstream', {
    targetRefs: [{ group: '', kind: 'Service', name: 'checkout' }],
    keepAlive: { connections: 16 },
  });
  const onRouteEnvoy = policy('BackendTrafficPolicy', 'checkout', 'timeouts', {
    ...toRoute(),
    timeout: { http: { requestTimeout: '5s' } },
  });
  const onRouteNginx = policy('ClientSettingsPolicy', 'checkout', 'uploads', {
    ...toRoute(),
    body: { maxSize: '50m' },
  });
  const onEnvoyGateway = policy('ClientTrafficPolicy', 'tenant-team-a', 'ip', {
    targetRefs: [{ group: GW, kind: 'Gateway', name: 'checkout' }],
    clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
  });
  const onNginxGateway = policy(
    'ClientSettingsPolicy',
    'tenant-team-a',
    'nginx-defaults',
    {
      targetRefs: [{ group: GW, kind: 'Gateway', name: 'nginx' }],
      keepAlive: { requests: 100 },
    },
  );
  const all = [
    onService,
    onRouteEnvoy,
    onRouteNginx,
    onEnvoyGateway,
    onNginxGateway,
  ];
  const inForce = (s: HostnamePolicyScope) =>
    policiesInForce(all, s).map(p => [
      `${p.kind} ${p.namespace}/${p.name}`,
      `${p.target.kind} ${p.target.name}`,
    ]);

  it("a hostname served by Envoy Gateway shows only Envoy Gateway's policies", () => {
    expect(inForce(served(gatewayOf('checkout', ENVOY)))).toEqual([
      ['BackendTrafficPolicy checkout/timeouts', 'HTTPRoute checkout'],
      ['ClientTrafficPolicy tenant-team-a/ip', 'Gateway checkout'],
    ]);
  });

  it("a hostname served by NGINX Gateway Fabric shows only NGINX Gateway Fabric's policies", () => {
    expect(inForce(served(gatewayOf('nginx', NGINX)))).toEqual([
      ['ClientSettingsPolicy checkout/uploads', 'HTTPRoute checkout'],
      ['ClientSettingsPolicy tenant-team-a/nginx-defaults', 'Gateway nginx'],
      ['UpstreamSettingsPolicy checkout/upstream', 'Service checkout'],
    ]);
  });

  it("a route attached to both takes each implementation's policies through its own Gateway", () => {
    const both = served(
      gatewayOf('checkout', ENVOY),
      gatewayOf('nginx', NGINX),
    );
    expect(inForce(both)).toEqual([
      ['BackendTrafficPolicy checkout/timeouts', 'HTTPRoute checkout'],
      ['ClientSettingsPolicy checkout/uploads', 'HTTPRoute checkout'],
      ['ClientSettingsPolicy tenant-team-a/nginx-defaults', 'Gateway nginx'],
      ['ClientTrafficPolicy tenant-team-a/ip', 'Gateway checkout'],
      ['UpstreamSettingsPolicy checkout/upstream', 'Service checkout'],
    ]);
    // The Service's policy is judged on NGINX Gateway Fabric's Gateway, listed second.
    const upstream = policiesInForce([onService], both)[0];
    expect(upstream.status.summary).toMatch(
      /on Gateway "tenant-team-a\/nginx"/,
    );
    // The route's Envoy Gateway policy is not merged with or overridden by NGINX's of the
    // same route: each is in force.
    expect(
      policiesInForce(all, both).every(p => p.precedence === 'effective'),
    ).toBe(true);
  });

  it.each<[string, string | undefined, string[]]>([
    // A Gateway whose class is not known: nothing can be left out.
    [
      'a Gateway of an unknown class',
      undefined,
      [
        'BackendTrafficPolicy',
        'ClientSettingsPolicy',
        'UpstreamSettingsPolicy',
      ],
    ],
    [
      'Envoy Gateway installed under another name in its domain',
      'gateway.envoyproxy.io/mke-gatewayclass-controller',
      ['BackendTrafficPolicy'],
    ],
    [
      'NGINX Gateway Fabric under another name in its domain',
      'gateway.nginx.org/team-b-controller',
      ['ClientSettingsPolicy', 'UpstreamSettingsPolicy'],
    ],
    ['another implementation (Cilium)', 'io.cilium/gateway-controller', []],
    [
      'a name that only starts like a known domain',
      'gateway.nginx.org.evil/x',
      [],
    ],
  ])('%s', (_n, controllerName, kinds) => {
    expect(
      policiesInForce(
        [onService, onRouteEnvoy, onRouteNginx],
        served(gatewayOf('checkout', controllerName)),
      ).map(p => p.kind),
    ).toEqual(kinds);
  });
});
