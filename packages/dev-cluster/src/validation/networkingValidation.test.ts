import { KubeObject } from '../api/types';
import { ingressClassErrors, ingressErrors } from './networkingValidation';

const backend = { service: { name: 'web', port: { number: 80 } } };

function ingress(spec: KubeObject, extra: KubeObject = {}): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'team-a', ...extra.metadata },
    spec,
    ...(extra.status ? { status: extra.status } : {}),
  };
}

function rule(host: string | undefined, paths: KubeObject[]): KubeObject {
  return { ...(host === undefined ? {} : { host }), http: { paths } };
}

const path = (p: string | undefined, pathType?: string, b = backend) => ({
  ...(p === undefined ? {} : { path: p }),
  ...(pathType === undefined ? {} : { pathType }),
  backend: b,
});

const fields = (errors: { field: string; detail: string }[]) =>
  errors.map(e => `${e.field}: ${e.detail}`);

describe('Ingress validation', () => {
  it.each([
    [
      'a host with a Prefix path',
      rule('shop.example.com', [path('/', 'Prefix')]),
    ],
    ['an Exact path', rule('shop.example.com', [path('/cart', 'Exact')])],
    [
      'ImplementationSpecific without a path',
      rule('shop.example.com', [path(undefined, 'ImplementationSpecific')]),
    ],
    [
      'ImplementationSpecific with a regex path',
      rule('shop.example.com', [
        path('/api/(v1|v2)/.*', 'ImplementationSpecific'),
      ]),
    ],
    ['a wildcard host', rule('*.shop.example.com', [path('/', 'Prefix')])],
    ['no host', rule(undefined, [path('/', 'Prefix')])],
    [
      'a named Service port',
      rule('a.example.com', [
        path('/', 'Prefix', {
          service: { name: 'web', port: { name: 'http' } },
        } as any),
      ]),
    ],
    [
      'a resource backend',
      rule('a.example.com', [
        path('/static', 'Prefix', {
          resource: {
            apiGroup: 'k8s.example.com',
            kind: 'StorageBucket',
            name: 'assets',
          },
        } as any),
      ]),
    ],
  ])('accepts %s', (_, r) => {
    expect(
      ingressErrors(ingress({ ingressClassName: 'nginx', rules: [r] })),
    ).toEqual([]);
  });

  it('accepts a defaultBackend alone, TLS hosts with a secretName, and a load balancer status', () => {
    expect(
      ingressErrors(
        ingress(
          {
            defaultBackend: backend,
            tls: [
              {
                hosts: ['a.example.com', '*.b.example.com'],
                secretName: 'web-tls',
              },
              {},
            ],
          },
          {
            status: {
              loadBalancer: {
                ingress: [{ ip: '192.0.2.80' }, { hostname: 'lb.example.com' }],
              },
            },
          },
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'neither rules nor defaultBackend',
      {},
      'spec: Invalid value: null: either `defaultBackend` or `rules` must be specified',
    ],
    [
      'a path without pathType',
      { rules: [rule('a.example.com', [path('/')])] },
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    ],
    [
      'an unknown pathType',
      { rules: [rule('a.example.com', [path('/', 'Regex')])] },
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ],
    [
      'a relative Prefix path',
      { rules: [rule('a.example.com', [path('api', 'Prefix')])] },
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    ],
    [
      'an empty Exact path',
      { rules: [rule('a.example.com', [path(undefined, 'Exact')])] },
      'spec.rules[0].http.paths[0].path: Invalid value: "": must be an absolute path',
    ],
    [
      'a relative ImplementationSpecific path',
      {
        rules: [rule('a.example.com', [path('api', 'ImplementationSpecific')])],
      },
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    ],
    ...['//', '/./', '/../', '%2f', '%2F'].map(sequence => [
      `a Prefix path containing ${sequence}`,
      { rules: [rule('a.example.com', [path(`/a${sequence}b`, 'Prefix')])] },
      `spec.rules[0].http.paths[0].path: Invalid value: "/a${sequence}b": must not contain '${sequence}'`,
    ]),
    [
      'an Exact path ending in /..',
      { rules: [rule('a.example.com', [path('/a/..', 'Exact')])] },
      'spec.rules[0].http.paths[0].path: Invalid value: "/a/..": cannot end with \'/..\'',
    ],
    [
      'an IP as host',
      { rules: [rule('192.0.2.1', [path('/', 'Prefix')])] },
      'spec.rules[0].host: Invalid value: "192.0.2.1": must be a DNS name, not an IP address',
    ],
    [
      'an upper-case host',
      { rules: [rule('Shop.example.com', [path('/', 'Prefix')])] },
      'spec.rules[0].host: Invalid value: "Shop.example.com": a lowercase RFC 1123 subdomain',
    ],
    [
      'a wildcard not in the first label',
      { rules: [rule('shop.*.example.com', [path('/', 'Prefix')])] },
      'spec.rules[0].host: Invalid value: "shop.*.example.com": a wildcard DNS-1123 subdomain',
    ],
    [
      'a double wildcard',
      { rules: [rule('*.*.example.com', [path('/', 'Prefix')])] },
      'spec.rules[0].host: Invalid value: "*.*.example.com": a wildcard DNS-1123 subdomain',
    ],
    [
      'a rule with http but no paths',
      { rules: [{ host: 'a.example.com', http: { paths: [] } }] },
      'spec.rules[0].http.paths: Required value',
    ],
    [
      'a backend with both service and resource',
      {
        defaultBackend: {
          ...backend,
          resource: { kind: 'Bucket', name: 'b' },
        },
      },
      'spec.defaultBackend: Invalid value: "": cannot set both resource and service backends',
    ],
    [
      'a backend with neither',
      { defaultBackend: {} },
      'spec.defaultBackend: Invalid value: "": resource or service backend is required',
    ],
    [
      'a Service port with both name and number',
      {
        defaultBackend: {
          service: { name: 'web', port: { name: 'http', number: 80 } },
        },
      },
      'spec.defaultBackend: Invalid value: "": cannot set both port name & port number',
    ],
    [
      'a Service without port',
      { defaultBackend: { service: { name: 'web' } } },
      'spec.defaultBackend: Required value: port name or number is required',
    ],
    [
      'a Service without name',
      { defaultBackend: { service: { port: { number: 80 } } } },
      'spec.defaultBackend.service.name: Required value',
    ],
    [
      'a Service name that is no DNS-1035 label',
      { defaultBackend: { service: { name: '1web', port: { number: 80 } } } },
      'spec.defaultBackend.service.name: Invalid value: "1web": a DNS-1035 label',
    ],
    [
      'a port number out of range',
      { defaultBackend: { service: { name: 'web', port: { number: 70000 } } } },
      'spec.defaultBackend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'a port name that is no IANA service name',
      {
        defaultBackend: {
          service: { name: 'web', port: { name: 'web_port' } },
        },
      },
      'spec.defaultBackend.service.port.name: Invalid value: "web_port": must contain only alpha-numeric characters',
    ],
    [
      'a resource backend without kind',
      { defaultBackend: { resource: { name: 'b' } } },
      'spec.defaultBackend.resource.kind: Required value',
    ],
    [
      'a resource backend name with a slash',
      { defaultBackend: { resource: { kind: 'Bucket', name: 'a/b' } } },
      'spec.defaultBackend.resource.name: Invalid value: "a/b": may not contain \'/\'',
    ],
    [
      'an invalid TLS host',
      { defaultBackend: backend, tls: [{ hosts: ['-bad.example.com'] }] },
      'spec.tls[0].hosts[0]: Invalid value: "-bad.example.com": a lowercase RFC 1123 subdomain',
    ],
    [
      'an invalid TLS secretName',
      { defaultBackend: backend, tls: [{ secretName: 'Web_TLS' }] },
      'spec.tls[0].secretName: Invalid value: "Web_TLS": a lowercase RFC 1123 subdomain',
    ],
    [
      'an invalid ingressClassName',
      { defaultBackend: backend, ingressClassName: 'Nginx' },
      'spec.ingressClassName: Invalid value: "Nginx": a lowercase RFC 1123 subdomain',
    ],
  ] as [string, KubeObject, string][])('refuses %s', (_, spec, message) => {
    const errors = fields(ingressErrors(ingress(spec)));
    expect(errors).toEqual([expect.stringContaining(message)]);
  });

  it('refuses a class annotation that differs from ingressClassName on create only', () => {
    const obj = ingress(
      { defaultBackend: backend, ingressClassName: 'nginx' },
      { metadata: { annotations: { 'kubernetes.io/ingress.class': 'other' } } },
    );
    expect(fields(ingressErrors(obj))).toEqual([
      'annotations.kubernetes.io/ingress.class: Invalid value: "other": must match `ingressClassName` when both are specified',
    ]);
    expect(ingressErrors(obj, obj)).toEqual([]);
  });

  it('refuses a load balancer status with a bad IP or an IP as hostname', () => {
    const obj = ingress(
      { defaultBackend: backend },
      {
        status: {
          loadBalancer: {
            ingress: [{ ip: '300.1.1.1' }, { hostname: '10.0.0.1' }],
          },
        },
      },
    );
    expect(fields(ingressErrors(obj))).toEqual([
      'status.loadBalancer.ingress[0].ip: Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'status.loadBalancer.ingress[1].hostname: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ]);
  });
});

describe('IngressClass validation', () => {
  const ingressClass = (spec: KubeObject): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx' },
    spec,
  });

  it.each([
    ['a controller', { controller: 'k8s.io/ingress-nginx' }],
    [
      'cluster-scoped parameters',
      {
        controller: 'k8s.io/ingress-nginx',
        parameters: {
          apiGroup: 'k8s.example.com',
          kind: 'IngressParameters',
          name: 'p',
          scope: 'Cluster',
        },
      },
    ],
    [
      'namespaced parameters',
      {
        controller: 'example.com/lb',
        parameters: {
          kind: 'ConfigMap',
          name: 'p',
          scope: 'Namespace',
          namespace: 'ingress',
        },
      },
    ],
  ])('accepts %s', (_, spec) => {
    expect(ingressClassErrors(ingressClass(spec))).toEqual([]);
  });

  it.each([
    ['no controller', {}, 'spec.controller: Required value'],
    [
      'a controller without domain prefix',
      { controller: 'ingress-nginx' },
      'spec.controller: Invalid value: "ingress-nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    ],
    [
      'a controller with a bad domain',
      { controller: 'K8s.io/ingress-nginx' },
      'spec.controller: Invalid value: "K8s.io": a lowercase RFC 1123 subdomain',
    ],
    [
      'a controller over 250 characters',
      { controller: `k8s.io/${'a'.repeat(250)}` },
      'spec.controller: Too long: may not be more than 250 bytes',
    ],
    [
      'parameters without kind',
      { controller: 'k8s.io/x', parameters: { name: 'p', scope: 'Cluster' } },
      'spec.parameters.kind: Required value',
    ],
    [
      'parameters with an unknown scope',
      {
        controller: 'k8s.io/x',
        parameters: { kind: 'K', name: 'p', scope: 'Global' },
      },
      'spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"',
    ],
    [
      'namespaced parameters without namespace',
      {
        controller: 'k8s.io/x',
        parameters: { kind: 'K', name: 'p', scope: 'Namespace' },
      },
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ],
    [
      'cluster parameters with a namespace',
      {
        controller: 'k8s.io/x',
        parameters: { kind: 'K', name: 'p', scope: 'Cluster', namespace: 'x' },
      },
      "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
    ],
  ] as [string, KubeObject, string][])('refuses %s', (_, spec, message) => {
    expect(fields(ingressClassErrors(ingressClass(spec)))).toEqual([
      expect.stringContaining(message),
    ]);
  });

  it('keeps spec.controller immutable', () => {
    const old = ingressClass({ controller: 'k8s.io/ingress-nginx' });
    expect(
      fields(
        ingressClassErrors(
          ingressClass({ controller: 'example.com/other' }),
          old,
        ),
      ),
    ).toEqual([
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    ]);
    expect(
      ingressClassErrors(
        ingressClass({
          controller: 'k8s.io/ingress-nginx',
          parameters: { kind: 'K', name: 'p', scope: 'Cluster' },
        }),
        old,
      ),
    ).toEqual([]);
  });
});
