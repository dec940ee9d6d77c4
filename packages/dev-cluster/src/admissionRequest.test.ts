import { TestCluster, startTestCluster } from './__testUtils__/testCluster';

const admission = '/apis/admissionregistration.k8s.io/v1';
const configMaps = (ns: string) => `/api/v1/namespaces/${ns}/configmaps`;

/** Every binding a policy sees, printed into its (always failing) message. */
const describeRequest = [
  "'op=' + request.operation",
  "' ns=' + request.namespace",
  "' name=' + request.name",
  "' kind=' + request.kind.group + '/' + request.kind.version + '/' + request.kind.kind",
  "' resource=' + request.resource.resource",
  "' user=' + request.userInfo.username",
  "' uid=' + request.userInfo.uid",
  "' groups=' + request.userInfo.groups.join(',')",
  "' extra=' + (has(request.userInfo.extra) && 'example.com/team' in request.userInfo.extra ? request.userInfo.extra['example.com/team'].join(',') : '-')",
  "' object=' + (object == null ? 'null' : (has(object.data) ? object.data.v : object.metadata.name))",
  "' old=' + (oldObject == null ? 'null' : (has(oldObject.data) ? oldObject.data.v : oldObject.metadata.name))",
  "' namespaceObject=' + (namespaceObject == null ? 'null' : namespaceObject.metadata.labels['tier'])",
].join(' + ');

function policy(name: string, resources: string[]) {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE', 'DELETE'],
            resources,
          },
        ],
      },
      validations: [
        { expression: 'false', messageExpression: describeRequest },
      ],
    },
  };
}

function binding(name: string, actions: string[], namespace?: string) {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: {
      policyName: name,
      validationActions: actions,
      ...(namespace
        ? {
            matchResources: {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': namespace },
              },
            },
          }
        : {}),
    },
  };
}

/** The texts of a Warning header: `299 - "a", 299 - "b"`. */
function warnings(headers: Headers): string[] {
  const header = headers.get('warning');
  if (!header) return [];
  return [...header.matchAll(/299 - ("(?:[^"\\]|\\.)*")/g)].map(m =>
    JSON.parse(m[1]),
  );
}

const prefix =
  "Validation failed for ValidatingAdmissionPolicy 'show-request' with binding 'show-request': ";

describe('what ValidatingAdmissionPolicies see', () => {
  let t: TestCluster;
  const tenant = { token: null as string | null };
  beforeAll(async () => {
    t = await startTestCluster({
      tokens: [
        {
          token: 'tenant-token',
          username: 'alice',
          uid: 'uid-alice',
          groups: ['tenant:team-a'],
          extra: { 'example.com/team': ['a', 'ops'] },
          rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        },
      ],
    });
    tenant.token = 'tenant-token';
    await t.core.createNamespace({
      body: { metadata: { name: 'watched', labels: { tier: 'gold' } } },
    });
    await t.core.createNamespace({ body: { metadata: { name: 'audited' } } });
    for (const [name, actions, ns] of [
      ['show-request', ['Warn'], 'watched'],
      ['audit-only', ['Audit'], 'audited'],
    ] as const) {
      const p = await t.request(
        'POST',
        `${admission}/validatingadmissionpolicies`,
        policy(name, ['configmaps']),
      );
      if (p.status !== 201) throw new Error(JSON.stringify(p.body));
      const b = await t.request(
        'POST',
        `${admission}/validatingadmissionpolicybindings`,
        binding(name, [...actions], ns),
      );
      if (b.status !== 201) throw new Error(JSON.stringify(b.body));
    }
  });
  afterAll(() => t.cluster.close());

  const asTenant = () => ({ token: tenant.token });

  it('on CREATE: the user with their groups, uid and extra; no oldObject; the Namespace', async () => {
    const res = await t.request(
      'POST',
      configMaps('watched'),
      { metadata: { name: 'cm' }, data: { v: 'one' } },
      asTenant(),
    );
    expect(res.status).toBe(201);
    expect(warnings(res.headers)).toEqual([
      `${prefix}op=CREATE ns=watched name=cm kind=/v1/ConfigMap resource=configmaps user=alice uid=uid-alice groups=tenant:team-a,system:authenticated extra=a,ops object=one old=null namespaceObject=gold`,
    ]);
  });

  it('on UPDATE: the stored object as oldObject', async () => {
    const res = await t.request(
      'PUT',
      `${configMaps('watched')}/cm`,
      { metadata: { name: 'cm' }, data: { v: 'two' } },
      asTenant(),
    );
    expect(res.status).toBe(200);
    expect(warnings(res.headers)).toEqual([
      expect.stringContaining('op=UPDATE ns=watched name=cm'),
    ]);
    expect(warnings(res.headers)[0]).toContain(' object=two old=one ');
  });

  it('on DELETE: object null, the stored object as oldObject', async () => {
    const res = await t.request(
      'DELETE',
      `${configMaps('watched')}/cm`,
      undefined,
      asTenant(),
    );
    expect(res.status).toBe(200);
    expect(warnings(res.headers)).toEqual([
      expect.stringContaining(
        'op=DELETE ns=watched name=cm kind=/v1/ConfigMap resource=configmaps user=alice',
      ),
    ]);
    expect(warnings(res.headers)[0]).toContain(' object=null old=two ');
  });

  it("the admin's groups include system:masters", async () => {
    const res = await t.request('POST', configMaps('watched'), {
      metadata: { name: 'by-admin' },
      data: { v: 'x' },
    });
    expect(warnings(res.headers)[0]).toContain(
      ' user=admin uid= groups=system:masters,system:authenticated extra=- ',
    );
  });

  it('a cluster-scoped object has no namespace and a null namespaceObject', async () => {
    await t.request(
      'POST',
      `${admission}/validatingadmissionpolicies`,
      policy('namespaces-seen', ['namespaces']),
    );
    await t.request(
      'POST',
      `${admission}/validatingadmissionpolicybindings`,
      binding('namespaces-seen', ['Warn']),
    );
    const res = await t.request(
      'POST',
      '/api/v1/namespaces',
      { metadata: { name: 'fresh', labels: { tier: 'x' } } },
      asTenant(),
    );
    expect(res.status).toBe(201);
    expect(warnings(res.headers)).toEqual([
      "Validation failed for ValidatingAdmissionPolicy 'namespaces-seen' with binding 'namespaces-seen': op=CREATE ns= name=fresh kind=/v1/Namespace resource=namespaces user=alice uid=uid-alice groups=tenant:team-a,system:authenticated extra=a,ops object=fresh old=null namespaceObject=null",
    ]);
  });

  it('Audit admits without a warning', async () => {
    const res = await t.request(
      'POST',
      configMaps('audited'),
      { metadata: { name: 'cm' }, data: { v: 'one' } },
      asTenant(),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBeNull();
    expect((await t.request('GET', `${configMaps('audited')}/cm`)).status).toBe(
      200,
    );
  });
});
