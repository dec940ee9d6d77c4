import {
  billingExposure,
  catalogApiExposure,
  checkoutExposure,
  paymentsExposure,
  shopListenerSetExposure,
  shopNotAllowedExposure,
} from '../../__fixtures__/exposures';
import { exposurePath } from './exposurePath';

const hops = (exposure: Parameters<typeof exposurePath>[0]) =>
  exposurePath(exposure).nodes.map(n =>
    [n.kind, n.name, n.detail, n.status, n.statusText].filter(Boolean),
  );

describe('exposurePath', () => {
  it('walks client -> Gateway and listener -> route -> Service, each with its status in words', () => {
    expect(hops(checkoutExposure)).toEqual([
      ['Client', 'checkout.team-a.example.org'],
      [
        'Gateway',
        'tenant-team-a/checkout',
        'listener https HTTPS/443',
        'ok',
        'Programmed',
      ],
      ['HTTPRoute', 'tenant-team-a/checkout', 'ok', 'Accepted'],
      ['Service', 'tenant-team-a/checkout:8080', 'ok', 'Resolved'],
    ]);
    expect(exposurePath(checkoutExposure).edges).toEqual([
      { from: 'client', to: 'gateway:tenant-team-a/checkout' },
      { from: 'gateway:tenant-team-a/checkout', to: 'route' },
      { from: 'route', to: 'service:tenant-team-a/checkout:8080' },
    ]);
  });

  it("names the route's failing reason, and backends nobody reported on", () => {
    expect(hops(billingExposure).slice(2)).toEqual([
      ['HTTPRoute', 'billing/legacy-billing', 'error', 'NotAllowedByListeners'],
      ['Service', 'billing/legacy-billing:80', 'unknown', 'Not reported'],
    ]);
  });

  it('shows a Gateway still Pending and a backend ResolvedRefs refuses', () => {
    expect(hops(paymentsExposure)[1]).toEqual([
      'Gateway',
      'tenant-team-b/gateway',
      'listener tls TLS/443',
      'pending',
      'Pending',
    ]);
    const refused = {
      ...checkoutExposure,
      route: {
        ...checkoutExposure.route,
        parents: [
          {
            ...checkoutExposure.route.parents[0],
            conditions: [
              {
                type: 'ResolvedRefs',
                status: 'False',
                reason: 'RefNotPermitted',
              },
            ],
          },
        ],
      },
    };
    expect(hops(refused)[3]).toEqual([
      'Service',
      'tenant-team-a/checkout:8080',
      'error',
      'RefNotPermitted',
    ]);
  });

  it('says when the route is attached to no Gateway', () => {
    expect(hops(catalogApiExposure)[1]).toEqual([
      'Gateway',
      'none found',
      'unknown',
      'Not attached',
    ]);
  });

  it('adds a ListenerSet hop, with its listener and status, when the listener comes from one', () => {
    expect(hops(shopListenerSetExposure)).toEqual([
      ['Client', 'shop.team-c.example.org'],
      ['Gateway', 'gateway/shared', 'ok', 'Programmed'],
      [
        'ListenerSet',
        'tenant-team-c/shop.team-c.example.org',
        'listener https HTTPS/443',
        'ok',
        'Programmed',
      ],
      ['HTTPRoute', 'tenant-team-c/shop', 'ok', 'Accepted'],
      ['Service', 'tenant-team-c/shop:8080', 'ok', 'Resolved'],
    ]);
    expect(exposurePath(shopListenerSetExposure).edges).toEqual([
      { from: 'client', to: 'gateway:gateway/shared' },
      {
        from: 'gateway:gateway/shared',
        to: 'listenerset:tenant-team-c/shop.team-c.example.org',
      },
      {
        from: 'listenerset:tenant-team-c/shop.team-c.example.org',
        to: 'route',
      },
      { from: 'route', to: 'service:tenant-team-c/shop:8080' },
    ]);
  });

  it('colours the ListenerSet hop by its own status: a Gateway that does not admit it', () => {
    expect(hops(shopNotAllowedExposure).slice(1, 3)).toEqual([
      ['Gateway', 'gateway/shared', 'ok', 'Programmed'],
      [
        'ListenerSet',
        'tenant-team-c/shop.team-c.example.org',
        'listener https HTTPS/443',
        'error',
        'NotAllowed',
      ],
    ]);
  });

  it('takes the analysis for a ListenerSet no controller has reported on', () => {
    const [gateway] = shopListenerSetExposure.gateways;
    const unreported = {
      ...shopListenerSetExposure,
      gateways: [
        {
          ...gateway,
          listener: { ...gateway.listener!, status: gateway.status },
          listenerSet: {
            ...gateway.listenerSet!,
            status: { status: 'unknown' as const, summary: 'Not reported' },
            predicted: {
              status: 'error' as const,
              summary: 'Accepted False (ParentNotAccepted)',
              reason: 'ParentNotAccepted',
            },
          },
        },
      ],
    };
    expect(hops(unreported)[2].slice(3)).toEqual([
      'error',
      'ParentNotAccepted',
    ]);
  });

  it('draws a Gateway once when the route attaches to it and to one of its ListenerSets', () => {
    const [viaSet] = shopListenerSetExposure.gateways;
    const direct = {
      ...viaSet,
      listenerSet: undefined,
      listener: {
        ...viaSet.listener!,
        name: 'http',
        protocol: 'HTTP',
        port: 80,
      },
    };
    const both = { ...shopListenerSetExposure, gateways: [direct, viaSet] };
    const { nodes, edges } = exposurePath(both);
    expect(nodes.filter(n => n.id === 'gateway:gateway/shared')).toEqual([
      expect.objectContaining({ detail: 'listener http HTTP/80' }),
    ]);
    expect(edges).toEqual([
      { from: 'client', to: 'gateway:gateway/shared' },
      {
        from: 'gateway:gateway/shared',
        to: 'listenerset:tenant-team-c/shop.team-c.example.org',
      },
      { from: 'gateway:gateway/shared', to: 'route' },
      {
        from: 'listenerset:tenant-team-c/shop.team-c.example.org',
        to: 'route',
      },
      { from: 'route', to: 'service:tenant-team-c/shop:8080' },
    ]);
  });
});
