/**
 * A resource the controllers list, watch or write. `versions` is tried in
 * order: the first one the API server serves is used.
 */
export interface ResourceType {
  group: string;
  versions: string[];
  plural: string;
  kind: string;
  namespaced: boolean;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

function resource(
  group: string,
  versions: string[],
  kind: string,
  plural: string,
  namespaced = true,
): ResourceType {
  return { group, versions, kind, plural, namespaced };
}

export const resources = {
  namespaces: resource('', ['v1'], 'Namespace', 'namespaces', false),
  services: resource('', ['v1'], 'Service', 'services'),
  secrets: resource('', ['v1'], 'Secret', 'secrets'),
  gatewayClasses: resource(
    GATEWAY_GROUP,
    ['v1'],
    'GatewayClass',
    'gatewayclasses',
    false,
  ),
  gateways: resource(GATEWAY_GROUP, ['v1'], 'Gateway', 'gateways'),
  httpRoutes: resource(GATEWAY_GROUP, ['v1'], 'HTTPRoute', 'httproutes'),
  grpcRoutes: resource(GATEWAY_GROUP, ['v1'], 'GRPCRoute', 'grpcroutes'),
  tlsRoutes: resource(
    GATEWAY_GROUP,
    // v1 from Gateway API v1.5 (the only one v1.6.1's standard channel serves).
    ['v1', 'v1alpha3', 'v1alpha2'],
    'TLSRoute',
    'tlsroutes',
  ),
  tcpRoutes: resource(GATEWAY_GROUP, ['v1alpha2'], 'TCPRoute', 'tcproutes'),
  listenerSets: resource(GATEWAY_GROUP, ['v1'], 'ListenerSet', 'listenersets'),
  referenceGrants: resource(
    GATEWAY_GROUP,
    ['v1beta1'],
    'ReferenceGrant',
    'referencegrants',
  ),
  envoyProxies: resource(
    'gateway.envoyproxy.io',
    ['v1alpha1'],
    'EnvoyProxy',
    'envoyproxies',
  ),
  clientTrafficPolicies: resource(
    'gateway.envoyproxy.io',
    ['v1alpha1'],
    'ClientTrafficPolicy',
    'clienttrafficpolicies',
  ),
  backendTrafficPolicies: resource(
    'gateway.envoyproxy.io',
    ['v1alpha1'],
    'BackendTrafficPolicy',
    'backendtrafficpolicies',
  ),
  securityPolicies: resource(
    'gateway.envoyproxy.io',
    ['v1alpha1'],
    'SecurityPolicy',
    'securitypolicies',
  ),
  nginxProxies: resource(
    'gateway.nginx.org',
    ['v1alpha2'],
    'NginxProxy',
    'nginxproxies',
  ),
  // NGINX Gateway Fabric's policies (v2.6.7), whose status its controller writes.
  clientSettingsPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha1'],
    'ClientSettingsPolicy',
    'clientsettingspolicies',
  ),
  observabilityPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha2'],
    'ObservabilityPolicy',
    'observabilitypolicies',
  ),
  proxySettingsPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha1'],
    'ProxySettingsPolicy',
    'proxysettingspolicies',
  ),
  rateLimitPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha1'],
    'RateLimitPolicy',
    'ratelimitpolicies',
  ),
  snippetsPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha1'],
    'SnippetsPolicy',
    'snippetspolicies',
  ),
  upstreamSettingsPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha1'],
    'UpstreamSettingsPolicy',
    'upstreamsettingspolicies',
  ),
  wafPolicies: resource(
    'gateway.nginx.org',
    ['v1alpha1'],
    'WAFPolicy',
    'wafpolicies',
  ),
  ingresses: resource('networking.k8s.io', ['v1'], 'Ingress', 'ingresses'),
  ingressClasses: resource(
    'networking.k8s.io',
    ['v1'],
    'IngressClass',
    'ingressclasses',
    false,
  ),
  issuers: resource('cert-manager.io', ['v1'], 'Issuer', 'issuers'),
  clusterIssuers: resource(
    'cert-manager.io',
    ['v1'],
    'ClusterIssuer',
    'clusterissuers',
    false,
  ),
  certificates: resource(
    'cert-manager.io',
    ['v1'],
    'Certificate',
    'certificates',
  ),
  certificateRequests: resource(
    'cert-manager.io',
    ['v1'],
    'CertificateRequest',
    'certificaterequests',
  ),
  orders: resource('acme.cert-manager.io', ['v1'], 'Order', 'orders'),
  challenges: resource(
    'acme.cert-manager.io',
    ['v1'],
    'Challenge',
    'challenges',
  ),
} satisfies Record<string, ResourceType>;

export type ResourceName = keyof typeof resources;

export function apiVersionOf(type: ResourceType, version: string): string {
  return type.group ? `${type.group}/${version}` : version;
}
