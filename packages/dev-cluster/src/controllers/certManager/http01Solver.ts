import { Action } from '../kube/actions';
import { KubeObject } from '../kube/types';
import { controllerOwner, findNamed, nameHash } from './model';

const SOLVER_PORT = 8089;

/** The name cert-manager would generate, made stable for the dev cluster. */
function solverName(challenge: KubeObject): string {
  const suffix = Number(nameHash(challenge.metadata.name))
    .toString(36)
    .slice(0, 5);
  return `cm-acme-http-solver-${suffix}`;
}

/**
 * The Service and HTTPRoute cert-manager creates to answer an HTTP-01
 * challenge through Gateways (`http01.gatewayHTTPRoute`); the solver Pod is
 * not simulated.
 */
export function solverResources(challenge: KubeObject): KubeObject[] {
  const gatewayHTTPRoute = challenge.spec?.solver?.http01?.gatewayHTTPRoute;
  if (challenge.spec?.type !== 'HTTP-01' || !gatewayHTTPRoute) return [];
  const name = solverName(challenge);
  const namespace = challenge.metadata.namespace;
  const labels = {
    ...gatewayHTTPRoute.labels,
    'acme.cert-manager.io/http01-solver': 'true',
    'acme.cert-manager.io/http-domain': nameHash(challenge.spec.dnsName),
    'acme.cert-manager.io/http-token': nameHash(challenge.spec.token),
  };
  const metadata = {
    name,
    namespace,
    labels,
    ownerReferences: [
      controllerOwner(challenge, 'acme.cert-manager.io/v1', 'Challenge'),
    ],
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: gatewayHTTPRoute.serviceType ?? 'NodePort',
        selector: labels,
        ports: [{ name: 'http', port: SOLVER_PORT, targetPort: SOLVER_PORT }],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata,
      spec: {
        parentRefs: gatewayHTTPRoute.parentRefs ?? [],
        hostnames: [challenge.spec.dnsName],
        rules: [
          {
            matches: [
              {
                path: {
                  type: 'Exact',
                  value: `/.well-known/acme-challenge/${challenge.spec.token}`,
                },
              },
            ],
            backendRefs: [
              { group: '', kind: 'Service', name, port: SOLVER_PORT },
            ],
          },
        ],
      },
    },
  ];
}

/**
 * Keeps the solver's Service and HTTPRoute while the challenge is pending,
 * and removes them once it is decided, as cert-manager cleans up.
 */
export function reconcileSolver(
  challenge: KubeObject,
  snapshot: { services: KubeObject[]; httpRoutes: KubeObject[] },
): Action[] {
  const decided = ['valid', 'invalid'].includes(challenge.status?.state);
  return solverResources(challenge).flatMap((desired): Action[] => {
    const resource = desired.kind === 'Service' ? 'services' : 'httpRoutes';
    const existing = findNamed(
      snapshot[resource],
      desired.metadata.namespace,
      desired.metadata.name,
    );
    if (decided)
      return existing ? [{ type: 'delete', resource, object: existing }] : [];
    return existing ? [] : [{ type: 'create', resource, object: desired }];
  });
}
