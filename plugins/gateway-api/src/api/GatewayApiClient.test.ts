import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GatewayApiClient } from './GatewayApiClient';
import { exposureList, tenants } from '../__fixtures__/exposures';
import { teamBTenant } from '../__fixtures__/tenantDetail';

const baseUrl = 'http://backstage.test/api/gateway-api';
const server = setupServer();
registerMswTestHooks(server);

const client = new GatewayApiClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
  fetchApi: new MockFetchApi(),
});

/** Answers `body` at `path`, and records the query it was asked with. */
function answer(path: string, body: object) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(`${baseUrl}${path}`, ({ request }) => {
      seen.push(new URL(request.url).searchParams);
      return HttpResponse.json(body);
    }),
  );
  return seen;
}

describe('GatewayApiClient', () => {
  it("reads one entity's exposures, URL-encoding its ref", async () => {
    const seen = answer('/exposure', exposureList);
    await expect(
      client.listExposures({ entityRef: 'component:default/checkout&x=1' }),
    ).resolves.toEqual(exposureList);
    expect([...seen[0].entries()]).toEqual([
      ['entityRef', 'component:default/checkout&x=1'],
    ]);
  });

  it('reads every hostname, narrowed to a tenant, in one page', async () => {
    const seen = answer('/hostnames', { items: [], pendingClusters: ['dev'] });
    await expect(client.listExposures({ tenant: 'team a' })).resolves.toEqual({
      items: [],
      pendingClusters: ['dev'],
    });
    expect([...seen[0].entries()]).toEqual([
      ['tenant', 'team a'],
      ['limit', '1000'],
    ]);
  });

  it('lists the tenants the caller may expose under, or all of them', async () => {
    const seen = answer('/tenants', { items: tenants });
    await expect(client.listTenants()).resolves.toEqual(tenants);
    await client.listTenants({ scope: 'all' });
    expect(seen.map(q => q.toString())).toEqual(['', 'scope=all']);
  });

  it('reads one tenant, URL-encoding cluster and name', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/tenants/:cluster/:name`, ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return HttpResponse.json(teamBTenant);
      }),
    );
    await expect(client.getTenant('dev cluster', 'team/b')).resolves.toEqual(
      teamBTenant,
    );
    expect(seen).toEqual(['/api/gateway-api/tenants/dev%20cluster/team%2Fb']);
  });

  it('lists clusters', async () => {
    answer('/clusters', { items: [{ name: 'dev', url: 'https://k8s' }] });
    await expect(client.listClusters()).resolves.toEqual([
      { name: 'dev', url: 'https://k8s' },
    ]);
  });

  it('checks a hostname for a tenant, on a cluster when given', async () => {
    const seen = answer('/hostnames/check', {
      ok: true,
      hostname: 'shop.team-a.example.org',
    });
    await expect(
      client.checkHostname({
        tenant: 'team-a',
        hostname: 'Shop.Team-A.example.org.',
      }),
    ).resolves.toEqual({ ok: true, hostname: 'shop.team-a.example.org' });
    await client.checkHostname({
      tenant: 'team-a',
      hostname: 'shop.team-a.example.org',
      cluster: 'dev',
    });
    expect(seen.map(q => q.toString())).toEqual([
      'tenant=team-a&hostname=Shop.Team-A.example.org.',
      'tenant=team-a&hostname=shop.team-a.example.org&cluster=dev',
    ]);
  });

  it('throws a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/exposure`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/nope that you may read',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.listExposures({ entityRef: 'component:default/nope' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: {
        error: {
          message: 'No entity component:default/nope that you may read',
        },
      },
    });
  });
});
