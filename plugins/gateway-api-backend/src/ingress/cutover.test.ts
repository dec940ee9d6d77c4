import {
  cutoverRefusals,
  ingressFromConfigMap,
  removedIngressConfigMap,
} from './cutover';

const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress' as const,
  metadata: {
    name: 'shop',
    namespace: 'checkout',
    uid: 'u-1',
    resourceVersion: '7',
    labels: { app: 'shop' },
    annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
  },
  spec: {
    ingressClassName: 'nginx',
    rules: [{ host: 'shop.team-a.example.org' }],
  },
  status: { loadBalancer: { ingress: [{ ip: '192.0.2.80' }] } },
};
const cond = (type: string, status = 'True', reason = type) => ({
  type,
  status,
  reason,
});
const route = (
  parentConditions = [cond('Accepted'), cond('ResolvedRefs')],
) => ({
  kind: 'HTTPRoute',
  metadata: { name: 'shop', namespace: 'checkout' },
  spec: {
    hostnames: ['shop.team-a.example.org'],
    parentRefs: [
      {
        kind: 'Gateway',
        namespace: 'tenant-team-a',
        name: 'shop',
        sectionName: 'https',
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: {
          kind: 'Gateway',
          namespace: 'tenant-team-a',
          name: 'shop',
          sectionName: 'https',
        },
        conditions: parentConditions,
      },
    ],
  },
});
const gateway = (programmed = 'True') => ({
  kind: 'Gateway',
  metadata: { name: 'shop', namespace: 'tenant-team-a' },
  spec: {
    listeners: [
      {
        name: 'https',
        protocol: 'HTTPS',
        hostname: 'shop.team-a.example.org',
        tls: { certificateRefs: [{ name: 'shop-tls' }] },
      },
    ],
  },
  status: { conditions: [cond('Programmed', programmed)] },
});
const certificate = (ready = 'True') => ({
  kind: 'Certificate',
  metadata: { name: 'shop-tls', namespace: 'tenant-team-a' },
  spec: { secretName: 'shop-tls' },
  status: { conditions: [cond('Ready', ready)] },
});

describe('cutoverRefusals', () => {
  it('allows cutover once the route is Accepted, the Gateway Programmed and the certificate Ready', () => {
    expect(
      cutoverRefusals({
        ingress,
        routes: [route()],
        parents: [gateway()],
        certificates: [certificate()],
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'no route yet',
      { routes: [] },
      /No route was made from Ingress checkout\/shop/,
    ],
    [
      'a route not Accepted',
      {
        routes: [route([cond('Accepted', 'False', 'NotAllowedByListeners')])],
      },
      /HTTPRoute checkout\/shop is not Accepted by Gateway tenant-team-a\/shop \(https\) yet: NotAllowedByListeners/,
    ],
    [
      'unresolved references',
      {
        routes: [
          route([
            cond('Accepted'),
            cond('ResolvedRefs', 'False', 'BackendNotFound'),
          ]),
        ],
      },
      /unresolved references .*BackendNotFound/,
    ],
    [
      'a Gateway not Programmed',
      { parents: [gateway('False')] },
      /Gateway tenant-team-a\/shop is not Programmed yet/,
    ],
    [
      'a certificate not Ready',
      { certificates: [certificate('False')] },
      /Certificate tenant-team-a\/shop-tls .* is not Ready yet/,
    ],
    [
      'a host of the Ingress no route serves',
      {
        routes: [
          {
            ...route(),
            spec: { ...route().spec, hostnames: ['other.team-a.example.org'] },
          },
        ],
      },
      /shop\.team-a\.example\.org of Ingress checkout\/shop is served by none of its routes/,
    ],
  ])('refuses with %s', (_what, change, reason) => {
    const refusals = cutoverRefusals({
      ingress,
      routes: [route()],
      parents: [gateway()],
      certificates: [certificate()],
      ...(change as object),
    });
    expect(refusals.join('\n')).toMatch(reason);
  });
});

describe('the ConfigMap that keeps a removed Ingress', () => {
  it('keeps spec, labels and annotations, and gives them back', () => {
    const configMap = removedIngressConfigMap(ingress);
    expect(configMap.metadata).toMatchObject({
      name: expect.stringMatching(/^removed-ingress-shop/),
      namespace: 'checkout',
      annotations: {
        'gateway-api.gatehouse.dev/removed-ingress': 'checkout/shop',
      },
    });
    expect(ingressFromConfigMap(configMap as any)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'shop',
        namespace: 'checkout',
        labels: ingress.metadata.labels,
        annotations: ingress.metadata.annotations,
      },
      spec: ingress.spec,
    });
  });

  it('gives nothing back from a ConfigMap it did not write', () => {
    expect(ingressFromConfigMap({ data: { 'ingress.json': '{}' } })).toBe(
      undefined,
    );
    expect(
      ingressFromConfigMap({
        metadata: {
          annotations: {
            'gateway-api.gatehouse.dev/removed-ingress': 'checkout/shop',
          },
        },
        data: { 'ingress.json': 'not json' },
      }),
    ).toBe(undefined);
  });
});
