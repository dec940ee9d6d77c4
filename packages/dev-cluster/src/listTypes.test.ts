import { gatewayApiInstallCases } from './index';
import { TestCluster, startTestCluster } from './__testUtils__/testCluster';

function route(name: string, rule: Record<string, unknown>) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'default' },
    spec: {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [{ name: 'svc', port: 8080 }], ...rule }],
    },
  };
}

const routes =
  '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes';

describe.each(gatewayApiInstallCases())(
  'list types on Gateway API %s',
  (_name, install) => {
    let t: TestCluster;
    beforeAll(async () => {
      t = await startTestCluster({ gatewayApi: install });
    });
    afterAll(() => t.cluster.close());

    it('rejects two header matches with the same name (list-type map), writing nothing', async () => {
      const res = await t.request(
        'POST',
        routes,
        route('dup-headers', {
          matches: [
            {
              headers: [
                { name: 'X-Env', value: 'a' },
                { name: 'X-Env', value: 'b' },
              ],
            },
          ],
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.message).toBe(
        'HTTPRoute.gateway.networking.k8s.io "dup-headers" is invalid: spec.rules[0].matches[0].headers[1]: Duplicate value: map[string]interface {}{"name":"X-Env"}',
      );
      expect(res.body.details.causes).toEqual([
        {
          reason: 'FieldValueDuplicate',
          field: 'spec.rules[0].matches[0].headers[1]',
          message: 'Duplicate value: map[string]interface {}{"name":"X-Env"}',
        },
      ]);
      expect((await t.request('GET', `${routes}/dup-headers`)).status).toBe(
        404,
      );
    });

    it('rejects a header removed twice (list-type set)', async () => {
      const res = await t.request(
        'POST',
        routes,
        route('dup-remove', {
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { remove: ['x-a', 'x-b', 'x-a'] },
            },
          ],
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.details.causes).toContainEqual({
        reason: 'FieldValueDuplicate',
        field: 'spec.rules[0].filters[0].requestHeaderModifier.remove[2]',
        message: 'Duplicate value: "x-a"',
      });
    });

    it('accepts distinct header names', async () => {
      const res = await t.request(
        'POST',
        routes,
        route('distinct', {
          matches: [
            {
              headers: [
                { name: 'X-Env', value: 'a' },
                { name: 'X-Team', value: 'b' },
              ],
            },
          ],
        }),
      );
      expect(res.status).toBe(201);
    });
  },
);
