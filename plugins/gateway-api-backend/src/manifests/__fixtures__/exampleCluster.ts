/**
 * The files of examples/cluster/, which the dev cluster loads at start: the builders' output for
 * the example tenants and exposures on a cluster serving Gateway API v1.6 (tenant listeners in
 * ListenerSets), the application Services they route to, and routes showing the common
 * mistakes.
 */
import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';
import {
  buildExposureObjects,
  buildTenantObjects,
  mergeAppliedObjects,
} from '../index';
import {
  CILIUM_CONTROLLER,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
} from '../implementations';
import { ENVOY_GATEWAY_CONTROLLER } from '../metadata';
import { KubernetesObject } from '../types';
import {
  catalogApi,
  checkout,
  ledger,
  legacyBilling,
  namespace,
  payments,
  paymentsBroken,
  SERVED_V1_6_1,
  service,
  teamA,
  teamB,
  teamC,
} from './examples';

/** Makes the dev cluster's simulated cert-manager issue a certificate that expires soon. */
const LIFETIME_ANNOTATION = 'dev-cluster.gatehouse.dev/lifetime';

function expiringSoon(objects: KubernetesObject[]): KubernetesObject[] {
  return objects.map(o =>
    o.kind === 'Certificate'
      ? {
          ...o,
          metadata: {
            ...o.metadata,
            annotations: {
              ...o.metadata.annotations,
              [LIFETIME_ANNOTATION]: '72h',
            },
          },
        }
      : o,
  );
}

function route(
  kind: 'HTTPRoute',
  ns: string,
  name: string,
  component: string,
  spec: Record<string, unknown>,
): KubernetesObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind,
    metadata: {
      name,
      namespace: ns,
      labels: { [GATEWAY_API_ANNOTATIONS.kubernetesId]: component },
      annotations: {
        [GATEWAY_API_ANNOTATIONS.entityRef]: `component:default/${component}`,
      },
    },
    spec,
  };
}

const backend = (name: string, port: number, ns?: string) => ({
  rules: [
    {
      backendRefs: [
        {
          group: '',
          kind: 'Service',
          name,
          ...(ns ? { namespace: ns } : {}),
          port,
        },
      ],
    },
  ],
});

/** Routes and Gateways as people get them wrong (the common mistakes). */
const commonMistakes: KubernetesObject[] = [
  // A namespace of team-c on the shared Gateway's http listener, which admits only the
  // platform's namespaces (the redirect and certificate challenges): NotAllowedByListeners.
  namespace('billing-preview'),
  service('billing-preview', 'legacy-billing', 'legacy-billing', 8080),
  route(
    'HTTPRoute',
    'billing-preview',
    'legacy-billing-preview',
    'legacy-billing',
    {
      parentRefs: [
        { name: 'shared', namespace: 'gateway', sectionName: 'http' },
      ],
      hostnames: ['preview.billing.team-c.example.org'],
      ...backend('legacy-billing', 8080),
    },
  ),
  // The parentRef has no namespace (and the listener lives in team-c's ListenerSet, not on the
  // Gateway), so it looks for a Gateway `shared` in `catalog`.
  route('HTTPRoute', 'catalog', 'catalog-api-v2', 'catalog-api', {
    parentRefs: [{ name: 'shared', sectionName: 'catalog.team-c.example.org' }],
    hostnames: ['catalog.team-c.example.org'],
    ...backend('catalog-api', 8080),
  }),
  // No cert-manager annotation, so nothing issues the listener's Secret: no certificate.
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'checkout-admin', namespace: 'tenant-team-a' },
    spec: {
      gatewayClassName: 'tenant-team-a',
      listeners: [
        {
          name: 'https',
          hostname: 'admin.checkout.team-a.example.org',
          port: 443,
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [
              {
                group: '',
                kind: 'Secret',
                name: 'admin.checkout.team-a.example.org-tls',
              },
            ],
          },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
  },
  route('HTTPRoute', 'checkout', 'checkout-admin', 'checkout', {
    parentRefs: [
      {
        name: 'checkout-admin',
        namespace: 'tenant-team-a',
        sectionName: 'https',
      },
    ],
    hostnames: ['admin.checkout.team-a.example.org'],
    ...backend('checkout', 8080),
  }),
  // Meant for the admin Gateway, but created in the app's namespace: Envoy Gateway attaches a
  // policy only within its own namespace, so it is silently ignored.
  {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'ClientTrafficPolicy',
    metadata: { name: 'checkout-admin', namespace: 'checkout' },
    spec: {
      targetRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'checkout-admin',
        },
      ],
      clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
    },
  },
  // The backend is in another namespace that grants nothing: ResolvedRefs RefNotPermitted.
  namespace('payments-reports'),
  service('payments-reports', 'reports', 'payments', 8080),
  route('HTTPRoute', 'payments', 'payments-reports', 'payments', {
    parentRefs: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'ListenerSet',
        name: 'gateway',
        namespace: 'tenant-team-b',
        sectionName: 'team-b.example.org-https',
      },
    ],
    hostnames: ['team-b.example.org'],
    ...backend('reports', 8080, 'payments-reports'),
  }),
  // A name left behind by a legacy setup: before the domains were split between tenants,
  // team-c's billing answered on a name now inside team-a's domain, on the shared Gateway's
  // http listener. That listener no longer admits the billing namespace, and the guard policies
  // would refuse the route today, but it is still there: the guards refuse the name to team-a
  // until the platform removes it, "a name already taken".
  route('HTTPRoute', 'billing', 'legacy-invoices', 'legacy-billing', {
    parentRefs: [{ name: 'shared', namespace: 'gateway', sectionName: 'http' }],
    hostnames: ['invoices.team-a.example.org'],
    ...backend('legacy-billing', 8080, 'billing-backend'),
  }),
];

/** File name to objects, in the order the dev cluster should create them. */
export function exampleClusterFiles(): Record<string, KubernetesObject[]> {
  return {
    '00-platform.yaml': [
      namespace('envoy-gateway-system'),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'eg' },
        spec: { controllerName: ENVOY_GATEWAY_CONTROLLER },
      },
    ],
    // NGINX Gateway Fabric manages one class (its install's `nginx`), its shared Gateway lives in
    // `nginx-gateway`; Cilium's class is `cilium`. No tenant runs on them here.
    '01-platform-nginx-gateway-fabric.yaml': [
      namespace('nginx-gateway'),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'nginx' },
        spec: { controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER },
      },
    ],
    '02-platform-cilium.yaml': [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'cilium' },
        spec: { controllerName: CILIUM_CONTROLLER },
      },
    ],
    '10-tenant-team-a.yaml': mergeAppliedObjects([
      namespace('checkout'),
      service('checkout', 'checkout', 'checkout', 8080),
      ...buildTenantObjects(teamA, SERVED_V1_6_1),
      ...buildExposureObjects(checkout, teamA, SERVED_V1_6_1),
    ]),
    '20-tenant-team-b.yaml': mergeAppliedObjects([
      namespace('payments'),
      service('payments', 'payments', 'payments', 8080),
      service('payments', 'ledger', 'payments', 5432),
      ...buildTenantObjects(teamB, SERVED_V1_6_1),
      ...[payments, ledger, paymentsBroken].flatMap(e =>
        buildExposureObjects(e, teamB, SERVED_V1_6_1),
      ),
    ]),
    '30-tenant-team-c.yaml': mergeAppliedObjects([
      namespace('catalog'),
      namespace('billing'),
      namespace('billing-backend'),
      service('catalog', 'catalog-api', 'catalog-api', 8080),
      service('billing-backend', 'legacy-billing', 'legacy-billing', 8080),
      ...buildTenantObjects(teamC, SERVED_V1_6_1),
      ...buildExposureObjects(catalogApi, teamC, SERVED_V1_6_1),
      ...expiringSoon(
        buildExposureObjects(legacyBilling, teamC, SERVED_V1_6_1),
      ),
    ]),
    '90-common-mistakes.yaml': commonMistakes,
  };
}
