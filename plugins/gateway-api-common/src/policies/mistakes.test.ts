import { hintForMistake } from '../hints';
import { Gateway, GatewayClass, Listener } from '../types';
import {
  clientIpMistakes,
  envoyProxyOf,
  gatewayMistakes,
  listenerCountMistake,
  loadBalancerProxyProtocol,
  policyImplementationMistake,
  policyTargetMistake,
} from './mistakes';
import { PolicyReachedGateway } from './servedBy';
import { PolicyTargetCandidates } from './targets';
import { EnvoyProxy, ImplementationPolicy } from './types';

const gateway = (
  listeners: Listener[] = [
    { name: 'http', protocol: 'HTTP', port: 80 },
    { name: 'https', protocol: 'HTTPS', port: 443 },
  ],
  extra: Partial<NonNullable<Gateway['spec']>> = {},
): Gateway => ({
  kind: 'Gateway',
  metadata: { namespace: 'gateway', name: 'shared', labels: { edge: 'yes' } },
  spec: { gatewayClassName: 'eg', listeners, ...extra },
});

const proxyWith = (annotations: Record<string, string>): EnvoyProxy => ({
  kind: 'EnvoyProxy',
  metadata: { namespace: 'envoy-gateway-system', name: 'direct' },
  spec: {
    provider: {
      type: 'Kubernetes',
      kubernetes: { envoyService: { type: 'LoadBalancer', annotations } },
    },
  },
});
const openstackProxy = proxyWith({
  'loadbalancer.openstack.org/proxy-protocol': 'v2',
});

const ctp = (
  spec: Record<string, unknown>,
  meta: { namespace?: string; name?: string; sectionName?: string } = {},
): ImplementationPolicy => ({
  kind: 'ClientTrafficPolicy',
  metadata: {
    namespace: meta.namespace ?? 'gateway',
    name: meta.name ?? 'client-ip',
  },
  spec: {
    targetRefs: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'shared',
        ...(meta.sectionName && { sectionName: meta.sectionName }),
      },
    ],
    ...spec,
  },
});

describe('PROXY protocol on the load balancer without a ClientTrafficPolicy', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    [
      'OpenStack v2',
      { 'loadbalancer.openstack.org/proxy-protocol': 'v2' },
      'loadbalancer.openstack.org/proxy-protocol',
    ],
    [
      'AWS on every port',
      { 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' },
      'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol',
    ],
    [
      'Hetzner',
      { 'load-balancer.hetzner.cloud/uses-proxyprotocol': 'true' },
      'load-balancer.hetzner.cloud/uses-proxyprotocol',
    ],
    [
      'turned off',
      { 'loadbalancer.openstack.org/proxy-protocol': 'FALSE' },
      undefined,
    ],
    ['empty', { 'loadbalancer.openstack.org/proxy-protocol': ' ' }, undefined],
    ['unrelated', { 'example.org/proxy-protocol': 'true' }, undefined],
  ])('reads the load balancer annotation: %s', (_n, annotations, expected) => {
    expect(loadBalancerProxyProtocol(proxyWith(annotations))).toBe(expected);
  });

  it('finds the Gateway answering 400 when no policy reads the header', () => {
    const found = clientIpMistakes(gateway(), {
      envoyProxy: openstackProxy,
      clientTrafficPolicies: [],
    });
    expect(found).toEqual([
      expect.objectContaining({
        status: 'error',
        mistake: 'proxyProtocolWithoutClientTrafficPolicy',
        summary: expect.stringMatching(/on any listener: every request/),
        hint: expect.objectContaining({
          meaning: expect.stringMatching(/400/),
        }),
      }),
    ]);
  });

  it.each<[string, ImplementationPolicy[]]>([
    ['proxyProtocol', [ctp({ proxyProtocol: { optional: false } })]],
    [
      'the deprecated enableProxyProtocol',
      [ctp({ enableProxyProtocol: true })],
    ],
    [
      'a label selector',
      [
        {
          kind: 'ClientTrafficPolicy',
          metadata: { namespace: 'gateway', name: 'by-label' },
          spec: {
            targetSelectors: [
              { kind: 'Gateway', matchLabels: { edge: 'yes' } },
            ],
            proxyProtocol: {},
          },
        },
      ],
    ],
  ])('is satisfied by a policy with %s', (_n, policies) => {
    expect(
      clientIpMistakes(gateway(), {
        envoyProxy: openstackProxy,
        clientTrafficPolicies: policies,
      }),
    ).toEqual([]);
  });

  it.each<[string, ImplementationPolicy[], RegExp]>([
    [
      'in another namespace (ignored)',
      [ctp({ proxyProtocol: {} }, { namespace: 'apps' })],
      /on any listener/,
    ],
    [
      'on one listener only',
      [ctp({ proxyProtocol: {} }, { sectionName: 'https' })],
      /on listener "http":/,
    ],
    [
      'reading X-Forwarded-For instead',
      [ctp({ clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } } })],
      /on any listener/,
    ],
  ])('is not satisfied by a policy %s', (_n, policies, where) => {
    const [found] = clientIpMistakes(gateway(), {
      envoyProxy: openstackProxy,
      clientTrafficPolicies: policies,
    });
    expect(found.mistake).toBe('proxyProtocolWithoutClientTrafficPolicy');
    expect(found.summary).toMatch(where);
  });

  it("takes the Gateway's own EnvoyProxy over its GatewayClass's", () => {
    const classes: GatewayClass[] = [
      {
        metadata: { name: 'eg' },
        spec: {
          controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
          parametersRef: {
            group: 'gateway.envoyproxy.io',
            kind: 'EnvoyProxy',
            name: 'direct',
            namespace: 'envoy-gateway-system',
          },
        },
      },
    ];
    const own: EnvoyProxy = {
      metadata: { namespace: 'gateway', name: 'own' },
      spec: {},
    };
    expect(envoyProxyOf(gateway(), classes, [openstackProxy, own])).toBe(
      openstackProxy,
    );
    const withOwn = gateway(undefined, {
      infrastructure: {
        parametersRef: {
          group: 'gateway.envoyproxy.io',
          kind: 'EnvoyProxy',
          name: 'own',
        },
      },
    });
    expect(envoyProxyOf(withOwn, classes, [openstackProxy, own])).toBe(own);
    // A class of another controller's parameters is no EnvoyProxy.
    expect(
      envoyProxyOf(
        gateway(),
        [{ ...classes[0], spec: { parametersRef: { kind: 'ConfigMap' } } }],
        [openstackProxy],
      ),
    ).toBeUndefined();
  });
});

describe('proxyProtocol.optional: true', () => {
  it('warns that clients without the header are let in', () => {
    const found = clientIpMistakes(gateway(), {
      clientTrafficPolicies: [ctp({ proxyProtocol: { optional: true } })],
    });
    expect(found).toEqual([
      expect.objectContaining({
        status: 'warning',
        mistake: 'proxyProtocolOptional',
        summary:
          'ClientTrafficPolicy "gateway/client-ip" sets proxyProtocol.optional: true, so connections without a PROXY header are accepted.',
      }),
    ]);
    expect(
      clientIpMistakes(gateway(), {
        clientTrafficPolicies: [ctp({ proxyProtocol: { optional: false } })],
      }),
    ).toEqual([]);
  });
});

describe('two client-IP modes on one policy', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'PROXY protocol and X-Forwarded-For',
      {
        proxyProtocol: { optional: false },
        clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
      },
      /from PROXY protocol and X-Forwarded-For at once/,
    ],
    [
      'PROXY protocol and a custom header',
      {
        enableProxyProtocol: true,
        clientIPDetection: { customHeader: { name: 'X-Real-IP' } },
      },
      /from PROXY protocol and custom header X-Real-IP at once/,
    ],
    [
      'X-Forwarded-For and a custom header (refused by the v1.9 CRD, kept by older ones)',
      {
        clientIPDetection: {
          xForwardedFor: { numTrustedHops: 1 },
          customHeader: { name: 'X-Real-IP' },
        },
      },
      /from X-Forwarded-For and custom header X-Real-IP at once/,
    ],
  ])('finds %s', (_n, spec, summary) => {
    const found = clientIpMistakes(gateway(), {
      clientTrafficPolicies: [ctp(spec)],
    }).filter(f => f.mistake === 'clientIpModesMixed');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'error' });
    expect(found[0].summary).toMatch(summary);
  });

  it.each([
    { proxyProtocol: {} },
    { clientIPDetection: { xForwardedFor: { numTrustedHops: 2 } } },
    { clientIPDetection: { customHeader: { name: 'X-Real-IP' } } },
  ])('leaves one mode alone: %j', spec => {
    expect(
      clientIpMistakes(gateway(), { clientTrafficPolicies: [ctp(spec)] }),
    ).toEqual([]);
  });
});

describe('a wrong numTrustedHops', () => {
  it.each<[number, 'warning' | 'error' | undefined]>([
    [0, 'warning'],
    [-1, 'warning'],
    [1, undefined],
    [10, undefined],
    [11, 'error'],
    [2147483647, 'error'],
  ])('numTrustedHops %d: %s', (hops, level) => {
    const found = clientIpMistakes(gateway(), {
      clientTrafficPolicies: [
        ctp({ clientIPDetection: { xForwardedFor: { numTrustedHops: hops } } }),
      ],
    });
    expect(found.map(f => [f.mistake, f.status])).toEqual(
      level ? [['wrongNumTrustedHops', level]] : [],
    );
  });

  it('is not judged for trustedCIDRs', () => {
    expect(
      clientIpMistakes(gateway(), {
        clientTrafficPolicies: [
          ctp({
            clientIPDetection: {
              xForwardedFor: { trustedCIDRs: ['10.0.0.0/8'] },
            },
          }),
        ],
      }),
    ).toEqual([]);
  });
});

describe('a listener count near the limit', () => {
  const http = (i: number): Listener => ({
    name: `h${i}`,
    protocol: 'HTTP',
    port: 80,
    hostname: `h${i}.example.org`,
  });
  const many = (n: number) => Array.from({ length: n }, (_, i) => http(i));

  it.each([
    [55, undefined],
    [56, 'listenerCountNearLimit'],
    [64, 'listenerCountNearLimit'],
  ])('%d listeners: %s', (n, expected) => {
    expect(listenerCountMistake(gateway(many(n)))?.mistake).toBe(expected);
  });

  it('says how many of the 64 are used, and is among the Gateway mistakes', () => {
    const found = gatewayMistakes(gateway(many(60)), {
      clientTrafficPolicies: [],
    });
    expect(found).toEqual([
      expect.objectContaining({
        status: 'warning',
        mistake: 'listenerCountNearLimit',
        summary:
          'Gateway "gateway/shared" has 60 of the 64 listeners a Gateway may have.',
      }),
    ]);
  });
});

describe('a policy whose targets match nothing', () => {
  const candidates: PolicyTargetCandidates[] = [
    {
      kind: 'Gateway',
      objects: [gateway()],
      sectionsOf: g => ((g as Gateway).spec?.listeners ?? []).map(l => l.name!),
    },
    {
      kind: 'HTTPRoute',
      objects: [
        {
          metadata: {
            namespace: 'checkout',
            name: 'checkout',
            labels: { app: 'checkout' },
          },
        },
      ],
      sectionsOf: () => ['main'],
    },
  ];
  const btp = (
    spec: ImplementationPolicy['spec'],
    namespace = 'checkout',
  ): ImplementationPolicy => ({
    kind: 'BackendTrafficPolicy',
    metadata: { namespace, name: 'timeouts' },
    spec,
  });
  const route = (name: string, sectionName?: string) => ({
    group: 'gateway.networking.k8s.io',
    kind: 'HTTPRoute',
    name,
    ...(sectionName && { sectionName }),
  });

  it.each<[string, ImplementationPolicy, string | undefined]>([
    ['an existing route', btp({ targetRefs: [route('checkout')] }), undefined],
    [
      'an existing rule',
      btp({ targetRefs: [route('checkout', 'main')] }),
      undefined,
    ],
    [
      'a renamed route',
      btp({ targetRefs: [route('checkout-v1')] }),
      'BackendTrafficPolicy "checkout/timeouts": HTTPRoute "checkout-v1" matches nothing in namespace "checkout", so the policy applies to nothing.',
    ],
    [
      'a rule that does not exist',
      btp({ targetRefs: [route('checkout', 'canary')] }),
      'BackendTrafficPolicy "checkout/timeouts": HTTPRoute "checkout" (section "canary") matches nothing in namespace "checkout", so the policy applies to nothing.',
    ],
    [
      'one target of two',
      btp({ targetRefs: [route('checkout'), route('old')] }),
      'BackendTrafficPolicy "checkout/timeouts": HTTPRoute "old" matches nothing in namespace "checkout".',
    ],
    [
      'a route of that name in another namespace',
      btp({ targetRefs: [route('checkout')] }, 'payments'),
      'BackendTrafficPolicy "payments/timeouts": HTTPRoute "checkout" matches nothing in namespace "payments", so the policy applies to nothing.',
    ],
    [
      'a selector matching no route',
      btp({
        targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 'x' } }],
      }),
      'BackendTrafficPolicy "checkout/timeouts": its HTTPRoute selector matches nothing in namespace "checkout", so the policy applies to nothing.',
    ],
    [
      'a selector matching the route',
      btp({
        targetSelectors: [
          { kind: 'HTTPRoute', matchLabels: { app: 'checkout' } },
        ],
      }),
      undefined,
    ],
    [
      // Reported on that Gateway as a policy in the wrong namespace instead.
      'a Gateway that lives in another namespace',
      btp({
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'shared',
          },
        ],
      }),
      undefined,
    ],
    [
      'a kind Gatehouse does not read',
      btp({
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'UDPRoute', name: 'dns' },
        ],
      }),
      undefined,
    ],
  ])('%s', (_n, policy, summary) => {
    const found = policyTargetMistake(policy, candidates);
    expect(found?.summary).toBe(summary);
    expect([found?.status, found?.mistake]).toEqual(
      summary ? ['warning', 'policyTargetNotFound'] : [undefined, undefined],
    );
  });
});

describe('a policy no controller of its implementation reads', () => {
  const ENVOY = 'gateway.envoyproxy.io/gatewayclass-controller';
  const NGINX = 'gateway.nginx.org/nginx-gateway-controller';
  const envoyGateway = {
    namespace: 'tenant-team-a',
    name: 'gateway',
    controllerName: ENVOY,
  };
  const nginxGateway = {
    namespace: 'tenant-team-b',
    name: 'nginx',
    controllerName: NGINX,
  };
  const of = (kind: string): ImplementationPolicy => ({
    kind,
    metadata: { namespace: 'payments', name: 'payments-api' },
    spec: {},
  });

  it.each<[string, string, PolicyReachedGateway[], string | undefined]>([
    [
      "Envoy Gateway's on a route of NGINX Gateway Fabric's Gateway",
      'BackendTrafficPolicy',
      [nginxGateway],
      'BackendTrafficPolicy "payments/payments-api" is Envoy Gateway\'s, but Gateway "tenant-team-b/nginx" is served by NGINX Gateway Fabric: not read, so the policy applies to nothing.',
    ],
    [
      "NGINX Gateway Fabric's on a Service only Envoy Gateway's routes send to",
      'UpstreamSettingsPolicy',
      [envoyGateway],
      'UpstreamSettingsPolicy "payments/payments-api" is NGINX Gateway Fabric\'s, but Gateway "tenant-team-a/gateway" is served by Envoy Gateway: not read, so the policy applies to nothing.',
    ],
    [
      'on a Gateway of another implementation, named by its controllerName',
      'SecurityPolicy',
      [{ ...nginxGateway, controllerName: 'io.cilium/gateway-controller' }],
      'SecurityPolicy "payments/payments-api" is Envoy Gateway\'s, but Gateway "tenant-team-b/nginx" is served by io.cilium/gateway-controller: not read, so the policy applies to nothing.',
    ],
    // Read through one Gateway of its own: in force there, so no mistake.
    [
      "NGINX Gateway Fabric's on a Service both implementations' routes send to",
      'UpstreamSettingsPolicy',
      [envoyGateway, nginxGateway],
      undefined,
    ],
    [
      "Envoy Gateway's on its own Gateway",
      'ClientTrafficPolicy',
      [envoyGateway],
      undefined,
    ],
    [
      'a Gateway whose class is not known beside one of another implementation',
      'BackendTrafficPolicy',
      [nginxGateway, { namespace: 'x', name: 'y' }],
      undefined,
    ],
    ['targets that reach no Gateway', 'BackendTrafficPolicy', [], undefined],
    [
      'a kind Gatehouse does not know',
      'UnknownPolicy',
      [nginxGateway],
      undefined,
    ],
  ])('%s', (_n, kind, reached, summary) => {
    const found = policyImplementationMistake(of(kind), reached);
    expect(found?.summary).toBe(summary);
    expect([found?.status, found?.mistake, found?.hint]).toEqual(
      summary
        ? [
            'warning',
            'policyOfAnotherImplementation',
            hintForMistake('policyOfAnotherImplementation'),
          ]
        : [undefined, undefined, undefined],
    );
  });
});
