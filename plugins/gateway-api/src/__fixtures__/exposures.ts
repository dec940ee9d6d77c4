import {
  Exposure,
  ExposureList,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';

// Test and screenshot data shaped like the backend's answers for examples/cluster/.

const ok = (summary: string) => ({ status: 'ok' as const, summary });

/** Healthy: Accepted, Programmed, certificate Ready. */
export const checkoutExposure: Exposure = {
  cluster: 'dev-cluster',
  hostname: 'checkout.team-a.example.org',
  url: 'https://checkout.team-a.example.org/',
  tenant: 'team-a',
  catalogEntityRef: 'resource:dev-cluster/checkout.team-a.example.org',
  owner: 'group:default/team-a',
  entityRef: 'component:default/checkout',
  route: {
    kind: 'HTTPRoute',
    namespace: 'tenant-team-a',
    name: 'checkout',
    status: ok('Accepted, ResolvedRefs.'),
    parents: [
      {
        gateway: { namespace: 'tenant-team-a', name: 'checkout' },
        sectionName: 'https',
        status: ok('tenant-team-a/checkout/https: Accepted, ResolvedRefs.'),
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
        ],
      },
    ],
    backends: [{ namespace: 'tenant-team-a', name: 'checkout', port: 8080 }],
  },
  gateways: [
    {
      namespace: 'tenant-team-a',
      name: 'checkout',
      gatewayClassName: 'tenant-team-a',
      addresses: ['203.0.113.10'],
      status: ok('Accepted, Programmed.'),
      listener: {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'checkout.team-a.example.org',
        attachedRoutes: 1,
        status: ok('Listener "https": Accepted, Programmed, ResolvedRefs.'),
      },
    },
  ],
  tls: {
    state: 'ready',
    summary:
      'Certificate is Ready until 2027-02-18 (88 days left), renewal on 2027-01-19.',
    issuer: { name: 'letsencrypt', kind: 'Issuer', ready: true },
    dnsNames: ['checkout.team-a.example.org'],
    notBefore: '2026-11-20T10:00:00Z',
    notAfter: '2027-02-18T10:00:00Z',
    renewalTime: '2027-01-19T10:00:00Z',
    daysLeft: 88,
    hints: [],
  },
  status: ok('Accepted, ResolvedRefs.'),
};

/** Refused: the route's namespace is not allowed by the listener's allowedRoutes. */
export const billingExposure: Exposure = {
  cluster: 'dev-cluster',
  hostname: 'billing.team-b.example.org',
  url: 'https://billing.team-b.example.org/',
  tenant: 'team-b',
  catalogEntityRef: 'resource:dev-cluster/billing.team-b.example.org',
  owner: 'group:default/team-b',
  entityRef: 'component:default/legacy-billing',
  route: {
    kind: 'HTTPRoute',
    namespace: 'billing',
    name: 'legacy-billing',
    status: {
      status: 'error',
      summary:
        'tenant-team-b/gateway/https: Accepted False (NotAllowedByListeners)',
      type: 'Accepted',
      reason: 'NotAllowedByListeners',
    },
    parents: [
      {
        gateway: { namespace: 'tenant-team-b', name: 'gateway' },
        sectionName: 'https',
        status: {
          status: 'error',
          summary:
            'tenant-team-b/gateway/https: Accepted False (NotAllowedByListeners)',
          type: 'Accepted',
          reason: 'NotAllowedByListeners',
        },
        conditions: [
          {
            type: 'Accepted',
            status: 'False',
            reason: 'NotAllowedByListeners',
          },
        ],
        predicted: {
          status: 'error',
          summary:
            'tenant-team-b/gateway/https: Accepted False (NotAllowedByListeners)',
          type: 'Accepted',
          reason: 'NotAllowedByListeners',
          hint: {
            meaning:
              "The route's namespace is not allowed by the listener's allowedRoutes, so the route is not attached and traffic never reaches the app.",
            fix: 'Ask the platform team to attach the namespace to the tenant (it adds the namespace to allowedRoutes), or label the namespace as the shared Gateway requires.',
          },
        },
      },
    ],
    backends: [{ namespace: 'billing', name: 'legacy-billing', port: 80 }],
  },
  gateways: [
    {
      namespace: 'tenant-team-b',
      name: 'gateway',
      gatewayClassName: 'cilium',
      addresses: ['203.0.113.20'],
      status: ok('Accepted, Programmed.'),
      listener: {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        attachedRoutes: 1,
        status: ok('Listener "https": Accepted, Programmed, ResolvedRefs.'),
      },
    },
  ],
  tls: {
    state: 'failed',
    summary:
      'Certificate issuance failed: the HTTP-01 challenge could not be reached.',
    issuer: { name: 'team-b-acme', kind: 'Issuer', ready: true },
    dnsNames: ['billing.team-b.example.org'],
    acme: {
      orderState: 'invalid',
      challenges: [
        {
          type: 'HTTP-01',
          dnsName: 'billing.team-b.example.org',
          state: 'invalid',
          reason: 'Connection refused on port 80',
        },
      ],
    },
    hints: [
      {
        meaning:
          'The ACME server could not fetch the HTTP-01 challenge: the acme-challenge listener on port 80 is not reachable from the internet.',
        fix: "Check that the Gateway's HTTP listener on port 80 is Programmed and reachable from outside.",
      },
    ],
  },
  status: {
    status: 'error',
    summary:
      'tenant-team-b/gateway/https: Accepted False (NotAllowedByListeners)',
    type: 'Accepted',
    reason: 'NotAllowedByListeners',
  },
};

/** Waiting: no controller has reported on the route yet; the certificate is being issued. */
export const paymentsExposure: Exposure = {
  cluster: 'dev-cluster',
  hostname: 'pay.team-b.example.org',
  url: 'https://pay.team-b.example.org/',
  tenant: 'team-b',
  catalogEntityRef: 'resource:dev-cluster/pay.team-b.example.org',
  owner: 'group:default/team-b',
  entityRef: 'component:default/payments',
  route: {
    kind: 'TLSRoute',
    namespace: 'tenant-team-b',
    name: 'payments',
    status: {
      status: 'unknown',
      summary: 'No controller has reported on this route yet.',
    },
    parents: [
      {
        gateway: { namespace: 'tenant-team-b', name: 'gateway' },
        sectionName: 'tls',
        status: { status: 'unknown', summary: 'No status reported yet.' },
        conditions: [],
      },
    ],
    backends: [{ namespace: 'tenant-team-b', name: 'payments', port: 8443 }],
  },
  gateways: [
    {
      namespace: 'tenant-team-b',
      name: 'gateway',
      addresses: [],
      status: {
        status: 'pending',
        summary: 'Programmed Unknown (Pending)',
        type: 'Programmed',
        reason: 'Pending',
        hint: {
          meaning: 'The data plane is being configured for the Gateway.',
          fix: "Wait a minute; if it stays Pending, look at the controller's logs.",
        },
      },
      listener: {
        name: 'tls',
        protocol: 'TLS',
        port: 443,
        status: { status: 'unknown', summary: 'No status reported yet.' },
      },
    },
  ],
  status: {
    status: 'pending',
    summary: 'Programmed Unknown (Pending)',
    type: 'Programmed',
    reason: 'Pending',
  },
};

/** Refused: parentRef without namespace, certificate expiring. */
export const catalogApiExposure: Exposure = {
  cluster: 'staging',
  hostname: 'catalog.team-c.example.org',
  url: 'https://catalog.team-c.example.org/',
  tenant: 'team-c',
  catalogEntityRef: 'resource:staging/catalog.team-c.example.org',
  owner: 'group:default/team-c',
  entityRef: 'component:default/catalog-api',
  route: {
    kind: 'HTTPRoute',
    namespace: 'catalog',
    name: 'catalog-api',
    status: {
      status: 'error',
      summary: 'gateway: Accepted False (NoMatchingParent)',
      type: 'Accepted',
      reason: 'NoMatchingParent',
    },
    parents: [
      {
        gateway: { namespace: 'catalog', name: 'gateway' },
        status: {
          status: 'error',
          summary: 'gateway: Accepted False (NoMatchingParent)',
          type: 'Accepted',
          reason: 'NoMatchingParent',
        },
        conditions: [
          { type: 'Accepted', status: 'False', reason: 'NoMatchingParent' },
        ],
        predicted: {
          status: 'error',
          summary: 'catalog/gateway: Accepted False (NoMatchingParent)',
          type: 'Accepted',
          reason: 'NoMatchingParent',
          hint: {
            meaning:
              "The parentRef has no namespace, so it looks for the Gateway in the route's own namespace, finds none, and the route stays unattached.",
            fix: "Add namespace: <the Gateway's namespace> to the parentRef.",
          },
        },
      },
    ],
    backends: [{ namespace: 'catalog', name: 'catalog-api', port: 80 }],
  },
  gateways: [],
  tls: {
    state: 'expiring',
    summary: 'Certificate expires in 5 days, on 2026-11-27.',
    issuer: { name: 'letsencrypt', kind: 'ClusterIssuer', ready: true },
    dnsNames: ['catalog.team-c.example.org'],
    notAfter: '2026-11-27T10:00:00Z',
    renewalTime: '2026-10-28T10:00:00Z',
    daysLeft: 5,
    hints: [
      {
        meaning: 'The certificate expires soon and has not been renewed yet.',
        fix: 'Check that renewal is not failing (CertificateRequest, Order, Challenges, issuer Ready).',
      },
    ],
  },
  status: {
    status: 'error',
    summary: 'gateway: Accepted False (NoMatchingParent)',
    type: 'Accepted',
    reason: 'NoMatchingParent',
  },
};

/**
 * Served through a ListenerSet of team-c merged onto the cluster-shared Gateway (Gateway API
 * v1.5+): the route's parentRef names the ListenerSet, whose listener serves the hostname.
 */
export const shopListenerSetExposure: Exposure = {
  cluster: 'dev-cluster',
  hostname: 'shop.team-c.example.org',
  url: 'https://shop.team-c.example.org/',
  tenant: 'team-c',
  catalogEntityRef: 'resource:dev-cluster/shop.team-c.example.org',
  owner: 'group:default/team-c',
  entityRef: 'component:default/shop',
  route: {
    kind: 'HTTPRoute',
    namespace: 'tenant-team-c',
    name: 'shop',
    status: ok('Accepted, ResolvedRefs.'),
    parents: [
      {
        gateway: { namespace: 'gateway', name: 'shared' },
        listenerSet: {
          namespace: 'tenant-team-c',
          name: 'shop.team-c.example.org',
        },
        sectionName: 'https',
        status: ok(
          'tenant-team-c/shop.team-c.example.org/https: Accepted, ResolvedRefs.',
        ),
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
        ],
      },
    ],
    backends: [{ namespace: 'tenant-team-c', name: 'shop', port: 8080 }],
  },
  gateways: [
    {
      namespace: 'gateway',
      name: 'shared',
      gatewayClassName: 'eg',
      addresses: ['203.0.113.30'],
      status: ok('Accepted, Programmed.'),
      listener: {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'shop.team-c.example.org',
        attachedRoutes: 1,
        status: ok('Listener "https": Accepted, Programmed, ResolvedRefs.'),
      },
      listenerSet: {
        namespace: 'tenant-team-c',
        name: 'shop.team-c.example.org',
        status: ok('Accepted, Programmed.'),
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'True', reason: 'Programmed' },
        ],
        predicted: ok(
          'ListenerSet "tenant-team-c/shop.team-c.example.org": Accepted.',
        ),
      },
    },
  ],
  status: ok('Accepted, ResolvedRefs.'),
};

/** The same hostname when the shared Gateway does not admit the tenant's ListenerSet. */
export const shopNotAllowedExposure: Exposure = {
  ...shopListenerSetExposure,
  route: {
    ...shopListenerSetExposure.route,
    parents: [
      {
        ...shopListenerSetExposure.route.parents[0],
        status: { status: 'unknown', summary: 'No status reported yet.' },
        conditions: [],
        predicted: {
          status: 'error',
          summary:
            'tenant-team-c/shop.team-c.example.org/https: Accepted False (NoMatchingParent)',
          type: 'Accepted',
          reason: 'NoMatchingParent',
        },
      },
    ],
    status: {
      status: 'error',
      summary:
        'tenant-team-c/shop.team-c.example.org/https: Accepted False (NoMatchingParent)',
      type: 'Accepted',
      reason: 'NoMatchingParent',
    },
  },
  gateways: [
    {
      ...shopListenerSetExposure.gateways[0],
      listener: {
        ...shopListenerSetExposure.gateways[0].listener!,
        attachedRoutes: undefined,
        status: { status: 'unknown', summary: 'No status reported yet.' },
      },
      listenerSet: {
        namespace: 'tenant-team-c',
        name: 'shop.team-c.example.org',
        status: {
          status: 'error',
          summary: 'Accepted False (NotAllowed)',
          type: 'Accepted',
          reason: 'NotAllowed',
        },
        conditions: [
          { type: 'Accepted', status: 'False', reason: 'NotAllowed' },
        ],
      },
    },
  ],
  status: {
    status: 'error',
    summary: 'Accepted False (NotAllowed)',
    reason: 'NotAllowed',
  },
};

export const exposures: Exposure[] = [
  checkoutExposure,
  billingExposure,
  paymentsExposure,
  catalogApiExposure,
];

export const exposureList: ExposureList = {
  items: exposures,
  pendingClusters: [],
};

export const tenants: TenantSummary[] = [
  {
    cluster: 'dev-cluster',
    name: 'team-a',
    namespace: 'tenant-team-a',
    ownerGroup: 'group:default/team-a',
    domains: ['team-a.example.org'],
    attachedNamespaces: [],
    layout: 'dedicated',
  },
  {
    cluster: 'dev-cluster',
    name: 'team-b',
    namespace: 'tenant-team-b',
    ownerGroup: 'group:default/team-b',
    domains: ['team-b.example.org', 'pay.example.com'],
    attachedNamespaces: ['billing'],
    layout: 'tenant-shared',
  },
  {
    cluster: 'staging',
    name: 'team-c',
    namespace: 'tenant-team-c',
    ownerGroup: 'group:default/team-c',
    domains: ['team-c.example.org'],
    attachedNamespaces: ['catalog'],
    layout: 'cluster-shared',
  },
];
