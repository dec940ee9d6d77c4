import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GatewayApiClient } from './GatewayApiClient';

// The client asks only what the backend's OpenAPI spec allows (the backend refuses anything
// else with 400), and asks every operation of it but the health check. The spec is read as the
// backend's router reads it (jest turns a .yaml import into its object).
// A test-only read of the workspace's backend spec (never in the published package).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const spec = require('../../../gateway-api-backend/src/schema/openapi.yaml');

type Schema = {
  type?: string;
  enum?: unknown[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
};
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  allowEmptyValue?: boolean;
  schema: Schema;
};

const resolve = <T>(value: T | { $ref: string }): T => {
  if (value && typeof value === 'object' && '$ref' in value) {
    return value.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: any, key) => node[key], spec);
  }
  return value as T;
};

/** Why one value is not what the schema allows, or undefined when it is. */
function problemOf(value: string, schema: Schema): string | undefined {
  if (schema.enum && !schema.enum.includes(value)) return 'not in its enum';
  if (schema.type === 'integer') {
    const n = Number(value);
    if (!/^\d+$/.test(value)) return 'not a whole number';
    if (schema.minimum !== undefined && n < schema.minimum) return 'too small';
    if (schema.maximum !== undefined && n > schema.maximum) return 'too large';
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength)
    return 'too long';
  if (schema.minLength !== undefined && value.length < schema.minLength)
    return 'too short';
  return undefined;
}

/** Every way a GET request departs from the spec: empty when the backend accepts it. */
function departures(url: URL): string[] {
  const path = url.pathname.replace(/^\/api\/gateway-api/, '');
  const match = Object.keys(spec.paths).find(template =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  if (!match) return [`${path}: no such path`];
  const operation = spec.paths[match].get;
  if (!operation) return [`GET ${match}: no such operation`];
  const parameters: Parameter[] = (operation.parameters ?? [])
    .map(resolve)
    .filter((p: Parameter) => p.in === 'query');
  const found: string[] = [];
  for (const key of new Set(url.searchParams.keys())) {
    const parameter = parameters.find(p => p.name === key);
    if (!parameter) {
      found.push(`${match}: ${key} is not a parameter`);
      continue;
    }
    const values = url.searchParams.getAll(key);
    const schema = resolve(parameter.schema);
    const repeatable = schema.type === 'array';
    if (!repeatable && values.length > 1) found.push(`${key} given twice`);
    if (repeatable && values.length > (schema.maxItems ?? Infinity))
      found.push(`${key} given too often`);
    for (const value of values) {
      if (value === '' && !parameter.allowEmptyValue)
        found.push(`${key} is empty`);
      const problem = problemOf(value, repeatable ? schema.items! : schema);
      if (problem) found.push(`${key}=${value}: ${problem}`);
    }
  }
  for (const parameter of parameters) {
    if (parameter.required && !url.searchParams.has(parameter.name))
      found.push(`${match}: ${parameter.name} is required`);
  }
  return found;
}

describe('GatewayApiClient against the backend’s OpenAPI spec', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const asked: URL[] = [];
  beforeEach(() => {
    server.use(
      http.get('http://backstage.test/api/gateway-api/*', ({ request }) => {
        asked.push(new URL(request.url));
        return HttpResponse.json({ items: [] });
      }),
    );
  });
  const client = new GatewayApiClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('asks every operation, each as the spec allows', async () => {
    const everyFilter = {
      tenant: ['team-a', 'team b'],
      owner: 'group:default/team-a',
      cluster: ['dev'],
      status: ['ok' as const, 'warning' as const],
      tls: ['expiring' as const, 'none' as const],
      source: 'Ingress' as const,
      migration: ['both' as const],
      expiringWithinDays: 30,
      search: 'shop',
      sort: 'expiry' as const,
      order: 'desc' as const,
    };
    await client.listClusters();
    await client.listExposures({ entityRef: 'component:default/checkout' });
    await client.listExposures({ cluster: 'dev', tenant: 'team-a' });
    await client.listHostnames({ ...everyFilter, offset: 50, limit: 50 });
    await client.listHostnames({ search: '' });
    await client.exportHostnames({ ...everyFilter, offset: 50, limit: 50 });
    await client.listTenants();
    await client.listTenants({ scope: 'all' });
    await client.getTenant('dev', 'team a');
    await client.checkHostname({ tenant: 'team-a', hostname: '' });
    await client.checkHostname({
      tenant: 'team-a',
      hostname: 'shop.team-a.example.org',
      cluster: 'dev',
    });
    await client.getIngressMigration({ cluster: 'dev', tenant: 'team-a' });

    expect(asked.flatMap(departures)).toEqual([]);
    const operations = Object.keys(spec.paths).filter(p => p !== '/health');
    const covered = new Set(
      asked.map(
        url =>
          Object.keys(spec.paths).find(template =>
            new RegExp(
              `^/api/gateway-api${template.replace(/\{\w+\}/g, '[^/]+')}$`,
            ).test(url.pathname),
          )!,
      ),
    );
    expect([...covered].sort()).toEqual(operations.sort());
  });

  it('finds a request the spec does not allow', () => {
    // The check itself can fail: each of these the backend refuses.
    const base = 'http://backstage.test/api/gateway-api';
    expect(departures(new URL(`${base}/hostnames?status=great`))).toHaveLength(
      1,
    );
    expect(departures(new URL(`${base}/hostnames?limit=5000`))).toHaveLength(1);
    expect(departures(new URL(`${base}/hostnames/export?limit=5`))).toEqual([
      '/hostnames/export: limit is not a parameter',
    ]);
    expect(departures(new URL(`${base}/exposure`))).toEqual([
      '/exposure: entityRef is required',
    ]);
    expect(departures(new URL(`${base}/tenants?scope=mine&scope=all`))).toEqual(
      ['scope given twice'],
    );
  });
});
