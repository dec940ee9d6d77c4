import {
  AppliedPolicy,
  ExposureGateway,
  Gateway,
  GatewayClass,
  gatewaysReachedByPolicy,
  ImplementationPolicy,
  KubernetesObject,
  ListenerSet,
  PolicyTargetCandidates,
  policiesInForce,
  policyImplementationMistake,
  PolicyReachObjects,
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

/** Objects by namespace, so each policy looks only at those of its own. */
function byNamespace<T extends KubernetesObject>(objects: readonly T[]) {
  const map = new Map<string, T[]>();
  for (const o of objects) {
    const namespace = o.metadata?.namespace ?? '';
    const same = map.get(namespace);
    if (same) same.push(o);
    else map.set(namespace, [o]);
  }
  return (namespace: string) => map.get(namespace) ?? [];
}

/**
 * What a policy of a namespace may lead through to its Gateways, from a snapshot: the
 * Gateways, ListenerSets and routes of that namespace, and the routes sending to its Services.
 */
function policyReach(
  snapshot: ClusterSnapshot,
): (namespace: string) => PolicyReachObjects {
  const of = <T>(kind: string) =>
    (snapshot.byKind.get(kind) ?? []) as unknown as T[];
  const gateways = of<Gateway>('Gateway');
  const listenerSets = of<ListenerSet>('ListenerSet');
  const routes = ROUTE_KINDS.flatMap(kind =>
    of<Route>(kind).map(r => (r.kind === kind ? r : ({ ...r, kind } as Route))),
  );
  const classes = new Map(
    of<GatewayClass>('GatewayClass').map(c => [
      c.metadata?.name,
      c.spec?.controllerName,
    ]),
  );
  const key = (o: KubernetesObject) =>
    `${o.metadata?.namespace}/${o.metadata?.name}`;
  const gatewayByKey = new Map(gateways.map(g => [key(g), g]));
  const listenerSetByKey = new Map(listenerSets.map(l => [key(l), l]));
  const routesSendingTo = new Map<string, Set<Route>>();
  for (const route of routes) {
    for (const rule of route.spec?.rules ?? []) {
      for (const b of rule.backendRefs ?? []) {
        const namespace = b.namespace ?? route.metadata?.namespace ?? '';
        routesSendingTo.set(
          namespace,
          (routesSendingTo.get(namespace) ?? new Set()).add(route),
        );
      }
    }
  }
  const gatewaysIn = byNamespace(gateways);
  const listenerSetsIn = byNamespace(listenerSets);
  const routesIn = byNamespace(routes);
  const reachObjects = (namespace: string): PolicyReachObjects => ({
    gateways: gatewaysIn(namespace),
    listenerSets: listenerSetsIn(namespace),
    routes: [
      ...new Set([
        ...routesIn(namespace),
        ...(routesSendingTo.get(namespace) ?? []),
      ]),
    ],
    listenerSet: (ns, name) => listenerSetByKey.get(`${ns}/${name}`),
    controllerOf: (ns, name) =>
      classes.get(gatewayByKey.get(`${ns}/${name}`)?.spec?.gatewayClassName),
  });
  // One answer per namespace, however many policies it holds.
  const answers = new Map<string, PolicyReachObjects>();
  return namespace => {
    let answer = answers.get(namespace);
    if (!answer) {
      answer = reachObjects(namespace);
      answers.set(namespace, answer);
    }
    return answer;
  };
}

/**
 * Per namespace, the policies there that attach to nothing (their targets do not exist, or
 * the Gateways they lead to are run by another implementation), each with why and a hint.
 */
export function unattachedPoliciesByNamespace(
  snapshot: ClusterSnapshot,
  policies: ImplementationPolicy[],
): Map<string, StatusSummary[]> {
  const found = new Map<string, StatusSummary[]>();
  if (policies.length === 0) return found;
  const candidates = policyTargetCandidates(snapshot);
  const reachIn = policyReach(snapshot);
  for (const policy of policies) {
    const namespace = policy.metadata?.namespace ?? '';
    const mistakes = [
      policyTargetMistake(policy, candidates),
      policyImplementationMistake(
        policy,
        gatewaysReachedByPolicy(policy, reachIn(namespace)),
      ),
    ].filter((m): m is StatusSummary => m !== undefined);
    if (mistakes.length === 0) continue;
    found.set(namespace, [...(found.get(namespace) ?? []), ...mistakes]);
  }
  return found;
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
      controllerName: summary.controllerName,
      listenerName: summary.listener?.name,
      ...(listenerSet && {
        listenerSet: object('ListenerSet', listenerSet, summary.listenerSet!),
      }),
    })),
    backends,
  });
}
