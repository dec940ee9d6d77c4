import {
  billingExposure,
  catalogApiExposure,
  checkoutExposure,
  paymentsExposure,
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
});
