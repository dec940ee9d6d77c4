import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { ExposureFilter } from '../exposures/ExposureIndex';
import { createRouter } from './router';

describe('createRouter', () => {
  let app: express.Express;
  const calls: ExposureFilter[] = [];

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
      tenants: () => [
        {
          cluster: 'dev',
          name: 'team-a',
          namespace: 'tenant-team-a',
          ownerGroup: 'group:default/team-a',
          domains: ['team-a.example.org'],
          attachedNamespaces: [],
        },
      ],
      checkHostname: async ({ hostname }) =>
        hostname.endsWith('.team-a.example.org')
          ? { ok: true, hostname }
          : {
              ok: false,
              reason: `"${hostname}" is not inside team-a.example.org`,
            },
      exposures: {
        list: (filter = {}) => {
          calls.push(filter);
          return { items: [], pendingClusters: ['dev'] };
        },
      },
    });
    app = express().use(router).use(mockErrorHandler());
  });

  it('answers health checks', async () => {
    const response = await request(app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('lists the clusters without their credentials', async () => {
    const response = await request(app).get('/clusters');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [{ name: 'dev', url: 'http://127.0.0.1:6443' }],
    });
    expect(response.text).not.toContain('super-secret-token');
  });

  it('passes exposure filters through and refuses repeated parameters', async () => {
    const response = await request(app).get(
      '/exposures?entityRef=component:default/checkout&tenant=team-a',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], pendingClusters: ['dev'] });
    expect(calls).toEqual([
      {
        entityRef: 'component:default/checkout',
        tenant: 'team-a',
        cluster: undefined,
      },
    ]);
    const twice = await request(app).get('/exposures?tenant=a&tenant=b');
    expect(twice.status).toBe(400);
  });

  it('lists tenants and checks hostnames', async () => {
    const tenants = await request(app).get('/tenants');
    expect(tenants.body.items.map((t: { name: string }) => t.name)).toEqual([
      'team-a',
    ]);
    const ok = await request(app).get(
      '/hostname-check?cluster=dev&tenant=team-a&hostname=shop.team-a.example.org',
    );
    expect(ok.body).toEqual({ ok: true, hostname: 'shop.team-a.example.org' });
    const refused = await request(app).get(
      '/hostname-check?cluster=dev&tenant=team-a&hostname=shop.team-b.example.org',
    );
    expect(refused.body).toEqual({
      ok: false,
      reason: '"shop.team-b.example.org" is not inside team-a.example.org',
    });
    const incomplete = await request(app).get('/hostname-check?tenant=team-a');
    expect(incomplete.status).toBe(400);
  });
});
