import express from 'express';
import request from 'supertest';
import { createRouter } from './router';

describe('createRouter', () => {
  let app: express.Express;

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
    });
    app = express().use(router);
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
});
