import {
  TestCluster,
  gatewaysPath,
  httpRoute,
  startTestCluster,
} from './__testUtils__/testCluster';

const admission = '/apis/admissionregistration.k8s.io/v1';

describe('ValidatingAdmissionPolicy', () => {
  let t: TestCluster;
  const routes = (ns: string) =>
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes`;
  beforeAll(async () => {
    t = await startTestCluster();
    await t.core.createNamespace({
      body: { metadata: { name: 'team-a', labels: { tenant: 'a' } } },
    });
    await t.core.createNamespace({ body: { metadata: { name: 'free' } } });
    await t.core.createNamespace({ body: { metadata: { name: 'params' } } });
    await t.core.createNamespacedConfigMap({
      namespace: 'params',
      body: {
        metadata: { name: 'suffixes' },
        data: { a: '.team-a.example.com' },
      },
    });
    const policy = await t.request(
      'POST',
      `${admission}/validatingadmissionpolicies`,
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'tenant-hostnames' },
        spec: {
          failurePolicy: 'Fail',
          paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
          matchConstraints: {
            resourceRules: [
              {
                apiGroups: ['gateway.networking.k8s.io'],
                apiVersions: ['*'],
                operations: ['CREATE', 'UPDATE'],
                resources: ['httproutes'],
              },
            ],
            namespaceSelector: {
              matchExpressions: [{ key: 'tenant', operator: 'Exists' }],
            },
          },
          matchConditions: [
            { name: 'has-hostnames', expression: 'has(object.spec.hostnames)' },
          ],
          variables: [
            {
              name: 'suffix',
              expression:
                "params.data[namespaceObject.metadata.labels['tenant']]",
            },
          ],
          validations: [
            {
              expression:
                'object.spec.hostnames.all(h, h.endsWith(variables.suffix))',
              messageExpression:
                "'hostnames must end with ' + variables.suffix + ' (user ' + request.userInfo.username + ', ' + request.operation + ')'",
            },
          ],
        },
      },
    );
    if (policy.status !== 201) throw new Error(JSON.stringify(policy.body));
    const binding = await t.request(
      'POST',
      `${admission}/validatingadmissionpolicybindings`,
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: 'tenant-hostnames-binding' },
        spec: {
          policyName: 'tenant-hostnames',
          validationActions: ['Deny'],
          paramRef: {
            name: 'suffixes',
            namespace: 'params',
            parameterNotFoundAction: 'Deny',
          },
        },
      },
    );
    if (binding.status !== 201) throw new Error(JSON.stringify(binding.body));
  });
  afterAll(() => t.cluster.close());

  it('denies a request that fails a validation, with the apiserver message, and writes nothing', async () => {
    const writes = t.cluster.writes.length;
    const res = await t.request(
      'POST',
      routes('team-a'),
      httpRoute('r', 'team-a', ['shop.team-b.example.com']),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      message:
        "ValidatingAdmissionPolicy 'tenant-hostnames' with binding 'tenant-hostnames-binding' denied request: hostnames must end with .team-a.example.com (user admin, CREATE)",
    });
    expect(t.cluster.writes.length).toBe(writes);
  });

  it('admits a request that passes', async () => {
    const res = await t.request(
      'POST',
      routes('team-a'),
      httpRoute('ok', 'team-a', ['shop.team-a.example.com']),
    );
    expect(res.status).toBe(201);
  });

  it('checks updates too', async () => {
    const res = await t.request(
      'PATCH',
      `${routes('team-a')}/ok`,
      { spec: { hostnames: ['evil.example.com'] } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('(user admin, UPDATE)');
  });

  it('checks an update that changes nothing, as the API server does', async () => {
    expect(
      (
        await t.request(
          'POST',
          routes('team-a'),
          httpRoute('unchanged', 'team-a', ['cart.team-a.example.com']),
        )
      ).status,
    ).toBe(201);
    const setSuffix = (suffix: string) =>
      t.request(
        'PATCH',
        '/api/v1/namespaces/params/configmaps/suffixes',
        { data: { a: suffix } },
        { contentType: 'application/merge-patch+json' },
      );
    // The route no longer passes once the tenant's suffix changes; an empty patch and a PUT of
    // the object as stored are refused, though either would write nothing.
    await setSuffix('.team-a.example.net');
    try {
      const stored = (await t.request('GET', `${routes('team-a')}/unchanged`))
        .body;
      const writes = t.cluster.writes.length;
      const patched = await t.request(
        'PATCH',
        `${routes('team-a')}/unchanged`,
        {},
        { contentType: 'application/merge-patch+json' },
      );
      expect(patched.status).toBe(422);
      expect(patched.body.message).toContain(
        'hostnames must end with .team-a.example.net',
      );
      const put = await t.request(
        'PUT',
        `${routes('team-a')}/unchanged`,
        stored,
      );
      expect(put.status).toBe(422);
      expect(t.cluster.writes.length).toBe(writes);
    } finally {
      await setSuffix('.team-a.example.com');
    }
  });

  it('skips namespaces outside the namespaceSelector and objects failing matchConditions', async () => {
    expect(
      (
        await t.request(
          'POST',
          routes('free'),
          httpRoute('any', 'free', ['anything.example.com']),
        )
      ).status,
    ).toBe(201);
    const noHosts: any = httpRoute('nohosts', 'team-a');
    delete noHosts.spec.hostnames;
    expect((await t.request('POST', routes('team-a'), noHosts)).status).toBe(
      201,
    );
  });

  it('uses the validation reason for the status code', async () => {
    await t.request('POST', `${admission}/validatingadmissionpolicies`, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'no-gateways-in-free' },
      spec: {
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: ['gateway.networking.k8s.io'],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['gateways'],
            },
          ],
        },
        validations: [
          {
            expression: "request.namespace != 'free'",
            message: 'no gateways here',
            reason: 'Forbidden',
          },
        ],
      },
    });
    await t.request('POST', `${admission}/validatingadmissionpolicybindings`, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'b2' },
      spec: { policyName: 'no-gateways-in-free', validationActions: ['Deny'] },
    });
    const res = await t.request('POST', gatewaysPath('free'), {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g' },
      spec: {
        gatewayClassName: 'eg',
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      reason: 'Forbidden',
      message:
        "ValidatingAdmissionPolicy 'no-gateways-in-free' with binding 'b2' denied request: no gateways here",
    });
  });

  it('rejects a policy whose CEL does not compile', async () => {
    const res = await t.request(
      'POST',
      `${admission}/validatingadmissionpolicies`,
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'broken' },
        spec: { validations: [{ expression: 'object.(' }] },
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes[0].field).toBe(
      'spec.validations[0].expression',
    );
  });
});
