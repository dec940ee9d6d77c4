/**
 * The attachment analysis against the three gateway layouts Gatehouse provisions: dedicated,
 * tenant-shared and cluster-shared.
 */
import { Gateway, Namespace, Route } from '../types';
import { predictAttachment } from './attachment';

const namespaces: Namespace[] = [
  { metadata: { name: 'tenant-root' } },
  { metadata: { name: 'tenant-team-a' } },
  { metadata: { name: 'tenant-team-b' } },
  { metadata: { name: 'team-a-apps' } },
  {
    metadata: {
      name: 'cozy-dashboard',
      labels: { 'cozystack.io/system': 'true' },
    },
  },
  { metadata: { name: 'shop', labels: { 'shared-gateway-access': 'true' } } },
  { metadata: { name: 'blog' } },
];

const route = (
  kind: Route['kind'],
  namespace: string,
  parentRef: object,
  hostnames: string[],
): Route =>
  ({
    kind,
    metadata: { namespace, name: 'r' },
    spec: { parentRefs: [parentRef], hostnames },
  } as Route);

function accepted(gateways: Gateway[], r: Route): string {
  return predictAttachment({ gateways, routes: [r], namespaces }).routes[0]
    .parents[0].accepted.reason;
}

describe('dedicated layout (per-service Gateways, acme-challenge and http-redirect)', () => {
  const gateways: Gateway[] = [
    {
      metadata: { namespace: 'tenant-root', name: 'dashboard' },
      spec: {
        gatewayClassName: 'tenant-root',
        listeners: [
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: 'dashboard.example.org',
            tls: { certificateRefs: [{ name: 'dashboard-tls' }] },
          },
        ],
      },
    },
    {
      metadata: { namespace: 'tenant-root', name: 'acme-challenge' },
      spec: {
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            allowedRoutes: {
              namespaces: {
                from: 'Selector',
                selector: { matchLabels: { 'cozystack.io/system': 'true' } },
              },
            },
          },
        ],
      },
    },
    {
      metadata: { namespace: 'tenant-root', name: 'http-redirect' },
      spec: {
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            allowedRoutes: { namespaces: { from: 'Same' } },
          },
        ],
      },
    },
  ];
  const dashboard = { name: 'dashboard', namespace: 'tenant-root' };
  const acme = { name: 'acme-challenge', namespace: 'tenant-root' };
  const redirect = { name: 'http-redirect', namespace: 'tenant-root' };

  it.each<[string, Route, string]>([
    [
      'the service route on its own Gateway',
      route('HTTPRoute', 'tenant-root', dashboard, ['dashboard.example.org']),
      'Accepted',
    ],
    [
      'another hostname on that Gateway',
      route('HTTPRoute', 'tenant-root', dashboard, ['keycloak.example.org']),
      'NoMatchingListenerHostname',
    ],
    [
      'a route from another namespace on that Gateway',
      route('HTTPRoute', 'tenant-team-a', dashboard, ['dashboard.example.org']),
      'NotAllowedByListeners',
    ],
    [
      "cert-manager's solver route from a system namespace",
      route('HTTPRoute', 'cozy-dashboard', acme, ['dashboard.example.org']),
      'Accepted',
    ],
    [
      'a tenant route on the acme-challenge Gateway',
      route('HTTPRoute', 'tenant-team-a', acme, ['x.example.org']),
      'NotAllowedByListeners',
    ],
    [
      'the catch-all redirect in the tenant namespace',
      route('HTTPRoute', 'tenant-root', redirect, []),
      'Accepted',
    ],
    [
      'a redirect from another namespace',
      route('HTTPRoute', 'tenant-team-a', redirect, []),
      'NotAllowedByListeners',
    ],
  ])('%s -> %s', (_, r, reason) => {
    expect(accepted(gateways, r)).toBe(reason);
  });
});

describe('tenant-shared layout (one Gateway per tenant, allowedRoutes by namespace name)', () => {
  const allowed = {
    namespaces: {
      from: 'Selector',
      selector: {
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'In',
            values: ['tenant-team-a', 'team-a-apps'],
          },
        ],
      },
    },
  };
  const gateways: Gateway[] = [
    {
      metadata: { namespace: 'tenant-team-a', name: 'gateway' },
      spec: {
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            hostname: '*.team-a.example.org',
            allowedRoutes: allowed,
          },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: '*.team-a.example.org',
            tls: { certificateRefs: [{ name: 'wildcard-tls' }] },
            allowedRoutes: allowed,
          },
          {
            name: 'tls-api',
            protocol: 'TLS',
            port: 443,
            hostname: 'api.team-a.example.org',
            tls: { mode: 'Passthrough' },
            allowedRoutes: allowed,
          },
        ],
      },
    },
  ];
  const gw = { name: 'gateway', namespace: 'tenant-team-a' };

  it.each<[string, Route, string]>([
    [
      'an HTTPRoute in the tenant namespace',
      route('HTTPRoute', 'tenant-team-a', { ...gw, sectionName: 'https' }, [
        'app.team-a.example.org',
      ]),
      'Accepted',
    ],
    [
      'an HTTPRoute in an attached namespace',
      route('HTTPRoute', 'team-a-apps', { ...gw, sectionName: 'https' }, [
        'shop.team-a.example.org',
      ]),
      'Accepted',
    ],
    [
      "another tenant's route",
      route('HTTPRoute', 'tenant-team-b', { ...gw, sectionName: 'https' }, [
        'app.team-a.example.org',
      ]),
      'NotAllowedByListeners',
    ],
    [
      "a hostname outside the tenant's domain",
      route('HTTPRoute', 'tenant-team-a', { ...gw, sectionName: 'https' }, [
        'app.team-b.example.org',
      ]),
      'NoMatchingListenerHostname',
    ],
    [
      'a TLSRoute for TLS passthrough',
      route('TLSRoute', 'team-a-apps', { ...gw, sectionName: 'tls-api' }, [
        'api.team-a.example.org',
      ]),
      'Accepted',
    ],
    [
      'a TLSRoute from an unattached namespace',
      route('TLSRoute', 'blog', { ...gw, sectionName: 'tls-api' }, [
        'api.team-a.example.org',
      ]),
      'NotAllowedByListeners',
    ],
  ])('%s -> %s', (_, r, reason) => {
    expect(accepted(gateways, r)).toBe(reason);
  });
});

describe('cluster-shared layout (one Gateway in the gateway namespace, namespaces opt in by label)', () => {
  const optIn = {
    namespaces: {
      from: 'Selector',
      selector: { matchLabels: { 'shared-gateway-access': 'true' } },
    },
  };
  const gateways: Gateway[] = [
    {
      metadata: { namespace: 'gateway', name: 'shared' },
      spec: {
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: optIn },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            tls: {
              certificateRefs: [{ name: 'shop-tls' }, { name: 'blog-tls' }],
            },
            allowedRoutes: optIn,
          },
        ],
      },
    },
  ];

  it.each<[string, Route, string]>([
    [
      'a labelled namespace',
      route(
        'HTTPRoute',
        'shop',
        { name: 'shared', namespace: 'gateway', sectionName: 'https' },
        ['shop.example.com'],
      ),
      'Accepted',
    ],
    [
      'a namespace without the label',
      route(
        'HTTPRoute',
        'blog',
        { name: 'shared', namespace: 'gateway', sectionName: 'https' },
        ['blog.example.com'],
      ),
      'NotAllowedByListeners',
    ],
    [
      'a parentRef without namespace',
      route('HTTPRoute', 'shop', { name: 'shared', sectionName: 'https' }, [
        'shop.example.com',
      ]),
      'NoMatchingParent',
    ],
  ])('%s -> %s', (_, r, reason) => {
    expect(accepted(gateways, r)).toBe(reason);
  });
});
