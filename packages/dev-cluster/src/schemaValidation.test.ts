import {
  TestCluster,
  gateway,
  gatewaysPath,
  httpRoute,
  startTestCluster,
} from './__testUtils__/testCluster';
import { gatewayApiInstallCases } from './index';

describe.each(gatewayApiInstallCases())(
  'CRD schema, defaults and CEL validation on Gateway API %s',
  (_name, install) => {
    let t: TestCluster;
    const routes = '/apis/gateway.networking.k8s.io/v1/namespaces/v/httproutes';
    beforeAll(async () => {
      t = await startTestCluster({ gatewayApi: install });
      await t.core.createNamespace({ body: { metadata: { name: 'v' } } });
    });
    afterAll(() => t.cluster.close());

    it('rejects an HTTPRoute whose hostname breaks the schema pattern, writing nothing', async () => {
      const writes = t.cluster.writes.length;
      const res = await t.request(
        'POST',
        routes,
        httpRoute('bad', 'v', ['Not_A_Host']),
      );
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        kind: 'Status',
        reason: 'Invalid',
        code: 422,
        details: {
          name: 'bad',
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
        },
      });
      expect(res.body.message).toMatch(
        /^HTTPRoute.gateway.networking.k8s.io "bad" is invalid: spec.hostnames\[0\]: Invalid value: "Not_A_Host": spec.hostnames\[0\] in body should match/,
      );
      expect(res.body.details.causes).toEqual([
        expect.objectContaining({
          reason: 'FieldValueInvalid',
          field: 'spec.hostnames[0]',
        }),
      ]);
      expect(t.cluster.writes.length).toBe(writes);
      expect((await t.request('GET', `${routes}/bad`)).status).toBe(404);
    });

    it('rejects a GatewayClass with a bad controllerName', async () => {
      const res = await t.request(
        'POST',
        '/apis/gateway.networking.k8s.io/v1/gatewayclasses',
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'GatewayClass',
          metadata: { name: 'c' },
          spec: { controllerName: 'no-slash' },
        },
      );
      expect(res.status).toBe(422);
      expect(res.body.details.causes[0].field).toBe('spec.controllerName');
    });

    it('reports required fields, enums and ranges', async () => {
      const res = await t.request('POST', gatewaysPath('v'), {
        ...gateway('g', 'v'),
        spec: { listeners: [{ name: 'l', port: 70000, protocol: 'HTTP' }] },
      });
      expect(res.status).toBe(422);
      const causes = res.body.details.causes.map((c: any) => [
        c.reason,
        c.field,
      ]);
      expect(causes).toEqual(
        expect.arrayContaining([
          ['FieldValueRequired', 'spec.gatewayClassName'],
          ['FieldValueInvalid', 'spec.listeners[0].port'],
        ]),
      );
      const enumRes = await t.request('POST', `${routes}`, {
        ...httpRoute('e', 'v'),
        spec: {
          rules: [{ matches: [{ path: { type: 'Glob', value: '/' } }] }],
        },
      });
      expect(enumRes.body.details.causes[0]).toMatchObject({
        reason: 'FieldValueNotSupported',
        field: 'spec.rules[0].matches[0].path.type',
      });
    });

    it('rejects a Gateway whose HTTP listener has tls (a CEL rule) with the CRD message', async () => {
      const body = gateway('tls', 'v');
      (body.spec.listeners[0] as any).tls = {
        mode: 'Terminate',
        certificateRefs: [{ name: 'cert' }],
      };
      const res = await t.request('POST', gatewaysPath('v'), body);
      expect(res.status).toBe(422);
      expect(res.body.details.causes).toContainEqual({
        reason: 'FieldValueInvalid',
        field: 'spec.listeners',
        message:
          "Invalid value: \"array\": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
      });
    });

    it('evaluates transition rules with oldSelf (immutable controllerName)', async () => {
      const path = '/apis/gateway.networking.k8s.io/v1/gatewayclasses';
      await t.request('POST', path, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'eg' },
        spec: { controllerName: 'example.com/gateway' },
      });
      const res = await t.request(
        'PATCH',
        `${path}/eg`,
        { spec: { controllerName: 'example.com/other' } },
        { contentType: 'application/merge-patch+json' },
      );
      expect(res.status).toBe(422);
      expect(res.body.details.causes[0]).toMatchObject({
        field: 'spec.controllerName',
        message: 'Invalid value: "string": Value is immutable',
      });
    });

    it('applies schema defaults and prunes unknown fields', async () => {
      const body: any = httpRoute('ok', 'v');
      body.spec.unknownField = true;
      const res = await t.request('POST', routes, body);
      expect(res.status).toBe(201);
      expect(res.body.spec.unknownField).toBeUndefined();
      expect(res.body.spec.rules[0].matches).toEqual([
        { path: { type: 'PathPrefix', value: '/' } },
      ]);
      expect(res.body.spec.rules[0].backendRefs[0]).toMatchObject({
        group: '',
        kind: 'Service',
        weight: 1,
      });
      expect(res.headers.get('warning')).toBe(
        '299 - "unknown field \\"spec.unknownField\\""',
      );
    });

    it('rejects unknown fields under fieldValidation=Strict', async () => {
      const body: any = httpRoute('strict', 'v');
      body.spec.unknownField = true;
      const res = await t.request(
        'POST',
        `${routes}?fieldValidation=Strict`,
        body,
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('unknown field "spec.unknownField"');
    });

    it('validates metadata.name', async () => {
      const res = await t.request(
        'POST',
        gatewaysPath('v'),
        gateway('Bad_Name', 'v'),
      );
      expect(res.status).toBe(422);
      expect(res.body.details.causes[0].field).toBe('metadata.name');
    });
  },
);

describe.each(
  gatewayApiInstallCases().filter(
    ([, install]) => install.version === 'v1.6.1',
  ),
)(
  'TLSRoute v1 on Gateway API %s (the Kubernetes CEL IP library)',
  (_name, install) => {
    let t: TestCluster;
    const tlsRoutes =
      '/apis/gateway.networking.k8s.io/v1/namespaces/default/tlsroutes';
    const tlsRoute = (name: string, hostnames: string[]) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name, namespace: 'default' },
      spec: {
        parentRefs: [{ name: 'gw' }],
        hostnames,
        rules: [{ backendRefs: [{ name: 'svc', port: 443 }] }],
      },
    });
    beforeAll(async () => {
      t = await startTestCluster({ gatewayApi: install });
    });
    afterAll(() => t.cluster.close());

    it('accepts DNS hostnames', async () => {
      const res = await t.request(
        'POST',
        tlsRoutes,
        tlsRoute('dns', ['app.example.com', '*.example.com']),
      );
      expect(res.status).toBe(201);
    });

    it.each([['10.0.0.1'], ['2001:db8::1']])(
      'rejects the IP hostname %s with the CRD message',
      async address => {
        const res = await t.request(
          'POST',
          tlsRoutes,
          tlsRoute('ip', ['app.example.com', address]),
        );
        expect(res.status).toBe(422);
        expect(res.body.details.causes).toContainEqual({
          reason: 'FieldValueInvalid',
          field: 'spec.hostnames',
          message: 'Invalid value: "array": Hostnames cannot contain an IP',
        });
      },
    );
  },
);
