import { KubeObject } from '../kube/types';
import { NGINX_GATEWAY_FABRIC_CONTROLLER } from './implementations';
import {
  nginxGatewayFabricPolicyAffected,
  nginxGatewayFabricPolicyStatus,
  NginxPolicyKind,
  NginxPolicyWorld,
  policiesConflict,
  withPolicyAffected,
} from './nginxGatewayFabricPolicies';

const GW = 'gateway.networking.k8s.io';

const gateway = (
  name: string,
  extra: Partial<KubeObject> = {},
): KubeObject => ({
  metadata: {
    namespace: 'nginx-gateway',
    name,
    creationTimestamp: '2026-01-01T00:00:00Z',
  },
  spec: {
    gatewayClassName: 'nginx',
    listeners: [{ name: 'https', port: 443, protocol: 'HTTPS' }],
  },
  ...extra,
});
const edge = gateway('edge');
const route = (
  name: string,
  parentRefs: object[],
  backend = 'web',
): KubeObject => ({
  metadata: { namespace: 'app', name },
  spec: {
    parentRefs,
    rules: [{ backendRefs: [{ name: backend, port: 8080 }] }],
  },
});
const web = route('web', [{ name: 'edge', namespace: 'nginx-gateway' }]);

const policy = (
  namespace: string,
  name: string,
  created: string,
  targetRefs: Array<Record<string, string>>,
  spec: Record<string, unknown> = {},
): KubeObject => ({
  metadata: { namespace, name, generation: 2, creationTimestamp: created },
  spec: {
    targetRefs: targetRefs.map(t => ({ group: GW, ...t })),
    ...spec,
  },
});

const world = (
  policies: Partial<NginxPolicyWorld['policies']>,
  extra: Partial<NginxPolicyWorld> = {},
): NginxPolicyWorld => ({
  gatewayClass: { metadata: { name: 'nginx' }, spec: {} },
  gateways: [edge],
  nginxProxies: [],
  listenerSets: [],
  routes: { HTTPRoute: [web], GRPCRoute: [], TLSRoute: [], TCPRoute: [] },
  ...extra,
  policies: {
    ClientSettingsPolicy: [],
    ObservabilityPolicy: [],
    ProxySettingsPolicy: [],
    RateLimitPolicy: [],
    SnippetsPolicy: [],
    UpstreamSettingsPolicy: [],
    WAFPolicy: [],
    ...policies,
  },
});

const summary = (updates: ReturnType<typeof nginxGatewayFabricPolicyStatus>) =>
  updates.map(u => [
    `${u.resource} ${u.object.metadata.name}`,
    ((u.status as any).ancestors as any[]).map(a => [
      `${a.ancestorRef.kind} ${a.ancestorRef.namespace}/${a.ancestorRef.name}`,
      ...(a.controllerName === NGINX_GATEWAY_FABRIC_CONTROLLER
        ? []
        : [a.controllerName]),
      ...a.conditions.map(
        (c: any) => `${c.type}=${c.status}/${c.reason}@${c.observedGeneration}`,
      ),
    ]),
  ]);

describe("NGINX Gateway Fabric's policy status in the dev cluster", () => {
  it('names the Gateway as the ancestor of a Gateway policy, and the route itself for a route policy', () => {
    expect(
      summary(
        nginxGatewayFabricPolicyStatus(
          world({
            ClientSettingsPolicy: [
              {
                ...policy(
                  'nginx-gateway',
                  'defaults',
                  '2026-01-01T00:00:00Z',
                  [],
                ),
                spec: {
                  targetRef: { group: GW, kind: 'Gateway', name: 'edge' },
                  body: { maxSize: '10m' },
                },
              },
            ],
            ProxySettingsPolicy: [
              policy(
                'app',
                'timeouts',
                '2026-01-01T00:00:00Z',
                [{ kind: 'HTTPRoute', name: 'web' }],
                { timeout: { read: '30s' } },
              ),
            ],
          }),
        ),
      ),
    ).toEqual([
      [
        'clientSettingsPolicies defaults',
        [['Gateway nginx-gateway/edge', 'Accepted=True/Accepted@2']],
      ],
      [
        'proxySettingsPolicies timeouts',
        [['HTTPRoute app/web', 'Accepted=True/Accepted@2']],
      ],
    ]);
  });

  it('conflicts the newer of two policies of a kind on one target only when both set one field', () => {
    const older = policy(
      'app',
      'older',
      '2026-01-01T00:00:00Z',
      [{ kind: 'HTTPRoute', name: 'web' }],
      { body: { maxSize: '1m' } },
    );
    const sameField = policy(
      'app',
      'same-field',
      '2026-01-02T00:00:00Z',
      [{ kind: 'HTTPRoute', name: 'web' }],
      { body: { maxSize: '50m' } },
    );
    const otherField = policy(
      'app',
      'other-field',
      '2026-01-03T00:00:00Z',
      [{ kind: 'HTTPRoute', name: 'web' }],
      { keepAlive: { requests: 100 } },
    );
    expect(
      summary(
        nginxGatewayFabricPolicyStatus(
          world({
            ClientSettingsPolicy: [sameField, otherField, older],
          }),
        ),
      ),
    ).toEqual([
      [
        'clientSettingsPolicies same-field',
        [['HTTPRoute app/web', 'Accepted=False/Conflicted@2']],
      ],
      [
        'clientSettingsPolicies other-field',
        [['HTTPRoute app/web', 'Accepted=True/Accepted@2']],
      ],
      [
        'clientSettingsPolicies older',
        [['HTTPRoute app/web', 'Accepted=True/Accepted@2']],
      ],
    ]);
    const [conflicted] = nginxGatewayFabricPolicyStatus(
      world({ ClientSettingsPolicy: [older, sameField] }),
    ).filter(u => u.object.metadata.name === 'same-field');
    expect((conflicted.status as any).ancestors[0].conditions[0].message).toBe(
      'Conflicts with another ClientSettingsPolicy',
    );
  });

  it('breaks a tie of age by namespace and name, and a Gateway policy never conflicts with a route one', () => {
    const a = policy(
      'app',
      'a',
      '2026-01-01T00:00:00Z',
      [{ kind: 'HTTPRoute', name: 'web' }],
      { rateLimit: { rejectCode: 429 } },
    );
    const b = { ...a, metadata: { ...a.metadata, name: 'b' } };
    const gatewayWide = policy(
      'nginx-gateway',
      'gateway-wide',
      '2026-01-02T00:00:00Z',
      [{ kind: 'Gateway', name: 'edge' }],
      { rateLimit: { rejectCode: 503 } },
    );
    expect(
      summary(
        nginxGatewayFabricPolicyStatus(
          world({ RateLimitPolicy: [b, gatewayWide, a] }),
        ),
      ).map(([name, [[, ...conditions]]]) => [name, conditions]),
    ).toEqual([
      ['rateLimitPolicies b', ['Accepted=False/Conflicted@2']],
      ['rateLimitPolicies gateway-wide', ['Accepted=True/Accepted@2']],
      ['rateLimitPolicies a', ['Accepted=True/Accepted@2']],
    ]);
  });

  it.each<[NginxPolicyKind, object, object, boolean]>([
    [
      'ClientSettingsPolicy',
      { body: { timeout: '5s' } },
      { body: { maxSize: '1m' } },
      false,
    ],
    [
      'ClientSettingsPolicy',
      { keepAlive: { time: '1h' } },
      { keepAlive: { time: '2h' } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      { buffering: { disable: false } },
      { buffering: { disable: true } },
      true,
    ],
    [
      'ProxySettingsPolicy',
      { timeout: { read: '1s' } },
      { timeout: { send: '1s' } },
      false,
    ],
    [
      'UpstreamSettingsPolicy',
      { loadBalancingMethod: 'random' },
      { loadBalancingMethod: 'ip_hash' },
      true,
    ],
    [
      'UpstreamSettingsPolicy',
      { zoneSize: '1m' },
      { keepAlive: { connections: 2 } },
      false,
    ],
    [
      'ObservabilityPolicy',
      { tracing: { strategy: 'ratio' } },
      { tracing: { strategy: 'parent' } },
      true,
    ],
    [
      'RateLimitPolicy',
      { rateLimit: { dryRun: true } },
      { rateLimit: { logLevel: 'warn' } },
      false,
    ],
    ['SnippetsPolicy', { snippets: [] }, { snippets: [] }, false],
    ['WAFPolicy', { policySource: {} }, { policySource: {} }, false],
  ])('%s %j and %j conflict: %s', (kind, a, b, expected) => {
    expect(
      policiesConflict(
        kind,
        { metadata: { name: 'a' }, spec: a },
        { metadata: { name: 'b' }, spec: b },
      ),
    ).toBe(expected);
  });

  it('reports an UpstreamSettingsPolicy on each Gateway whose routes send to its Service', () => {
    const second = gateway('second', {
      metadata: {
        namespace: 'nginx-gateway',
        name: 'second',
        creationTimestamp: '2025-12-01T00:00:00Z',
      },
    });
    const other = route('other', [
      { name: 'second', namespace: 'nginx-gateway' },
    ]);
    expect(
      summary(
        nginxGatewayFabricPolicyStatus(
          world(
            {
              UpstreamSettingsPolicy: [
                policy(
                  'app',
                  'keepalive',
                  '2026-01-01T00:00:00Z',
                  [{ group: '', kind: 'Service', name: 'web' }],
                  { keepAlive: { connections: 32 } },
                ),
                policy('app', 'unused', '2026-01-01T00:00:00Z', [
                  { group: '', kind: 'Service', name: 'nobody-sends-here' },
                ]),
              ],
            },
            {
              gateways: [edge, second],
              routes: {
                HTTPRoute: [web, other],
                GRPCRoute: [],
                TLSRoute: [],
                TCPRoute: [],
              },
            },
          ),
        ),
      ),
    ).toEqual([
      [
        'upstreamSettingsPolicies keepalive',
        [
          ['Gateway nginx-gateway/second', 'Accepted=True/Accepted@2'],
          ['Gateway nginx-gateway/edge', 'Accepted=True/Accepted@2'],
        ],
      ],
    ]);
  });

  it('refuses a route policy (TargetConflict) where another route shares its Gateway, hostname, port and path', () => {
    const onHost = (name: string, path: string) => ({
      metadata: { namespace: 'app', name },
      spec: {
        parentRefs: [
          { name: 'edge', namespace: 'nginx-gateway', sectionName: 'https' },
        ],
        hostnames: ['shop.example.org'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: path } }],
            backendRefs: [{ name: name, port: 8080 }],
          },
        ],
      },
    });
    const shop = onHost('shop', '/');
    const sameKey = onHost('shop-canary', '/');
    const otherPath = onHost('shop-admin', '/admin');
    const routesOf = (...routes: KubeObject[]) => ({
      routes: { HTTPRoute: routes, GRPCRoute: [], TLSRoute: [], TCPRoute: [] },
    });
    const verdict = (
      routes: KubeObject[],
      targets: string[],
      extra: KubeObject[] = [],
    ) =>
      nginxGatewayFabricPolicyStatus(
        world(
          {
            ProxySettingsPolicy: [
              policy(
                'app',
                'timeouts',
                '2026-01-01T00:00:00Z',
                targets.map(name => ({ kind: 'HTTPRoute', name })),
                { timeout: { read: '5s' } },
              ),
              ...extra,
            ],
          },
          routesOf(...routes),
        ),
      ).map(u => [
        u.object.metadata.name,
        ((u.status as any).ancestors as any[]).map(a =>
          a.conditions
            .map((c: any) => `${c.type}=${c.status}/${c.reason}`)
            .join(','),
        ),
      ]);
    expect(verdict([shop, sameKey], ['shop'])).toEqual([
      ['timeouts', ['Accepted=False/TargetConflict']],
    ]);
    const [update] = nginxGatewayFabricPolicyStatus(
      world(
        {
          ProxySettingsPolicy: [
            policy('app', 'timeouts', '2026-01-01T00:00:00Z', [
              { kind: 'HTTPRoute', name: 'shop' },
            ]),
          ],
        },
        routesOf(shop, sameKey),
      ),
    );
    expect((update.status as any).ancestors[0].conditions[0].message).toBe(
      'Policy cannot be applied to target "app/shop" since another Route "app/shop-canary" shares a namespace/gateway-name:hostname:port/path combination with this target',
    );
    // Another path, or both routes targeted: no overlap.
    expect(verdict([shop, otherPath], ['shop'])).toEqual([
      ['timeouts', ['Accepted=True/Accepted']],
    ]);
    expect(verdict([shop, sameKey], ['shop', 'shop-canary'])).toEqual([
      ['timeouts', ['Accepted=True/Accepted', 'Accepted=True/Accepted']],
    ]);
  });

  it('says TargetNotFound on a Gateway it has not accepted', () => {
    const refused = gateway('edge', {
      status: {
        conditions: [{ type: 'Accepted', status: 'False', reason: 'Invalid' }],
      },
    });
    expect(
      summary(
        nginxGatewayFabricPolicyStatus(
          world(
            {
              SnippetsPolicy: [
                policy('nginx-gateway', 'snippets', '2026-01-01T00:00:00Z', [
                  { kind: 'Gateway', name: 'edge' },
                ]),
              ],
            },
            { gateways: [refused] },
          ),
        ),
      ),
    ).toEqual([
      [
        'snippetsPolicies snippets',
        [['Gateway nginx-gateway/edge', 'Accepted=False/TargetNotFound@2']],
      ],
    ]);
  });

  it('refuses tracing where the NginxProxy in effect does not enable telemetry, and accepts it where it does', () => {
    const tracing = policy(
      'app',
      'tracing',
      '2026-01-01T00:00:00Z',
      [{ kind: 'HTTPRoute', name: 'web' }],
      { tracing: { strategy: 'ratio' } },
    );
    const classProxy: KubeObject = {
      metadata: { namespace: 'nginx-gateway', name: 'class-proxy' },
      spec: { telemetry: { exporter: { endpoint: 'otel:4317' } } },
    };
    const classWith = {
      metadata: { name: 'nginx' },
      spec: {
        parametersRef: {
          group: 'gateway.nginx.org',
          kind: 'NginxProxy',
          namespace: 'nginx-gateway',
          name: 'class-proxy',
        },
      },
    };
    const verdict = (extra: Partial<NginxPolicyWorld>) =>
      summary(
        nginxGatewayFabricPolicyStatus(
          world({ ObservabilityPolicy: [tracing] }, extra),
        ),
      )[0][1][0][1];
    // No NginxProxy at all: nothing is checked for a route's Gateway.
    expect(verdict({})).toBe('Accepted=True/Accepted@2');
    expect(
      verdict({ gatewayClass: classWith, nginxProxies: [classProxy] }),
    ).toBe('Accepted=True/Accepted@2');
    // The Gateway's own NginxProxy turns tracing off over the class's.
    const gatewayProxy: KubeObject = {
      metadata: { namespace: 'nginx-gateway', name: 'edge' },
      spec: { telemetry: { disabledFeatures: ['DisableTracing'] } },
    };
    expect(
      verdict({
        gatewayClass: classWith,
        nginxProxies: [classProxy, gatewayProxy],
        gateways: [
          gateway('edge', {
            spec: {
              ...edge.spec,
              infrastructure: {
                parametersRef: {
                  group: 'gateway.nginx.org',
                  kind: 'NginxProxy',
                  name: 'edge',
                },
              },
            },
          }),
        ],
      }),
    ).toBe('Accepted=False/NginxProxyConfigNotSet@2');
  });

  it('gives a WAFPolicy its three conditions, Accepted False where WAF is not enabled', () => {
    expect(
      summary(
        nginxGatewayFabricPolicyStatus(
          world({
            WAFPolicy: [
              policy('nginx-gateway', 'waf', '2026-01-01T00:00:00Z', [
                { kind: 'Gateway', name: 'edge' },
              ]),
            ],
          }),
        ),
      ),
    ).toEqual([
      [
        'wafPolicies waf',
        [
          [
            'Gateway nginx-gateway/edge',
            'ResolvedRefs=True/ResolvedRefs@2',
            'Programmed=True/Programmed@2',
            'Accepted=False/NginxProxyConfigNotSet@2',
          ],
        ],
      ],
    ]);
  });

  it('leaves alone a policy whose targets match nothing of its, and keeps other controllers entries', () => {
    const envoyRoute = route('envoy-only', [
      { name: 'eg-gateway', namespace: 'infra' },
    ]);
    const foreign = {
      ancestorRef: { group: GW, kind: 'Gateway', namespace: 'x', name: 'y' },
      controllerName: 'example.com/other',
      conditions: [],
    };
    const shared = {
      ...policy(
        'app',
        'shared',
        '2026-01-01T00:00:00Z',
        [{ kind: 'HTTPRoute', name: 'web' }],
        { body: { maxSize: '1m' } },
      ),
      status: { ancestors: [foreign] },
    };
    const updates = nginxGatewayFabricPolicyStatus(
      world(
        {
          ClientSettingsPolicy: [
            shared,
            policy('app', 'elsewhere', '2026-01-01T00:00:00Z', [
              { kind: 'HTTPRoute', name: 'envoy-only' },
            ]),
            policy('app', 'missing', '2026-01-01T00:00:00Z', [
              { kind: 'HTTPRoute', name: 'nope' },
            ]),
          ],
        },
        {
          routes: {
            HTTPRoute: [web, envoyRoute],
            GRPCRoute: [],
            TLSRoute: [],
            TCPRoute: [],
          },
        },
      ),
    );
    expect(summary(updates)).toEqual([
      [
        'clientSettingsPolicies shared',
        [
          ['Gateway x/y', 'example.com/other'],
          ['HTTPRoute app/web', 'Accepted=True/Accepted@2'],
        ],
      ],
    ]);
  });

  it('attaches through a ListenerSet of its Gateway, and holds at most 16 ancestors', () => {
    const listenerSet: KubeObject = {
      metadata: { namespace: 'app', name: 'app-listeners' },
      spec: { parentRef: { name: 'edge', namespace: 'nginx-gateway' } },
    };
    const routes = Array.from({ length: 20 }, (_, i) =>
      route(`r${String(i).padStart(2, '0')}`, [
        { kind: 'ListenerSet', name: 'app-listeners' },
      ]),
    );
    const [update] = nginxGatewayFabricPolicyStatus(
      world(
        {
          ProxySettingsPolicy: [
            policy(
              'app',
              'many',
              '2026-01-01T00:00:00Z',
              routes.map(r => ({ kind: 'HTTPRoute', name: r.metadata.name })),
            ),
          ],
        },
        {
          listenerSets: [listenerSet],
          routes: {
            HTTPRoute: routes,
            GRPCRoute: [],
            TLSRoute: [],
            TCPRoute: [],
          },
        },
      ),
    );
    const ancestors = (update.status as any).ancestors as any[];
    expect(ancestors).toHaveLength(16);
    expect(ancestors[0].ancestorRef).toEqual({
      group: GW,
      kind: 'HTTPRoute',
      namespace: 'app',
      name: 'r00',
    });
  });
});

describe('the <Kind>Affected conditions NGINX Gateway Fabric writes on the targets of its policies', () => {
  const affected = (
    policies: Partial<NginxPolicyWorld['policies']>,
    extra: Partial<NginxPolicyWorld> = {},
  ) =>
    Object.fromEntries(
      [...nginxGatewayFabricPolicyAffected(world(policies, extra))].map(
        ([target, conditions]) => [
          target,
          conditions.map(
            c =>
              `${c.type}=${c.status}/${c.reason}@${c.observedGeneration}: ${c.message}`,
          ),
        ],
      ),
    );
  const toGateway = [{ kind: 'Gateway', name: 'edge' }];
  const toWeb = [{ kind: 'HTTPRoute', name: 'web' }];
  const edgeAt4 = { ...edge, metadata: { ...edge.metadata, generation: 4 } };
  const webAt7 = { ...web, metadata: { ...web.metadata, generation: 7 } };

  it('marks each Gateway and route a policy targets, once per kind, with the target’s generation', () => {
    expect(
      affected(
        {
          ClientSettingsPolicy: [
            policy('nginx-gateway', 'defaults', '2026-01-01T00:00:00Z', [], {
              targetRef: { group: GW, kind: 'Gateway', name: 'edge' },
            }),
            policy('app', 'uploads', '2026-01-01T00:00:00Z', [], {
              targetRef: { group: GW, kind: 'HTTPRoute', name: 'web' },
            }),
          ],
          SnippetsPolicy: [
            policy('nginx-gateway', 'aio', '2026-01-01T00:00:00Z', toGateway),
          ],
          // Two of a kind on one route: one condition.
          WAFPolicy: [
            policy('app', 'strict', '2026-01-01T00:00:00Z', toWeb),
            policy('app', 'base', '2026-01-01T00:00:01Z', toWeb),
          ],
          RateLimitPolicy: [
            policy('app', 'limits', '2026-01-01T00:00:00Z', toWeb),
          ],
          ProxySettingsPolicy: [
            policy('app', 'timeouts', '2026-01-01T00:00:00Z', toWeb),
          ],
          ObservabilityPolicy: [
            policy('app', 'tracing', '2026-01-01T00:00:00Z', toWeb),
          ],
        },
        {
          gateways: [edgeAt4],
          routes: {
            HTTPRoute: [
              {
                ...webAt7,
                spec: {
                  ...webAt7.spec,
                  parentRefs: [{ name: 'edge', namespace: 'nginx-gateway' }],
                },
              },
            ],
            GRPCRoute: [],
            TLSRoute: [],
            TCPRoute: [],
          },
        },
      ),
    ).toEqual({
      'Gateway/nginx-gateway/edge': [
        'ClientSettingsPolicyAffected=True/PolicyAffected@4: The ClientSettingsPolicy is applied to the resource',
        'SnippetsPolicyAffected=True/PolicyAffected@4: The SnippetsPolicy is applied to the resource',
      ],
      'HTTPRoute/app/web': [
        'ClientSettingsPolicyAffected=True/PolicyAffected@7: The ClientSettingsPolicy is applied to the resource',
        'ObservabilityPolicyAffected=True/PolicyAffected@7: The ObservabilityPolicy is applied to the resource',
        'ProxySettingsPolicyAffected=True/PolicyAffected@7: The ProxySettingsPolicy is applied to the resource',
        'RateLimitPolicyAffected=True/PolicyAffected@7: The RateLimitPolicy is applied to the resource',
        'gateway.nginx.org/WAFPolicyAffected=True/PolicyAffected@7: WAFPolicy is applied to the resource',
      ],
    });
  });

  it('marks the targets of a policy it does not accept too: Conflicted, or without WAF in its NginxProxy', () => {
    // On another hostname than web's: no route overlap (TargetConflict).
    const web2 = route('web2', [{ name: 'edge', namespace: 'nginx-gateway' }]);
    web2.spec.hostnames = ['web2.example.org'];
    const older = policy('app', 'older', '2026-01-01T00:00:00Z', toWeb, {
      body: { maxSize: '1m' },
    });
    // Conflicted on web, so refused everywhere: web2 is its target alone.
    const newer = policy(
      'app',
      'newer',
      '2026-01-02T00:00:00Z',
      [...toWeb, { kind: 'HTTPRoute', name: 'web2' }],
      { body: { maxSize: '2m' } },
    );
    const waf = policy(
      'nginx-gateway',
      'waf',
      '2026-01-01T00:00:00Z',
      toGateway,
    );
    const policies = { ClientSettingsPolicy: [older, newer], WAFPolicy: [waf] };
    const routes = {
      routes: {
        HTTPRoute: [web, web2],
        GRPCRoute: [],
        TLSRoute: [],
        TCPRoute: [],
      },
    };
    expect(
      summary(nginxGatewayFabricPolicyStatus(world(policies, routes))).map(
        ([name, ancestors]) => [
          name,
          (ancestors as string[][]).map(a =>
            a.find(c => c.startsWith('Accepted=')),
          ),
        ],
      ),
    ).toEqual([
      ['clientSettingsPolicies older', ['Accepted=True/Accepted@2']],
      [
        'clientSettingsPolicies newer',
        ['Accepted=False/Conflicted@2', 'Accepted=False/Conflicted@2'],
      ],
      ['wafPolicies waf', ['Accepted=False/NginxProxyConfigNotSet@2']],
    ]);
    expect(
      Object.entries(affected(policies, routes)).map(([target, marks]) => [
        target,
        marks.map(m => m.split('=')[0]),
      ]),
    ).toEqual([
      ['HTTPRoute/app/web', ['ClientSettingsPolicyAffected']],
      ['HTTPRoute/app/web2', ['ClientSettingsPolicyAffected']],
      ['Gateway/nginx-gateway/edge', ['gateway.nginx.org/WAFPolicyAffected']],
    ]);
  });

  it('marks no Service (UpstreamSettingsPolicy), no object of another controller, no target that does not exist', () => {
    expect(
      affected(
        {
          UpstreamSettingsPolicy: [
            policy('app', 'lb', '2026-01-01T00:00:00Z', [
              { group: '', kind: 'Service', name: 'web' },
            ]),
          ],
          ClientSettingsPolicy: [
            policy('app', 'elsewhere', '2026-01-01T00:00:00Z', [
              { kind: 'HTTPRoute', name: 'envoy-route' },
              { kind: 'HTTPRoute', name: 'absent' },
            ]),
            // A policy's targets are in its own namespace.
            policy(
              'nginx-gateway',
              'web-elsewhere',
              '2026-01-01T00:00:00Z',
              toWeb,
            ),
          ],
        },
        {
          routes: {
            HTTPRoute: [
              web,
              route('envoy-route', [{ name: 'envoy', namespace: 'infra' }]),
            ],
            GRPCRoute: [],
            TLSRoute: [],
            TCPRoute: [],
          },
        },
      ),
    ).toEqual({});
  });

  it('adds them to a Gateway’s own conditions and to its route parent entries only', () => {
    const marks = new Map([
      [
        'Gateway/nginx-gateway/edge',
        [
          {
            type: 'ClientSettingsPolicyAffected',
            status: 'True' as const,
            reason: 'PolicyAffected',
            message: 'The ClientSettingsPolicy is applied to the resource',
            lastTransitionTime: '',
          },
        ],
      ],
      [
        'HTTPRoute/app/web',
        [
          {
            type: 'gateway.nginx.org/WAFPolicyAffected',
            status: 'True' as const,
            reason: 'PolicyAffected',
            message: 'WAFPolicy is applied to the resource',
            lastTransitionTime: '',
          },
        ],
      ],
    ]);
    const accepted = { type: 'Accepted', status: 'True', reason: 'Accepted' };
    const [gatewayUpdate, routeUpdate, grpcUpdate] = withPolicyAffected(
      [
        {
          type: 'status',
          resource: 'gateways',
          object: edge,
          status: { conditions: [accepted], listeners: [] },
        },
        {
          type: 'status',
          resource: 'httpRoutes',
          object: web,
          status: {
            parents: [
              {
                parentRef: { name: 'edge', namespace: 'nginx-gateway' },
                controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
                conditions: [accepted],
              },
              {
                parentRef: { name: 'envoy', namespace: 'infra' },
                controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
                conditions: [accepted],
              },
            ],
          },
        },
        // A GRPCRoute of the same name is another object.
        {
          type: 'status',
          resource: 'grpcRoutes',
          object: web,
          status: { parents: [] },
        },
      ],
      marks,
    );
    const types = (conditions: any[]) => conditions.map(c => c.type);
    expect(types((gatewayUpdate.status as any).conditions)).toEqual([
      'Accepted',
      'ClientSettingsPolicyAffected',
    ]);
    expect((gatewayUpdate.status as any).listeners).toEqual([]);
    expect(
      ((routeUpdate.status as any).parents as any[]).map(p =>
        types(p.conditions),
      ),
    ).toEqual([
      ['Accepted', 'gateway.nginx.org/WAFPolicyAffected'],
      ['Accepted'],
    ]);
    expect(grpcUpdate.status).toEqual({ parents: [] });
  });
});
