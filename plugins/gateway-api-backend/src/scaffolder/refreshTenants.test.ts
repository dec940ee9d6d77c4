import { changedFields } from './changedFields';
import { provisionInputFromSpec } from './refreshTenants';
import { provisionTenantInput } from './provisionTenant';
import { z } from 'zod/v3';
import { TenantSpec } from '../manifests';

describe('changedFields', () => {
  it('names each label or annotation added, changed or removed', () => {
    expect(
      changedFields(
        { metadata: { labels: { a: '1', 'x.io/b': '2' } } },
        { metadata: { labels: { a: '9', 'x.io/c': '3' } } },
      ),
    ).toEqual([
      'metadata.labels.a changed',
      'metadata.labels["x.io/b"] removed',
      'metadata.labels["x.io/c"] added',
    ]);
  });

  it('compares named items of a list one by one, other lists whole', () => {
    expect(
      changedFields(
        {
          spec: {
            listeners: [
              { name: 'http', port: 80 },
              { name: 'https', port: 443 },
            ],
            hostnames: ['a'],
          },
        },
        {
          spec: {
            listeners: [
              { name: 'https', port: 8443 },
              { name: 'http', port: 80 },
              { name: 'tls', port: 443 },
            ],
            hostnames: ['a', 'b'],
          },
        },
      ),
    ).toEqual([
      'spec.hostnames changed',
      'spec.listeners[name="https"].port changed',
      'spec.listeners[name="tls"] added',
    ]);
  });

  it('finds nothing between equal objects', () => {
    const o = { a: [{ name: 'x', b: [1, 2] }], c: { d: 'e' } };
    expect(changedFields(o, JSON.parse(JSON.stringify(o)))).toEqual([]);
  });
});

describe('provisionInputFromSpec', () => {
  const spec: TenantSpec = {
    name: 'kids',
    namespace: 'tenant-kids',
    domains: ['kids.team-a.example.org'],
    parentTenant: 'team-a',
    ancestorTenants: ['team-a'],
    ownerGroup: 'group:default/kids',
    attachedNamespaces: ['kids-apps'],
    layout: 'dedicated',
    certificates: {
      type: 'acme-http01',
      server: 'staging',
      email: 'kids@example.org',
    },
    clientIp: { mode: 'none' },
    serviceExposure: { type: 'LoadBalancer' },
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    gatewayClassName: 'eg',
    names: {
      gateway: 'kids',
      issuer: 'kids',
      envoyProxyNamespace: 'envoy-gateway-system',
    },
    sharedGateway: {
      namespace: 'gateway',
      name: 'shared',
      gatewayClassName: 'eg',
      optInLabel: { key: 'shared-gateway-access', value: 'true' },
    },
  };

  it('is the input the tenant was provisioned with, without installing the guard policies', () => {
    const input = provisionTenantInput(z).parse(
      provisionInputFromSpec(spec, 'dev-cluster'),
    );
    expect(input).toMatchObject({
      cluster: 'dev-cluster',
      name: 'kids',
      parentTenant: 'team-a',
      domains: spec.domains,
      attachedNamespaces: ['kids-apps'],
      certificates: spec.certificates,
      gatewayClassName: 'eg',
      envoyProxyNamespace: 'envoy-gateway-system',
      sharedGateway: { namespace: 'gateway', name: 'shared' },
      installGuardPolicies: false,
      output: 'apply',
    });
  });
});
