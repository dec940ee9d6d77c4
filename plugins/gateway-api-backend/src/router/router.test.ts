import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { exposure } from '../__testUtils__/exposure';
import express from 'express';
import request from 'supertest';
import { ExposureFilter } from '../exposures/ExposureIndex';
import { HostnameIndex } from '../exposures/HostnameIndex';
import { createRouter } from './router';

const items = [
  exposure('b.team-a.example.org', {
    tls: {
      state: 'expiring',
      summary: 'expires soon',
      dnsNames: [],
      notAfter: '2026-01-05T00:00:00Z',
      hints: [],
    },
    status: { status: 'warning', summary: 'expires soon' },
  }),
  // Everything the analysis adds, so the answers are checked against the spec with it.
  exposure('a.team-a.example.org', {
    gateways: [
      {
        namespace: 'tenant-team-a',
        name: 'edge',
        addresses: [],
        status: { status: 'ok', summary: 'Programmed' },
        listener: {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          status: { status: 'unknown', summary: 'No status reported yet.' },
          predicted: { status: 'ok', summary: 'Programmed' },
        },
        ignoredPolicies: [],
        mistakes: [
          {
            status: 'warning',
            summary: 'proxyProtocol.optional: true',
            mistake: 'proxyProtocolOptional',
            hint: { meaning: 'm', fix: 'f' },
          },
        ],
      },
    ],
    policies: [
      {
        kind: 'BackendTrafficPolicy',
        group: 'gateway.envoyproxy.io',
        implementation: 'envoy-gateway',
        namespace: 'checkout',
        name: 'checkout',
        target: { kind: 'HTTPRoute', namespace: 'checkout', name: 'a' },
        settings: ['request timeout 5s'],
        precedence: 'effective',
        status: { status: 'ok', summary: 'Accepted' },
      },
    ],
    unattachedPolicies: [
      {
        status: 'warning',
        summary: 'matches nothing',
        mistake: 'policyTargetNotFound',
      },
    ],
  }),
  exposure('c.team-b.example.org', {
    tenant: 'team-b',
    owner: 'group:default/team-b',
  }),
];

describe('createRouter', () => {
  let app: express.Express;
  const filters: ExposureFilter[] = [];
  const permissions = mockServices.permissions.mock();
  const catalog = {
    // The caller may read the checkout component and team-a's tenant entity, nothing else.
    getEntityByRef: jest.fn(async (ref: any) => {
      const [kind, namespace, name] = ref.split(/[:/]/);
      return ['component:default/checkout', 'resource:dev/team-a'].includes(ref)
        ? {
            apiVersion: 'backstage.io/v1alpha1',
            kind,
            metadata: { name, namespace },
          }
        : undefined;
    }),
  };

  const lab = {
    cluster: 'lab',
    locator: 'catalog',
    kind: 'malformedEntity' as const,
    reason: 'it lacks the annotation kubernetes.io/auth-provider',
    since: '2026-01-01T00:00:00.000Z',
    entityRef: 'resource:default/lab',
  };

  beforeAll(async () => {
    const router = await createRouter({
      clusters: [
        {
          name: 'dev',
          url: 'http://127.0.0.1:6443',
          serviceAccountToken: 'super-secret-token',
          skipTLSVerify: false,
        },
      ],
      clusterProblems: () => [lab],
      httpAuth: mockServices.httpAuth(),
      catalog,
      permissions,
      tenants: () => [
        {
          cluster: 'dev',
          name: 'team-a',
          namespace: 'tenant-team-a',
          ownerGroup: 'group:default/team-a',
          domains: ['team-a.example.org'],
          attachedNamespaces: [],
        },
        {
          cluster: 'dev',
          name: 'team-b',
          namespace: 'tenant-team-b',
          ownerGroup: 'group:default/team-b',
          domains: ['team-b.example.org'],
          attachedNamespaces: [],
        },
      ],
      tenantDetail: (cluster, name) =>
        cluster === 'dev' && ['team-a', 'team-b'].includes(name)
          ? {
              cluster,
              name,
              namespace: `tenant-${name}`,
              ownerGroup: `group:default/${name}`,
              domains: [`${name}.example.org`],
              attachedNamespaces: [],
              gateways: [],
              hostnames: {
                ok: 1,
                pending: 0,
                warning: 0,
                error: 0,
                unknown: 0,
              },
            }
          : undefined,
      checkHostname: async ({ hostname, cluster }) =>
        hostname.endsWith('.team-a.example.org') && cluster === 'dev'
          ? { ok: true, hostname }
          : {
              ok: false,
              reason: `"${hostname}" is not inside team-a.example.org`,
            },
      exposures: {
        list: (filter = {}) => {
          filters.push(filter);
          return {
            items,
            pendingClusters: [],
            unservedKinds: [{ cluster: 'dev', kinds: ['TLSRoute'] }],
          };
        },
      },
      servedKinds: async cluster =>
        cluster === 'dev'
          ? {
              cluster,
              served: { HTTPRoute: 'gateway.networking.k8s.io/v1' },
              unserved: ['TLSRoute'],
              unreadable: [],
            }
          : undefined,
      clock: () => new Date('2026-01-01T00:00:00Z'),
      validateResponses: true,
    });
    app = express().use(router).use(mockErrorHandler());
  });

  it('answers health checks', async () => {
    const response = await request(app).get('/health');
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('lists the clusters without their credentials, and those whose objects are missing', async () => {
    const response = await request(app).get('/clusters');
    expect(response.body).toEqual({
      items: [
        {
          name: 'dev',
          url: 'http://127.0.0.1:6443',
          apis: {
            cluster: 'dev',
            served: { HTTPRoute: 'gateway.networking.k8s.io/v1' },
            unserved: ['TLSRoute'],
            unreadable: [],
          },
        },
      ],
      problems: [lab],
    });
    expect(response.text).not.toContain('super-secret-token');
  });

  it('answers an entity’s exposure for a reader of the entity, and 404 otherwise', async () => {
    const ok = await request(app).get(
      '/exposure?entityRef=component:default/checkout',
    );
    expect(ok.status).toBe(200);
    expect(filters.pop()).toEqual({ entityRef: 'component:default/checkout' });
    const hidden = await request(app).get(
      '/exposure?entityRef=component:default/secret',
    );
    expect(hidden.status).toBe(404);
    const missing = await request(app).get('/exposure');
    expect(missing.status).toBe(400);
  });

  it.each([
    [
      '',
      ['a.team-a.example.org', 'b.team-a.example.org', 'c.team-b.example.org'],
      3,
    ],
    ['?tenant=team-b', ['c.team-b.example.org'], 1],
    [
      '?owner=group:default/team-a&sort=hostname&order=desc',
      ['b.team-a.example.org', 'a.team-a.example.org'],
      2,
    ],
    ['?status=warning', ['b.team-a.example.org'], 1],
    ['?expiringWithinDays=7', ['b.team-a.example.org'], 1],
    [
      '?sort=expiry',
      ['b.team-a.example.org', 'a.team-a.example.org', 'c.team-b.example.org'],
      3,
    ],
    ['?search=C.TEAM', ['c.team-b.example.org'], 1],
    ['?limit=1&offset=1', ['b.team-a.example.org'], 3],
    [
      '?tenant=team-a&tenant=team-b&sort=tenant&order=desc',
      ['c.team-b.example.org', 'b.team-a.example.org', 'a.team-a.example.org'],
      3,
    ],
    ['?tls=expiring', ['b.team-a.example.org'], 1],
    [
      '?tls=none&cluster=dev',
      ['a.team-a.example.org', 'c.team-b.example.org'],
      2,
    ],
    ['?source=Ingress', [], 0],
    [
      '?search=',
      ['a.team-a.example.org', 'b.team-a.example.org', 'c.team-b.example.org'],
      3,
    ],
  ])('GET /hostnames%s', async (query, hostnames, total) => {
    const response = await request(app).get(`/hostnames${query}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((e: Exposure) => e.hostname)).toEqual(
      hostnames,
    );
    expect(response.body.totalItems).toBe(total);
    // Said, never silently empty: the passthrough routes this cluster cannot have.
    expect(response.body.unservedKinds).toEqual([
      { cluster: 'dev', kinds: ['TLSRoute'] },
    ]);
  });

  it.each([
    '?status=great',
    '?limit=5000',
    '?offset=-1',
    '?sort=route',
    '?tls=green',
    '?tenant[x]=team-a',
    '?search[]=a&search[]=b',
    '?limit=1.5',
    '?offset=1e8',
    '?limit=ten',
    '?expiringWithinDays=',
    '?unknownFilter=1',
    '?sort=tenant&sort=status',
    `?search=${'x'.repeat(513)}`,
    `?${Array.from({ length: 101 }, (_, i) => `tenant=t${i}`).join('&')}`,
  ])('refuses /hostnames%s', async query => {
    expect((await request(app).get(`/hostnames${query}`)).status).toBe(400);
  });

  it.each([
    ['/exposure', 'entityRef'],
    ['/exposure?entityRef=', 'entityRef'],
    ['/exposure?entityRef=component:default/checkout&tenant=team-a', 'tenant'],
    ['/hostnames/check?tenant=team-a', 'hostname'],
    ['/hostnames/check?hostname=a.team-a.example.org', 'tenant'],
    ['/hostnames/export?limit=10', 'limit'],
    ['/tenants?scope=everyone', 'scope'],
    ['/ingress-migration?cluster=a&cluster=b', 'cluster'],
  ])(
    'refuses %s as the spec does not allow it, saying which parameter',
    async (path, parameter) => {
      const response = await request(app).get(path);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(parameter),
      });
    },
  );

  it('counts each filter’s values among the hostnames the other filters leave', async () => {
    const response = await request(app).get(
      '/hostnames?tenant=team-a&status=ok',
    );
    expect(response.body.totalItems).toBe(1);
    expect(response.body.facets).toMatchObject({
      // team-b's ok hostname stays countable while team-a is chosen.
      tenant: [
        { value: 'team-a', count: 1 },
        { value: 'team-b', count: 1 },
      ],
      status: [
        { value: 'ok', count: 1 },
        { value: 'warning', count: 1 },
      ],
      cluster: [{ value: 'dev', count: 1 }],
      tls: [{ value: 'none', count: 1 }],
      source: [{ value: 'Route', count: 1 }],
      migration: [],
    });
  });

  it('exports every matching hostname as CSV, streamed, in the page’s order', async () => {
    const response = await request(app)
      .get('/hostnames/export?tenant=team-a&sort=hostname&order=desc')
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => done(null, body));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="hostnames.csv"',
    );
    expect(response.body.split('\r\n')).toEqual([
      'hostname,tenant,owner,cluster,gateway,route,status,tls,expires',
      'b.team-a.example.org,team-a,group:default/team-a,dev,,HTTPRoute checkout/b.team-a.example.org,Warning,Expiring,2026-01-05T00:00:00Z',
      'a.team-a.example.org,team-a,group:default/team-a,dev,tenant-team-a/edge (ok),HTTPRoute checkout/a.team-a.example.org,Working,None,',
      '',
    ]);
  });

  it('refuses a paged or malformed export before writing a row', async () => {
    for (const query of ['?limit=10', '?offset=1', '?status=great']) {
      const response = await request(app).get(`/hostnames/export${query}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/json/);
    }
  });

  it.each(['', '?tenant=team-a', '?status=ok&search=team', '?tls=none'])(
    'the page, its facets and the export cover the same hostnames (%s)',
    async query => {
      const page = await request(app).get(`/hostnames${query}`);
      const csv = await request(app)
        .get(`/hostnames/export${query}`)
        .buffer(true)
        .parse((res, done) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => done(null, body));
        });
      const rows = csv.body.split('\r\n').slice(1, -1);
      expect(rows.map((r: string) => r.split(',')[0])).toEqual(
        page.body.items.map((e: Exposure) => e.hostname),
      );
      expect(rows).toHaveLength(page.body.totalItems);
      // Every hostname has a cluster: the cluster facet adds up to the count, no more.
      const clusters = page.body.facets.cluster as { count: number }[];
      expect(clusters.reduce((n, f) => n + f.count, 0)).toBe(
        page.body.totalItems,
      );
    },
  );

  it('checks hostnames in the tenant’s cluster', async () => {
    const ok = await request(app).get(
      '/hostnames/check?tenant=team-a&hostname=shop.team-a.example.org',
    );
    expect(ok.body).toEqual({ ok: true, hostname: 'shop.team-a.example.org' });
    const refused = await request(app).get(
      '/hostnames/check?tenant=team-a&hostname=x.team-b.example.org',
    );
    expect(refused.body).toMatchObject({ ok: false });
    // An empty hostname is asked (the field as the user clears it) and answered with why not.
    const empty = await request(app).get(
      '/hostnames/check?tenant=team-a&hostname=',
    );
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ ok: false });
    expect(
      (await request(app).get('/hostnames/check?tenant=team-a')).status,
    ).toBe(400);
  });

  it('answers a tenant’s Gateways to a reader of its entity, and 404 otherwise', async () => {
    const ok = await request(app).get('/tenants/dev/team-a');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'team-a', gateways: [] });
    expect(catalog.getEntityByRef).toHaveBeenLastCalledWith(
      'resource:dev/team-a',
      expect.anything(),
    );
    // team-b exists but its entity is hidden from the caller; team-z does not exist.
    for (const path of ['/tenants/dev/team-b', '/tenants/dev/team-z']) {
      const refused = await request(app).get(path);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain('group:default');
    }
  });

  it('lists the tenants the caller may expose under, and all of them for the platform', async () => {
    permissions.authorize.mockImplementation(async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && r.resourceRef === 'dev/team-b'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    const mine = await request(app).get('/tenants');
    expect(mine.body.items.map((t: { name: string }) => t.name)).toEqual([
      'team-a',
    ]);
    const all = await request(app).get('/tenants?scope=all');
    expect(
      all.body.items.map((t: { name: string; canExpose: boolean }) => [
        t.name,
        t.canExpose,
      ]),
    ).toEqual([
      ['team-a', true],
      ['team-b', false],
    ]);

    permissions.authorize.mockImplementation(async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && r.resourceRef === 'dev/team-a'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    const notPlatform = await request(app).get('/tenants?scope=all');
    expect(notPlatform.body.items.map((t: { name: string }) => t.name)).toEqual(
      ['team-a'],
    );
  });
});

describe('createRouter with an ExposureIndex', () => {
  it('answers /hostnames from the index’s own hostnames()', async () => {
    // A class, as ExposureIndex is: its method must be called on it.
    class Index {
      private readonly built = new HostnameIndex([
        exposure('x.team-a.example.org'),
      ]);
      list() {
        return { items: [], pendingClusters: [] };
      }
      hostnames() {
        return { index: this.built, pendingClusters: ['other'] };
      }
    }
    const router = await createRouter({
      clusters: [],
      exposures: new Index(),
      httpAuth: mockServices.httpAuth(),
      catalog: { getEntityByRef: async () => undefined },
      permissions: mockServices.permissions.mock(),
      tenants: () => [],
      tenantDetail: () => undefined,
      checkHostname: async () => ({ ok: false, reason: 'no' }),
    });
    const app = express().use(router).use(mockErrorHandler());
    const response = await request(app).get('/hostnames');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      totalItems: 1,
      items: [{ hostname: 'x.team-a.example.org' }],
      pendingClusters: ['other'],
    });
  });
});
