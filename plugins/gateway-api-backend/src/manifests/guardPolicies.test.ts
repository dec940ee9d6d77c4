import { guardPolicies } from './index';

const options = {
  validationActions: ['Deny' as const],
  platformNamespaces: ['gateway'],
};

describe('guardPolicies', () => {
  const objects = guardPolicies(options) as any[];
  const policies = objects.filter(o => o.kind === 'ValidatingAdmissionPolicy');
  const bindings = objects.filter(
    o => o.kind === 'ValidatingAdmissionPolicyBinding',
  );

  it('has the four policies of seed 001, each with a binding', () => {
    expect(policies.map(p => p.metadata.name)).toEqual([
      'gatehouse-route-hostnames',
      'gatehouse-tenant-domains',
      'gatehouse-attached-namespaces',
      'gatehouse-listener-hostnames',
    ]);
    expect(bindings.map(b => b.spec.policyName)).toEqual(
      policies.map(p => p.metadata.name),
    );
    for (const object of objects) {
      expect(object.apiVersion).toBe('admissionregistration.k8s.io/v1');
    }
  });

  it('reads every tenant Namespace as a param', () => {
    for (const policy of policies) {
      expect(policy.spec.paramKind).toEqual({
        apiVersion: 'v1',
        kind: 'Namespace',
      });
      expect(policy.spec.failurePolicy).toBe('Fail');
    }
    for (const binding of bindings) {
      expect(binding.spec).toMatchObject({
        validationActions: ['Deny'],
        paramRef: {
          selector: {
            matchExpressions: [
              { key: 'gateway-api.gatehouse.dev/tenant', operator: 'Exists' },
            ],
          },
          parameterNotFoundAction: 'Allow',
        },
      });
    }
  });

  it('guards routes, tenant Namespaces and Gateways', () => {
    expect(
      policies.map(p => p.spec.matchConstraints.resourceRules[0].resources),
    ).toEqual([
      ['httproutes', 'tlsroutes', 'grpcroutes'],
      ['namespaces'],
      ['namespaces'],
      ['gateways'],
    ]);
  });

  it('exempts the platform namespaces from the route and listener checks', () => {
    const [routes, , , listeners] = policies;
    for (const policy of [routes, listeners]) {
      expect(policy.spec.matchConditions).toEqual([
        {
          name: 'outside-platform-namespaces',
          expression: "!(object.metadata.namespace in ['gateway'])",
        },
      ]);
    }
  });

  it('reads tenant state from the Namespace labels and annotations', () => {
    const text = JSON.stringify(policies);
    expect(text).toContain(
      "params.metadata.annotations['gateway-api.gatehouse.dev/domains']",
    );
    expect(text).toContain(
      "params.metadata.annotations['gateway-api.gatehouse.dev/attached-namespaces']",
    );
    expect(text).toContain("'gateway-api.gatehouse.dev/parent-tenant'");
  });
});
