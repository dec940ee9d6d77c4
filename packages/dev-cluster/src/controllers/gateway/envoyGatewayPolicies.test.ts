import { KubeObject } from '../kube/types';
import { envoyGatewayPolicyStatus, PolicyWorld } from './envoyGatewayPolicies';

const GW = 'gateway.networking.k8s.io';

const gateway: KubeObject = {
  metadata: { namespace: 'infra', name: 'edge' },
  spec: {
    gatewayClassName: 'eg',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP' },
      { name: 'https', port: 443, protocol: 'HTTPS' },
    ],
  },
};
const route: KubeObject = {
  metadata: { namespace: 'app', name: 'web' },
  spec: {
    parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }],
  },
};

const policy = (
  namespace: string,
  name: string,
  created: string,
  targetRefs: Array<Record<string, string>>,
): KubeObject => ({
  metadata: {
    namespace,
    name,
    generation: 2,
    creationTimestamp: created,
  },
  spec: { targetRefs: targetRefs.map(t => ({ group: GW, ...t })) },
});

const world = (policies: Partial<PolicyWorld['policies']>): PolicyWorld => ({
  gateways: [gateway],
  listenerSets: [],
  routes: { HTTPRoute: [route], GRPCRoute: [], TLSRoute: [] },
  policies: {
    ClientTrafficPolicy: [],
    BackendTrafficPolicy: [],
    SecurityPolicy: [],
    ...policies,
  },
});

const summary = (updates: ReturnType<typeof envoyGatewayPolicyStatus>) =>
  updates.map(u => [
    `${u.resource} ${u.object.metadata.name}`,
    ((u.status as any).ancestors as any[]).map(a => [
      `${a.ancestorRef.namespace}/${a.ancestorRef.name}${
        a.ancestorRef.sectionName ? `/${a.ancestorRef.sectionName}` : ''
      }`,
      ...a.conditions.map(
        (c: any) => `${c.type}=${c.status}/${c.reason}@${c.observedGeneration}`,
      ),
    ]),
  ]);

describe("Envoy Gateway's policy status in the dev cluster", () => {
  it('accepts a policy on a Gateway, and on a route for each Gateway it is attached to', () => {
    expect(
      summary(
        envoyGatewayPolicyStatus(
          world({
            ClientTrafficPolicy: [
              policy('infra', 'client', '2026-01-01T00:00:00Z', [
                { kind: 'Gateway', name: 'edge' },
              ]),
            ],
            SecurityPolicy: [
              policy('app', 'cors', '2026-01-01T00:00:00Z', [
                { kind: 'HTTPRoute', name: 'web' },
              ]),
            ],
          }),
        ),
      ),
    ).toEqual([
      [
        'clientTrafficPolicies client',
        [['infra/edge', 'Accepted=True/Accepted@2']],
      ],
      [
        'securityPolicies cors',
        [['infra/edge/https', 'Accepted=True/Accepted@2']],
      ],
    ]);
  });

  it('conflicts the newer of two policies of a kind on one target', () => {
    expect(
      summary(
        envoyGatewayPolicyStatus(
          world({
            SecurityPolicy: [
              policy('app', 'newer', '2026-01-02T00:00:00Z', [
                { kind: 'HTTPRoute', name: 'web' },
              ]),
              policy('app', 'older', '2026-01-01T00:00:00Z', [
                { kind: 'HTTPRoute', name: 'web' },
              ]),
            ],
          }),
        ),
      ),
    ).toEqual([
      [
        'securityPolicies older',
        [['infra/edge/https', 'Accepted=True/Accepted@2']],
      ],
      [
        'securityPolicies newer',
        [['infra/edge/https', 'Accepted=False/Conflicted@2']],
      ],
    ]);
  });

  it('marks a whole-Gateway policy Overridden by one on a listener or an attached route', () => {
    const updates = envoyGatewayPolicyStatus(
      world({
        BackendTrafficPolicy: [
          policy('infra', 'gateway-wide', '2026-01-01T00:00:00Z', [
            { kind: 'Gateway', name: 'edge' },
          ]),
          policy('app', 'route', '2026-01-02T00:00:00Z', [
            { kind: 'HTTPRoute', name: 'web' },
          ]),
        ],
        ClientTrafficPolicy: [
          policy('infra', 'whole', '2026-01-01T00:00:00Z', [
            { kind: 'Gateway', name: 'edge' },
          ]),
          policy('infra', 'https-only', '2026-01-02T00:00:00Z', [
            { kind: 'Gateway', name: 'edge', sectionName: 'https' },
          ]),
        ],
      }),
    );
    expect(summary(updates)).toEqual([
      [
        'clientTrafficPolicies whole',
        [
          [
            'infra/edge',
            'Accepted=True/Accepted@2',
            'Overridden=True/Overridden@2',
          ],
        ],
      ],
      [
        'clientTrafficPolicies https-only',
        [['infra/edge/https', 'Accepted=True/Accepted@2']],
      ],
      [
        'backendTrafficPolicies gateway-wide',
        [
          [
            'infra/edge',
            'Accepted=True/Accepted@2',
            'Overridden=True/Overridden@2',
          ],
        ],
      ],
      [
        'backendTrafficPolicies route',
        [['infra/edge/https', 'Accepted=True/Accepted@2']],
      ],
    ]);
  });

  it.each([
    [
      'a target that does not exist',
      'infra',
      { kind: 'Gateway', name: 'gone' },
    ],
    ['a target in another namespace', 'app', { kind: 'Gateway', name: 'edge' }],
    [
      'a listener the Gateway does not have',
      'infra',
      { kind: 'Gateway', name: 'edge', sectionName: 'grpc' },
    ],
    [
      'a kind the policy may not target',
      'app',
      { kind: 'HTTPRoute', name: 'web' },
    ],
  ])('writes nothing for %s', (_n, namespace, target) => {
    expect(
      envoyGatewayPolicyStatus(
        world({
          ClientTrafficPolicy: [
            policy(namespace, 'lost', '2026-01-01T00:00:00Z', [target]),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('clears the ancestors of a policy whose target went away', () => {
    const stale = policy('infra', 'stale', '2026-01-01T00:00:00Z', [
      { kind: 'Gateway', name: 'gone' },
    ]);
    stale.status = { ancestors: [{ ancestorRef: { name: 'gone' } }] };
    expect(
      envoyGatewayPolicyStatus(world({ ClientTrafficPolicy: [stale] })).map(
        u => u.status,
      ),
    ).toEqual([{ ancestors: [] }]);
  });
});
