/**
 * The kinds the cluster cache lists and watches, with the REST path of each collection.
 * TLSRoute is read at v1alpha2, which every Gateway API release that has TLSRoute serves.
 */
export interface WatchedKind {
  apiVersion: string;
  kind: string;
  /** Collection path across all namespaces (or of a cluster-scoped kind). */
  path: string;
}

const group = (apiVersion: string, plural: string) =>
  `/apis/${apiVersion}/${plural}`;

export const WATCHED_KINDS: WatchedKind[] = [
  { apiVersion: 'v1', kind: 'Namespace', path: '/api/v1/namespaces' },
  { apiVersion: 'v1', kind: 'Service', path: '/api/v1/services' },
  ...[
    ['GatewayClass', 'gatewayclasses'],
    ['Gateway', 'gateways'],
    ['HTTPRoute', 'httproutes'],
    ['GRPCRoute', 'grpcroutes'],
  ].map(([kind, plural]) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind,
    path: group('gateway.networking.k8s.io/v1', plural),
  })),
  {
    apiVersion: 'gateway.networking.k8s.io/v1alpha2',
    kind: 'TLSRoute',
    path: group('gateway.networking.k8s.io/v1alpha2', 'tlsroutes'),
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    path: group('gateway.networking.k8s.io/v1beta1', 'referencegrants'),
  },
  ...[
    ['Certificate', 'certificates'],
    ['CertificateRequest', 'certificaterequests'],
    ['Issuer', 'issuers'],
    ['ClusterIssuer', 'clusterissuers'],
  ].map(([kind, plural]) => ({
    apiVersion: 'cert-manager.io/v1',
    kind,
    path: group('cert-manager.io/v1', plural),
  })),
  ...[
    ['Order', 'orders'],
    ['Challenge', 'challenges'],
  ].map(([kind, plural]) => ({
    apiVersion: 'acme.cert-manager.io/v1',
    kind,
    path: group('acme.cert-manager.io/v1', plural),
  })),
  ...[
    ['EnvoyProxy', 'envoyproxies'],
    ['ClientTrafficPolicy', 'clienttrafficpolicies'],
  ].map(([kind, plural]) => ({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind,
    path: group('gateway.envoyproxy.io/v1alpha1', plural),
  })),
];
