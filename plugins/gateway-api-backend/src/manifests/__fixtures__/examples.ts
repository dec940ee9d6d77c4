/**
 * The dev cluster's example tenants and exposures (examples/cluster/), kept here as builder inputs
 * so the YAML there is always exactly what the builders produce.
 */
import { ENVOY_GATEWAY_CONTROLLER } from '../metadata';
import {
  ExposureSpec,
  KubernetesObject,
  ServedGatewayApi,
  TenantSpec,
} from '../types';

const base = {
  controllerName: ENVOY_GATEWAY_CONTROLLER,
  gatewayClassName: 'eg',
  serviceExposure: { type: 'LoadBalancer' } as const,
};

export const teamA: TenantSpec = {
  ...base,
  name: 'team-a',
  namespace: 'tenant-team-a',
  domains: ['team-a.example.org'],
  ownerGroup: 'group:default/team-a',
  attachedNamespaces: ['checkout'],
  layout: 'dedicated',
  certificates: {
    type: 'acme-http01',
    server: 'staging',
    email: 'team-a@example.org',
  },
  clientIp: { mode: 'none' },
  names: {
    gateway: 'gateway',
    issuer: 'letsencrypt',
    envoyProxyNamespace: 'envoy-gateway-system',
  },
};

export const teamB: TenantSpec = {
  ...base,
  name: 'team-b',
  namespace: 'tenant-team-b',
  domains: ['team-b.example.org'],
  ownerGroup: 'group:default/team-b',
  attachedNamespaces: ['payments'],
  layout: 'tenant-shared',
  certificates: {
    type: 'acme-http01',
    server: 'production',
    email: 'team-b@example.org',
  },
  clientIp: { mode: 'x-forwarded-for', numTrustedHops: 1 },
  names: {
    gateway: 'gateway',
    issuer: 'letsencrypt',
    envoyProxyNamespace: 'envoy-gateway-system',
  },
};

export const teamC: TenantSpec = {
  ...base,
  name: 'team-c',
  namespace: 'tenant-team-c',
  domains: ['team-c.example.org'],
  ownerGroup: 'group:default/platform',
  // billing-preview belongs to the tenant but never opted in to the shared Gateway (a mistake).
  attachedNamespaces: ['catalog', 'billing', 'billing-preview'],
  layout: 'cluster-shared',
  certificates: {
    type: 'acme-http01',
    server: 'production',
    email: 'platform@example.org',
  },
  clientIp: { mode: 'proxy-protocol' },
  names: {
    gateway: 'gateway',
    issuer: 'team-c-letsencrypt',
    envoyProxyNamespace: 'envoy-gateway-system',
  },
  sharedGateway: {
    namespace: 'gateway',
    name: 'shared',
    gatewayClassName: 'eg',
    optInLabel: { key: 'shared-gateway-access', value: 'true' },
  },
};

/** Caller-computed names, the way the backend derives them from the hostname. */
function names(route: string, hostname: string): ExposureSpec['names'] {
  return {
    route,
    gateway: route,
    listener: hostname,
    certificate: `${hostname}-tls`,
    referenceGrant: `${route}-backend`,
  };
}

export const checkout: ExposureSpec = {
  hostname: 'checkout.team-a.example.org',
  kind: 'HTTPRoute',
  routeNamespace: 'checkout',
  service: { namespace: 'checkout', name: 'checkout', port: 8080 },
  entityRef: 'component:default/checkout',
  kubernetesId: 'checkout',
  names: names('checkout', 'checkout.team-a.example.org'),
};

export const payments: ExposureSpec = {
  hostname: 'payments.team-b.example.org',
  kind: 'HTTPRoute',
  routeNamespace: 'payments',
  service: { namespace: 'payments', name: 'payments', port: 8080 },
  entityRef: 'component:default/payments',
  kubernetesId: 'payments',
  names: names('payments', 'payments.team-b.example.org'),
};

export const ledger: ExposureSpec = {
  hostname: 'ledger.team-b.example.org',
  kind: 'TLSRoute',
  routeNamespace: 'payments',
  service: { namespace: 'payments', name: 'ledger', port: 5432 },
  entityRef: 'component:default/payments',
  kubernetesId: 'payments',
  names: names('ledger', 'ledger.team-b.example.org'),
};

/** The dev cluster's simulated ACME server fails HTTP-01 for names under this suffix. */
export const FAILING_ACME_SUFFIX = 'fail.team-b.example.org';

export const paymentsBroken: ExposureSpec = {
  hostname: `broken.${FAILING_ACME_SUFFIX}`,
  kind: 'HTTPRoute',
  routeNamespace: 'payments',
  service: { namespace: 'payments', name: 'payments', port: 8080 },
  entityRef: 'component:default/payments',
  kubernetesId: 'payments',
  names: names('payments-broken', `broken.${FAILING_ACME_SUFFIX}`),
};

export const catalogApi: ExposureSpec = {
  hostname: 'catalog.team-c.example.org',
  kind: 'HTTPRoute',
  routeNamespace: 'catalog',
  service: { namespace: 'catalog', name: 'catalog-api', port: 8080 },
  pathPrefix: '/api',
  entityRef: 'component:default/catalog-api',
  kubernetesId: 'catalog-api',
  names: names('catalog-api', 'catalog.team-c.example.org'),
};

export const legacyBilling: ExposureSpec = {
  hostname: 'billing.team-c.example.org',
  kind: 'HTTPRoute',
  routeNamespace: 'billing',
  service: {
    namespace: 'billing-backend',
    name: 'legacy-billing',
    port: 8080,
  },
  entityRef: 'component:default/legacy-billing',
  kubernetesId: 'legacy-billing',
  names: names('legacy-billing', 'billing.team-c.example.org'),
};

export function namespace(name: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** An application Service, labelled for the Backstage Kubernetes plugin. */
export function service(
  ns: string,
  name: string,
  component: string,
  port: number,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: ns,
      labels: { 'backstage.io/kubernetes-id': component },
    },
    spec: {
      selector: { app: name },
      ports: [{ name: 'main', port, targetPort: port }],
    },
  };
}

/** What a cluster with Gateway API v1.6.1's standard channel serves. */
export const SERVED_V1_6_1: ServedGatewayApi = {
  tlsRoute: 'gateway.networking.k8s.io/v1',
  listenerSet: 'gateway.networking.k8s.io/v1',
};

/** What a cluster with Gateway API v1.4.1's experimental channel serves (no ListenerSet). */
export const SERVED_V1_4_1: ServedGatewayApi = {
  tlsRoute: 'gateway.networking.k8s.io/v1alpha3',
};
