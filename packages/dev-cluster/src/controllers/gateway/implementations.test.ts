import {
  CILIUM_CONTROLLER,
  CILIUM_FEATURES,
  ENVOY_GATEWAY_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
  NGINX_GATEWAY_FABRIC_FEATURES,
} from './implementations';
import { GatewayApiSnapshot, reconcileGatewayApi } from './reconcile';
import {
  acceptedStatus,
  gateway,
  gatewayClass,
  route,
  service,
} from './testObjects';

const CONTROLLERS = [
  ENVOY_GATEWAY_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
  CILIUM_CONTROLLER,
];
const EG_SERVED = ['Gateway', 'HTTPRoute', 'ListenerSet', 'ReferenceGrant'];

function reconcile(objects: Partial<GatewayApiSnapshot>) {
  return reconcileGatewayApi(
    {
      gatewayClasses: [],
      gateways: [],
      httpRoutes: [],
      grpcRoutes: [],
      tlsRoutes: [],
      tcpRoutes: [],
      referenceGrants: [],
      namespaces: [],
      services: [],
      secrets: [],
      envoyProxies: [],
      nginxProxies: [],
      listenerSets: [],
      ...objects,
    },
    {
      controllerNames: CONTROLLERS,
      addressPool: ['192.0.2.10', '192.0.2.11', '192.0.2.12'],
      loadBalancerReady: () => true,
      supportedFeatures: EG_SERVED,
    },
  );
}

function statusOf(result: ReturnType<typeof reconcile>, name: string): any {
  return result.updates.find(u => u.object.metadata.name === name)?.status;
}

const brief = (conditions: any[]) =>
  conditions.map(c => [c.type, c.status, c.reason]);

const nginx = (name = 'nginx', spec: object = {}) =>
  gatewayClass(name, {
    controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
    ...spec,
  });
const cilium = (spec: object = {}) =>
  gatewayClass('cilium', { controllerName: CILIUM_CONTROLLER, ...spec });
const http = { name: 'http', port: 80, protocol: 'HTTP' };

describe('the controller plays each implementation by its controllerName', () => {
  it("writes NGINX Gateway Fabric's conditions and its supportedFeatures on its own class", () => {
    const status = statusOf(reconcile({ gatewayClasses: [nginx()] }), 'nginx');
    expect(brief(status.conditions)).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['SupportedVersion', 'True', 'SupportedVersion'],
    ]);
    expect(status.supportedFeatures.map((f: any) => f.name)).toEqual(
      NGINX_GATEWAY_FABRIC_FEATURES,
    );
    expect(NGINX_GATEWAY_FABRIC_FEATURES).toEqual(
      expect.arrayContaining([
        'ListenerSet',
        'TLSRoute',
        'HTTPRouteSchemeRedirect',
      ]),
    );
  });

  it('refuses any other NGINX Gateway Fabric class as GatewayClassConflict, and its Gateways', () => {
    const result = reconcile({
      gatewayClasses: [nginx(), nginx('tenant-team-a')],
      gateways: [gateway('gw', [http], { className: 'tenant-team-a' })],
    });
    expect(brief(statusOf(result, 'tenant-team-a').conditions)).toEqual([
      ['Accepted', 'False', 'GatewayClassConflict'],
    ]);
    expect(statusOf(result, 'gw')).toBeUndefined();
  });

  it('reports an NGINX Gateway Fabric class parametersRef it cannot resolve, yet accepts the class', () => {
    const status = statusOf(
      reconcile({
        gatewayClasses: [
          nginx('nginx', {
            parametersRef: {
              group: 'gateway.nginx.org',
              kind: 'NginxProxy',
              name: 'missing',
              namespace: 'nginx-gateway',
            },
          }),
        ],
      }),
      'nginx',
    );
    expect(brief(status.conditions)).toEqual([
      ['Accepted', 'True', 'InvalidParameters'],
      ['SupportedVersion', 'True', 'SupportedVersion'],
      ['ResolvedRefs', 'False', 'ParametersRefNotFound'],
    ]);
  });

  it("resolves an NGINX Gateway Fabric Gateway's NginxProxy, or accepts the Gateway without it", () => {
    const ref = (name: string) => ({
      infrastructure: {
        parametersRef: { group: 'gateway.nginx.org', kind: 'NginxProxy', name },
      },
    });
    const withProxy = gateway('with', [http], {
      className: 'nginx',
      spec: ref('with'),
    });
    const without = gateway('without', [http], {
      className: 'nginx',
      spec: ref('absent'),
    });
    const result = reconcile({
      gatewayClasses: [nginx()],
      gateways: [withProxy, without],
      nginxProxies: [
        { metadata: { name: 'with', namespace: withProxy.metadata.namespace } },
      ],
    });
    expect(brief(statusOf(result, 'with').conditions)).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['Programmed', 'False', 'AddressNotAssigned'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
    ]);
    const missing = statusOf(result, 'without').conditions;
    expect(brief(missing)).toEqual([
      ['Accepted', 'True', 'InvalidParameters'],
      ['Programmed', 'False', 'AddressNotAssigned'],
      ['ResolvedRefs', 'False', 'ParametersRefInvalid'],
    ]);
    expect(missing[2].message).toBe(
      'Spec.infrastructure.parametersRef.name: Not found: "absent"',
    );
  });

  it("marks NGINX Gateway Fabric's Gateways and its route parent entries with the <Kind>Affected of the policies targeting them, until the policies go", () => {
    const all = { namespaces: { from: 'All' } };
    const edge = gateway('edge', [{ ...http, allowedRoutes: all }], {
      className: 'nginx',
    });
    const envoy = gateway('envoy', [{ ...http, allowedRoutes: all }]);
    const web = route('web', 'app', {
      parentRefs: [
        { name: 'edge', namespace: 'infra' },
        { name: 'envoy', namespace: 'infra' },
      ],
      rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
    });
    const target = (kind: string, name: string) => ({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind, name }],
    });
    const objects = {
      gatewayClasses: [nginx(), gatewayClass()],
      gateways: [edge, envoy],
      httpRoutes: [web],
      services: [service('web', 'app')],
    };
    const withPolicies = reconcile({
      ...objects,
      clientSettingsPolicies: [
        {
          metadata: { namespace: 'infra', name: 'defaults' },
          spec: {
            targetRef: {
              group: 'gateway.networking.k8s.io',
              kind: 'Gateway',
              name: 'edge',
            },
          },
        },
      ],
      wafPolicies: [
        {
          metadata: { namespace: 'app', name: 'waf' },
          spec: target('HTTPRoute', 'web'),
        },
      ],
      // Envoy Gateway's Gateway is not NGINX Gateway Fabric's: no mark.
      snippetsPolicies: [
        {
          metadata: { namespace: 'infra', name: 'aio' },
          spec: target('Gateway', 'envoy'),
        },
      ],
    });
    expect(brief(statusOf(withPolicies, 'edge').conditions)).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['Programmed', 'False', 'AddressNotAssigned'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
      ['ClientSettingsPolicyAffected', 'True', 'PolicyAffected'],
    ]);
    expect(statusOf(withPolicies, 'edge').conditions[3]).toMatchObject({
      message: 'The ClientSettingsPolicy is applied to the resource',
      observedGeneration: 3,
    });
    expect(
      brief(statusOf(withPolicies, 'envoy').conditions).map(c => c[0]),
    ).toEqual(['Accepted', 'Programmed']);
    const parents = (result: ReturnType<typeof reconcile>) =>
      (statusOf(result, 'web').parents as any[]).map(p => [
        p.parentRef.name,
        p.conditions.map((c: any) => c.type),
      ]);
    expect(parents(withPolicies)).toEqual([
      [
        'edge',
        ['Accepted', 'ResolvedRefs', 'gateway.nginx.org/WAFPolicyAffected'],
      ],
      ['envoy', ['Accepted', 'ResolvedRefs']],
    ]);
    // Without the policies (or where the cluster does not serve them), the marks go.
    const without = reconcile(objects);
    expect(brief(statusOf(without, 'edge').conditions).map(c => c[0])).toEqual([
      'Accepted',
      'Programmed',
      'ResolvedRefs',
    ]);
    expect(parents(without)).toEqual([
      ['edge', ['Accepted', 'ResolvedRefs']],
      ['envoy', ['Accepted', 'ResolvedRefs']],
    ]);
  });

  it("writes Cilium's one Accepted condition and its feature list, without ListenerSet", () => {
    const status = statusOf(
      reconcile({ gatewayClasses: [cilium()] }),
      'cilium',
    );
    expect(brief(status.conditions)).toEqual([
      ['Accepted', 'True', 'Accepted'],
    ]);
    expect(status.supportedFeatures.map((f: any) => f.name)).toEqual(
      CILIUM_FEATURES,
    );
    expect(CILIUM_FEATURES).not.toContain('ListenerSet');
    expect(CILIUM_FEATURES).toContain('TLSRoute');
  });

  it('does not accept a Cilium class whose parametersRef names no CiliumGatewayClassConfig it can find', () => {
    const status = statusOf(
      reconcile({
        gatewayClasses: [
          cilium({
            parametersRef: {
              group: 'cilium.io',
              kind: 'CiliumGatewayClassConfig',
              name: 'config',
              namespace: 'kube-system',
            },
          }),
        ],
      }),
      'cilium',
    );
    expect(brief(status.conditions)).toEqual([
      ['Accepted', 'False', 'InvalidParameters'],
    ]);
  });

  it('gives each Cilium Gateway its own address and leaves ListenerSets naming it alone', () => {
    const result = reconcile({
      gatewayClasses: [cilium()],
      gateways: [
        // Accepted on an earlier pass: their load balancers now hand out addresses.
        gateway('one', [http], { className: 'cilium', status: acceptedStatus }),
        gateway('two', [{ ...http, hostname: 'b.example.org' }], {
          className: 'cilium',
          status: acceptedStatus,
        }),
      ],
      listenerSets: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'ListenerSet',
          metadata: { name: 'extra', namespace: 'infra', generation: 1 },
          spec: {
            parentRef: { name: 'one' },
            listeners: [{ name: 'x', port: 8080, protocol: 'HTTP' }],
          },
        },
      ],
    });
    const one = statusOf(result, 'one');
    const two = statusOf(result, 'two');
    expect(one.addresses[0].value).not.toBe(two.addresses[0].value);
    expect(one.conditions[0].message).toBe('Gateway successfully scheduled');
    expect(statusOf(result, 'extra')).toBeUndefined();
    expect(one).not.toHaveProperty('attachedListenerSets');
  });
});
