import { GATEWAY_API_GROUP } from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * Every kind Gatehouse reads, once: its API group, REST plural, scope, and the versions
 * Gatehouse understands, newest first. Which of those versions a cluster serves is asked of
 * the cluster ({@link ServedApis}); nothing else in the backend names a kind's version.
 */
export interface KindInfo {
  kind: string;
  /** `''` for the core group. */
  group: string;
  plural: string;
  namespaced: boolean;
  /** Versions whose shape Gatehouse reads and writes; a version outside this list is ignored. */
  versions: readonly string[];
}

const GATEWAY = GATEWAY_API_GROUP;
const NGINX_GATEWAY = 'gateway.nginx.org';

const kinds = {
  Namespace: core('Namespace', 'namespaces', false),
  Service: core('Service', 'services', true),
  GatewayClass: kindInfo(GATEWAY, 'GatewayClass', 'gatewayclasses', false, [
    'v1',
  ]),
  Gateway: kindInfo(GATEWAY, 'Gateway', 'gateways', true, ['v1']),
  // Standard since v1.5; before that it was XListenerSet in another group, which Gatehouse
  // does not write.
  ListenerSet: kindInfo(GATEWAY, 'ListenerSet', 'listenersets', true, ['v1']),
  HTTPRoute: kindInfo(GATEWAY, 'HTTPRoute', 'httproutes', true, ['v1']),
  GRPCRoute: kindInfo(GATEWAY, 'GRPCRoute', 'grpcroutes', true, ['v1']),
  // Standard (v1) since v1.5; v1alpha2 and v1alpha3 only in the experimental channel.
  TLSRoute: kindInfo(GATEWAY, 'TLSRoute', 'tlsroutes', true, [
    'v1',
    'v1alpha3',
    'v1alpha2',
  ]),
  ReferenceGrant: kindInfo(GATEWAY, 'ReferenceGrant', 'referencegrants', true, [
    'v1',
    'v1beta1',
  ]),
  Certificate: kindInfo(
    'cert-manager.io',
    'Certificate',
    'certificates',
    true,
    ['v1'],
  ),
  CertificateRequest: kindInfo(
    'cert-manager.io',
    'CertificateRequest',
    'certificaterequests',
    true,
    ['v1'],
  ),
  Issuer: kindInfo('cert-manager.io', 'Issuer', 'issuers', true, ['v1']),
  ClusterIssuer: kindInfo(
    'cert-manager.io',
    'ClusterIssuer',
    'clusterissuers',
    false,
    ['v1'],
  ),
  Order: kindInfo('acme.cert-manager.io', 'Order', 'orders', true, ['v1']),
  Challenge: kindInfo('acme.cert-manager.io', 'Challenge', 'challenges', true, [
    'v1',
  ]),
  EnvoyProxy: kindInfo(
    'gateway.envoyproxy.io',
    'EnvoyProxy',
    'envoyproxies',
    true,
    ['v1alpha1'],
  ),
  ClientTrafficPolicy: kindInfo(
    'gateway.envoyproxy.io',
    'ClientTrafficPolicy',
    'clienttrafficpolicies',
    true,
    ['v1alpha1'],
  ),
  BackendTrafficPolicy: kindInfo(
    'gateway.envoyproxy.io',
    'BackendTrafficPolicy',
    'backendtrafficpolicies',
    true,
    ['v1alpha1'],
  ),
  SecurityPolicy: kindInfo(
    'gateway.envoyproxy.io',
    'SecurityPolicy',
    'securitypolicies',
    true,
    ['v1alpha1'],
  ),
  // NGINX Gateway Fabric's policies (v2.6), read only where its CRDs are installed.
  ClientSettingsPolicy: kindInfo(
    NGINX_GATEWAY,
    'ClientSettingsPolicy',
    'clientsettingspolicies',
    true,
    ['v1alpha1'],
  ),
  ProxySettingsPolicy: kindInfo(
    NGINX_GATEWAY,
    'ProxySettingsPolicy',
    'proxysettingspolicies',
    true,
    ['v1alpha1'],
  ),
  RateLimitPolicy: kindInfo(
    NGINX_GATEWAY,
    'RateLimitPolicy',
    'ratelimitpolicies',
    true,
    ['v1alpha1'],
  ),
  ObservabilityPolicy: kindInfo(
    NGINX_GATEWAY,
    'ObservabilityPolicy',
    'observabilitypolicies',
    true,
    ['v1alpha2', 'v1alpha1'],
  ),
  SnippetsPolicy: kindInfo(
    NGINX_GATEWAY,
    'SnippetsPolicy',
    'snippetspolicies',
    true,
    ['v1alpha1'],
  ),
  WAFPolicy: kindInfo(NGINX_GATEWAY, 'WAFPolicy', 'wafpolicies', true, [
    'v1alpha1',
  ]),
  UpstreamSettingsPolicy: kindInfo(
    NGINX_GATEWAY,
    'UpstreamSettingsPolicy',
    'upstreamsettingspolicies',
    true,
    ['v1alpha1'],
  ),
  Ingress: kindInfo('networking.k8s.io', 'Ingress', 'ingresses', true, ['v1']),
  IngressClass: kindInfo(
    'networking.k8s.io',
    'IngressClass',
    'ingressclasses',
    false,
    ['v1'],
  ),
} satisfies Record<string, KindInfo>;

/** A kind Gatehouse knows by name. */
export type KindName = keyof typeof kinds;

export const KINDS: Readonly<Record<KindName, KindInfo>> = kinds;

/**
 * The implementation policies the cache reads (where the cluster serves them): the exposure
 * answer shows those in force on each hostname, and the analysis finds their mistakes.
 */
export const POLICY_KIND_NAMES = [
  'ClientTrafficPolicy',
  'BackendTrafficPolicy',
  'SecurityPolicy',
  'ClientSettingsPolicy',
  'ProxySettingsPolicy',
  'RateLimitPolicy',
  'ObservabilityPolicy',
  'SnippetsPolicy',
  'WAFPolicy',
  'UpstreamSettingsPolicy',
] as const satisfies readonly KindName[];

/** What the watch-fed cache lists and watches in every cluster. */
export const WATCHED_KINDS: readonly KindName[] = [
  'Namespace',
  'Service',
  'GatewayClass',
  'Gateway',
  'ListenerSet',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'ReferenceGrant',
  'Certificate',
  'CertificateRequest',
  'Issuer',
  'ClusterIssuer',
  'Order',
  'Challenge',
  'EnvoyProxy',
  ...POLICY_KIND_NAMES,
  'Ingress',
  'IngressClass',
];

/** Routes whose hostnames a tenant serves, and which attach to listeners. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'] as const;
export type RouteKindName = (typeof ROUTE_KINDS)[number];

/**
 * Every kind whose objects can serve a hostname: the guards must see all of them to say a
 * hostname is free.
 */
export const HOSTNAME_KINDS: readonly KindName[] = [
  ...ROUTE_KINDS,
  'Gateway',
  'ListenerSet',
  'Ingress',
];

/** What the attachment analysis reads to predict a plan's outcome. */
export const ANALYSIS_KINDS: readonly KindName[] = [
  'Namespace',
  'Service',
  'Gateway',
  'ListenerSet',
  ...ROUTE_KINDS,
  'ReferenceGrant',
  'Certificate',
];

export const isKindName = (kind: string): kind is KindName =>
  Object.prototype.hasOwnProperty.call(kinds, kind);

/** `group/version`, or `version` for the core group, as objects carry it. */
export const apiVersionOf = (group: string, version: string) =>
  group ? `${group}/${version}` : version;

/** The REST path of a kind's collection across all namespaces (or of a cluster-scoped kind). */
export function collectionPath(info: KindInfo, version: string): string {
  return info.group
    ? `/apis/${info.group}/${version}/${info.plural}`
    : `/api/${version}/${info.plural}`;
}

function kindInfo(
  group: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  versions: string[],
): KindInfo {
  return { group, kind, plural, namespaced, versions };
}

function core(kind: string, plural: string, namespaced: boolean): KindInfo {
  return kindInfo('', kind, plural, namespaced, ['v1']);
}
