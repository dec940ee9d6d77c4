import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { spec } from '../schema/openapi';
import { createRouter } from './router';

// The spec and the router are one contract: every route the router serves is an operation of
// the spec and every operation is routed; the generated module holds the spec as it is now.
describe('the REST contract', () => {
  it('routes exactly the operations of the spec', async () => {
    const router = await createRouter({
      clusters: [],
      exposures: { list: () => ({ items: [], pendingClusters: [] }) },
      httpAuth: mockServices.httpAuth(),
      catalog: { getEntityByRef: async () => undefined },
      permissions: mockServices.permissions.mock(),
      tenants: () => [],
      tenantDetail: () => undefined,
      checkHostname: async () => ({ ok: false, reason: 'no' }),
    });
    const routed = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${layer.route.path}`,
        ),
      )
      // The validator's own route: the spec itself, for tools.
      .filter(route => route !== 'GET /openapi.json');
    const specified = Object.entries(spec.paths).flatMap(([p, operations]) =>
      Object.keys(operations).map(
        method => `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(routed.sort()).toEqual(specified.sort());
  });

  it('serves the spec it was generated from', () => {
    const source = yaml.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../schema/openapi.yaml'),
        'utf8',
      ),
    );
    expect(spec).toEqual(source);
  });
});
