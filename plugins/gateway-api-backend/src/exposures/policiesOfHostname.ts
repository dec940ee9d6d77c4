import {
  AppliedPolicy,
  ExposureGateway,
  Gateway,
  ImplementationPolicy,
  KubernetesObject,
  ListenerSet,
  PolicyTargetCandidates,
  policiesInForce,
  policyTargetMistake,
  Route,
  StatusSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { ROUTE_KINDS } from '../kubernetes/kinds';

const listenerNames = (o: KubernetesObject) =>
  ((o as Gateway | ListenerSet).spec?.listeners ?? []).map(l => l.name ?? '');

/** The objects of a snapshot a policy may target, with the names of their sections. */
export function policyTargetCandidates(
  snapshot: ClusterSnapshot,
): PolicyTargetCandidates[] {
  const of = (kind: string) =>
    (snapshot.byKind.get(kind) ?? []) as unknown as KubernetesObject[];
  return [
    { kind: 'Gateway', objects: of('Gateway'), sectionsOf: listenerNames },
    {
      kind: 'ListenerSet',
      objects: of('ListenerSet'),
      sectionsOf: listenerNames,
    },
    ...ROUTE_KINDS.map(kind => ({
      kind,
      objects: of(kind),
      sectionsOf: (o: KubernetesObject) =>
        ((o as Route).spec?.rules ?? []).flatMap(r =>
          (r as { name?: string }).name ? [(r as { name: string }).name] : [],
        ),
    })),
    {
      kind: 'Service',
      objects: of('Service'),
      sectionsOf: (o: KubernetesObject) =>
        ((o as any).spec?.ports ?? []).flatMap((p: { name?: string }) =>
          p.name ? [p.name] : [],
        ),
    },
  ];
}

/** Per namespace, the policies there that attach to nothing, each with why and a hint. */
export function unattachedPoliciesByNamespace(
  snapshot: ClusterSnapshot,
  policies: ImplementationPolicy[],
): Map<string, StatusSummary[]> {
  const candidates = policyTargetCandidates(snapshot);
  const byNamespace = new Map<string, StatusSummary[]>();
  for (const policy of policies) {
    const found = policyTargetMistake(policy, candidates);
    if (!found) continue;
    const namespace = policy.metadata?.namespace ?? '';
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), found]);
  }
  return byNamespace;
}

/**
 * The implementation policies in force on one hostname: on its route, on each Gateway's
 * listener serving it, on that listener's ListenerSet, and on its backends.
 */
export function hostnamePolicies(
  policies: ImplementationPolicy[],
  route: Route,
  gateways: Array<{
    summary: ExposureGateway;
    gateway?: Gateway;
    listenerSet?: ListenerSet;
  }>,
  backends: Array<{ namespace: string; name: string }>,
): AppliedPolicy[] {
  if (policies.length === 0) return [];
  const object = (
    kind: string,
    o: KubernetesObject | undefined,
    fallback: { namespace: string; name: string },
  ) => ({
    kind,
    namespace: o?.metadata?.namespace ?? fallback.namespace,
    name: o?.metadata?.name ?? fallback.name,
    labels: o?.metadata?.labels,
  });
  return policiesInForce(policies, {
    route: object(route.kind, route, { namespace: '', name: '' }),
    gateways: gateways.map(({ summary, gateway, listenerSet }) => ({
      gateway: object('Gateway', gateway, summary),
      listenerName: summary.listener?.name,
      ...(listenerSet && {
        listenerSet: object('ListenerSet', listenerSet, summary.listenerSet!),
      }),
    })),
    backends,
  });
}
