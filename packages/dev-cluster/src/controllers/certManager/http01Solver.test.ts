import { reconcileSolver, solverResources } from './http01Solver';

const parentRefs = [{ name: 'acme-challenge', namespace: 'infra' }];
const challenge = (spec: object, state?: string) => ({
  metadata: { name: 'web-tls-1-2-3', namespace: 'apps', uid: 'ch-uid' },
  spec: {
    type: 'HTTP-01',
    dnsName: 'www.example.com',
    token: 'tok',
    solver: { http01: { gatewayHTTPRoute: { parentRefs } } },
    ...spec,
  },
  status: state ? { state } : undefined,
});

describe('solverResources', () => {
  it('routes the challenge path on the hostname through the solver Gateways', () => {
    const [service, route] = solverResources(challenge({}));
    expect(service).toMatchObject({
      kind: 'Service',
      metadata: {
        name: expect.stringMatching(/^cm-acme-http-solver-[a-z0-9]{1,5}$/),
        namespace: 'apps',
        labels: { 'acme.cert-manager.io/http01-solver': 'true' },
        ownerReferences: [
          { kind: 'Challenge', uid: 'ch-uid', controller: true },
        ],
      },
      spec: { type: 'NodePort', ports: [{ port: 8089 }] },
    });
    expect(route).toMatchObject({
      kind: 'HTTPRoute',
      metadata: { name: service.metadata.name },
      spec: {
        parentRefs,
        hostnames: ['www.example.com'],
        rules: [
          {
            matches: [
              {
                path: {
                  type: 'Exact',
                  value: '/.well-known/acme-challenge/tok',
                },
              },
            ],
            backendRefs: [{ name: service.metadata.name, port: 8089 }],
          },
        ],
      },
    });
  });

  it.each([
    ['a DNS-01 challenge', { type: 'DNS-01', solver: { dns01: {} } }],
    ['an Ingress solver', { solver: { http01: { ingress: {} } } }],
  ])('creates nothing for %s', (_, spec) => {
    expect(solverResources(challenge(spec))).toEqual([]);
  });
});

describe('reconcileSolver', () => {
  const [service, route] = solverResources(challenge({}));

  it('creates the missing resources while the challenge is pending', () => {
    const actions = reconcileSolver(challenge({}, 'pending'), {
      services: [service],
      httpRoutes: [],
    });
    expect(actions).toEqual([
      { type: 'create', resource: 'httpRoutes', object: route },
    ]);
  });

  it('removes them once the challenge is decided', () => {
    const actions = reconcileSolver(challenge({}, 'invalid'), {
      services: [service],
      httpRoutes: [route],
    });
    expect(actions.map(a => [a.type, a.resource])).toEqual([
      ['delete', 'services'],
      ['delete', 'httpRoutes'],
    ]);
  });
});
