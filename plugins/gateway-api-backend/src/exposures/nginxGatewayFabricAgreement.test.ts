import { mockServices } from '@backstage/backend-test-utils';
import {
  AppliedPolicy,
  Exposure,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { buildExposures } from './buildExposures';

/**
 * NGINX Gateway Fabric's conflict rule is written twice on purpose: in common (the policies in
 * force, kinds.ts) and in the dev cluster's simulated controller, which shares no code with it.
 * Over the example cluster, and a pair of policies of every kind on one target, our analysis
 * must call a policy Conflicted exactly where the controller's status does.
 */

const NAMESPACE = 'ngf-agreement';
const GW = 'gateway.networking.k8s.io';

type TargetKind = 'Gateway' | 'HTTPRoute' | 'Service';

/** Two policies of a kind on one target, the first older, and whether NGF conflicts them. */
const PAIRS: Array<[string, TargetKind, object, object, boolean]> = [
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
    { body: { maxSize: '1m' } },
    { keepAlive: { requests: 100 } },
    false,
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
    'Gateway',
    { buffering: { disable: true } },
    { timeout: { send: '30s' } },
    false,
  ],
  [
    'RateLimitPolicy',
    'HTTPRoute',
    { rateLimit: { rejectCode: 429 } },
    { rateLimit: { rejectCode: 503 } },
    true,
  ],
  [
    'RateLimitPolicy',
    'Gateway',
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
    'ObservabilityPolicy',
    'HTTPRoute',
    { tracing: { strategy: 'ratio', ratio: 10 } },
    { tracing: { strategy: 'parent' } },
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
    { zoneSize: '512k' },
    { keepAlive: { connections: 16 } },
    false,
  ],
  [
    'SnippetsPolicy',
    'Gateway',
    { snippets: [{ context: 'http', value: 'aio on;' }] },
    {
      snippets: [{ context: 'http.server', value: 'client_body_timeout 5s;' }],
    },
    false,
  ],
  ...(['HTTPRoute', 'Gateway'] as const).map(
    (target): [string, TargetKind, object, object, boolean] => [
      'WAFPolicy',
      target,
      {
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.org/baseline.tgz' },
        },
      },
      {
        type: 'HTTP',
        policySource: {
          httpSource: { url: 'https://bundles.example.org/strict.tgz' },
        },
      },
      false,
    ],
  ),
];

const hostOf = (i: number) => `case-${i}.agreement.example.org`;

/** Case i: its own Gateway (with WAF and tracing enabled), route and Service, and its pair. */
function caseObjects(i: number): object[] {
  const [kind, target, older, newer] = PAIRS[i];
  const name = `case-${i}`;
  const targetRef = {
    group: target === 'Service' ? 'core' : GW,
    kind: target,
    name,
  };
  const policy = (suffix: string, spec: object) => ({
    apiVersion: `gateway.nginx.org/${
      kind === 'ObservabilityPolicy' ? 'v1alpha2' : 'v1alpha1'
    }`,
    kind,
    metadata: { namespace: NAMESPACE, name: `${name}-${suffix}` },
    spec: {
      ...(kind === 'ClientSettingsPolicy'
        ? { targetRef }
        : { targetRefs: [targetRef] }),
      ...spec,
    },
  });
  return [
    {
      apiVersion: `${GW}/v1`,
      kind: 'Gateway',
      metadata: { namespace: NAMESPACE, name },
      spec: {
        gatewayClassName: 'nginx',
        infrastructure: {
          parametersRef: {
            group: 'gateway.nginx.org',
            kind: 'NginxProxy',
            name: 'agreement',
          },
        },
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', hostname: hostOf(i) },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: NAMESPACE, name },
      spec: { ports: [{ port: 8080 }] },
    },
    {
      apiVersion: `${GW}/v1`,
      kind: 'HTTPRoute',
      metadata: { namespace: NAMESPACE, name },
      spec: {
        parentRefs: [{ name }],
        hostnames: [hostOf(i)],
        rules: [{ backendRefs: [{ name, port: 8080 }] }],
      },
    },
    // Created in this order; on a tie of creationTimestamp, `a` is first by name.
    policy('a', older),
    policy('b', newer),
  ];
}

describe("NGINX Gateway Fabric's policies: our analysis and the simulated controller agree", () => {
  let cluster: DevCluster;
  let cache: GatewayApiCache;
  let exposures: Exposure[] = [];

  const ngfPolicies = () =>
    exposures.flatMap(e =>
      (e.policies ?? [])
        .filter(p => p.implementation === 'nginx-gateway-fabric')
        .map(p => ({ hostname: e.hostname, policy: p })),
    );

  beforeAll(async () => {
    let client;
    ({ cluster, client } = await startExampleCluster({
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
      },
    }));
    const post = async (object: any) => {
      const [group, version] = object.apiVersion.includes('/')
        ? object.apiVersion.split('/')
        : ['', object.apiVersion];
      const lower = object.kind.toLowerCase();
      // Policies, NginxProxies; Gateways.
      const plural = /[^a]y$/.test(lower)
        ? `${lower.slice(0, -1)}ies`
        : `${lower}s`;
      const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
      const namespaced = object.metadata.namespace
        ? `/namespaces/${object.metadata.namespace}`
        : '';
      const response = await fetch(
        `${cluster.url}${base}${namespaced}/${plural}`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${cluster.adminToken}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(object),
        },
      );
      if (!response.ok) {
        throw new Error(
          `${object.kind} ${object.metadata.name}: ${
            response.status
          } ${await response.text()}`,
        );
      }
    };
    await post({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    await post({
      apiVersion: 'gateway.nginx.org/v1alpha2',
      kind: 'NginxProxy',
      metadata: { namespace: NAMESPACE, name: 'agreement' },
      spec: {
        telemetry: { exporter: { endpoint: 'otel-collector.monitoring:4317' } },
        waf: { enable: true },
      },
    });
    for (let i = 0; i < PAIRS.length; i++) {
      for (const object of caseObjects(i)) await post(object);
    }
    cache = new GatewayApiCache([client], {
      logger: mockServices.logger.mock(),
    });
    cache.start();
    await cache.waitForSync();
    // Until the controller has reported on every policy in force, and on each case's route and
    // Gateway (its certificate issued: on a busy machine that comes after the policies' status).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const built = buildExposures(cache.snapshot('dev-cluster'), new Date());
      exposures = built;
      const cases = PAIRS.every((_, i) =>
        built.some(
          e =>
            e.hostname === hostOf(i) &&
            (e.policies ?? []).length === 2 &&
            e.route.status.status === 'ok' &&
            e.gateways.every(g => g.status.status === 'ok'),
        ),
      );
      const reported = ngfPolicies().every(
        ({ policy }) => policy.status.status !== 'unknown',
      );
      if ((cases && reported) || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    cache?.stop();
    await cluster?.close();
  });

  const verdict = (p: AppliedPolicy) => [
    `${p.kind} ${p.namespace}/${p.name}`,
    p.precedence === 'conflicted' ? 'Conflicted' : 'in force',
    p.status.reason === 'Conflicted' ? 'Conflicted' : p.status.status,
  ];

  it('on the example objects', () => {
    const examples = ngfPolicies().filter(
      ({ hostname }) => !hostname.endsWith('.agreement.example.org'),
    );
    // Predicted Conflicted exactly where the controller says so, and reported on everywhere.
    expect(
      examples
        .map(({ policy }) => verdict(policy))
        .filter(
          ([, predicted, reported]) =>
            predicted !==
              (reported === 'Conflicted' ? 'Conflicted' : 'in force') ||
            reported === 'unknown',
        ),
    ).toEqual([]);
    // They have one Conflicted, and others in force.
    expect(
      new Set(
        examples
          .filter(({ policy }) => policy.precedence === 'conflicted')
          .map(({ policy }) => verdict(policy)[0]),
      ),
    ).toEqual(
      new Set(['ClientSettingsPolicy payments/payments-api-uploads-strict']),
    );
    expect(examples.length).toBeGreaterThan(1);
  });

  it.each(
    PAIRS.map(([kind, target, , , conflicts], i) => [
      i,
      kind,
      target,
      conflicts,
    ]),
  )(
    'case %i: a %s pair on a %s, conflicting: %s',
    (i, kind, _target, conflicts) => {
      const exposure = exposures.find(e => e.hostname === hostOf(i));
      expect(exposure?.policies?.map(verdict)).toEqual([
        [`${kind} ${NAMESPACE}/case-${i}-a`, 'in force', 'ok'],
        conflicts
          ? [`${kind} ${NAMESPACE}/case-${i}-b`, 'Conflicted', 'Conflicted']
          : [`${kind} ${NAMESPACE}/case-${i}-b`, 'in force', 'ok'],
      ]);
    },
  );

  it("shows the controller's <Kind>Affected marks on a policy's targets as information", () => {
    const route = exposures.find(
      e => e.hostname === hostOf(PAIRS.findIndex(p => p[0] === 'WAFPolicy')),
    )!.route;
    expect(route.status).toMatchObject({ status: 'ok' });
    expect(route.parents[0].status.summary).toMatch(
      /Accepted, ResolvedRefs; policies applied: WAFPolicy\.$/,
    );
    const gatewayCase = PAIRS.findIndex(
      p => p[0] === 'SnippetsPolicy' && p[1] === 'Gateway',
    );
    const gateway = exposures.find(e => e.hostname === hostOf(gatewayCase))!
      .gateways[0];
    expect(gateway.status).toMatchObject({ status: 'ok' });
    expect(gateway.status.summary).toMatch(
      /; policies applied: SnippetsPolicy\.$/,
    );
  });
});
