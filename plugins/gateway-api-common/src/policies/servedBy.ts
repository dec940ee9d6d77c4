/**
 * The Gateways a policy's targets lead to, each with the controller serving it: a policy is
 * read only by its own implementation's controller, through those Gateways.
 */
import { listenerSetParentRef } from '../attachment/listenerSets';
import {
  Gateway,
  GATEWAY_API_GROUP,
  KubernetesObject,
  ListenerSet,
  ParentReference,
  Route,
} from '../types';
import { policyTargetsOf } from './targets';
import { ImplementationPolicy } from './types';

/**
 * A Gateway a policy's targets lead to, with its GatewayClass's `controllerName` (undefined
 * when the Gateway or its class is not known).
 *
 * @public
 */
export interface PolicyReachedGateway {
  namespace: string;
  name: string;
  controllerName?: string;
}

/**
 * The objects a policy's targets may lead through. Passing every object of the cluster is
 * right; passing only those of the policy's namespace, and the routes sending to its
 * Services, is the same and faster.
 *
 * @public
 */
export interface PolicyReachObjects {
  gateways: readonly Gateway[];
  listenerSets: readonly ListenerSet[];
  /** Each with its `kind` (HTTPRoute, GRPCRoute, TLSRoute...). */
  routes: readonly Route[];
  /** A ListenerSet by namespace and name, anywhere in the cluster. */
  listenerSet(namespace: string, name: string): ListenerSet | undefined;
  /** The `controllerName` of a Gateway's class, for any Gateway of the cluster. */
  controllerOf(namespace: string, name: string): string | undefined;
}

const targetObject = (kind: string, o: KubernetesObject) => ({
  kind,
  namespace: o.metadata?.namespace ?? '',
  name: o.metadata?.name ?? '',
  labels: o.metadata?.labels,
});

const isListenerSetRef = (ref: ParentReference) =>
  (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
  ref.kind === 'ListenerSet';

/**
 * The Gateways a policy's targets lead to: a targeted Gateway, a targeted ListenerSet's
 * parent, a targeted route's parents (through their ListenerSets), and the parents of every
 * route sending to a targeted Service. Each once, in the order found.
 *
 * @public
 */
export function gatewaysReachedByPolicy(
  policy: ImplementationPolicy,
  objects: PolicyReachObjects,
): PolicyReachedGateway[] {
  const reached = new Map<string, PolicyReachedGateway>();
  const reach = (namespace: string, name: string) => {
    const key = `${namespace}/${name}`;
    if (reached.has(key)) return;
    const controllerName = objects.controllerOf(namespace, name);
    reached.set(key, {
      namespace,
      name,
      ...(controllerName !== undefined && { controllerName }),
    });
  };
  const reachListenerSet = (set: ListenerSet) => {
    const parent = listenerSetParentRef(set);
    if (parent.group === GATEWAY_API_GROUP && parent.kind === 'Gateway') {
      reach(parent.namespace, parent.name);
    }
  };
  const reachParentsOf = (route: Route) => {
    const namespace = route.metadata?.namespace ?? '';
    for (const ref of route.spec?.parentRefs ?? []) {
      const refNamespace = ref.namespace ?? namespace;
      if (isListenerSetRef(ref)) {
        const set = objects.listenerSet(refNamespace, ref.name ?? '');
        if (set) reachListenerSet(set);
      } else if ((ref.kind ?? 'Gateway') === 'Gateway') {
        reach(refNamespace, ref.name ?? '');
      }
    }
  };
  const targets = (kind: string, o: KubernetesObject) =>
    policyTargetsOf(policy, targetObject(kind, o)).length > 0;

  for (const gateway of objects.gateways) {
    if (targets('Gateway', gateway)) {
      reach(gateway.metadata?.namespace ?? '', gateway.metadata?.name ?? '');
    }
  }
  for (const set of objects.listenerSets) {
    if (targets('ListenerSet', set)) reachListenerSet(set);
  }
  for (const route of objects.routes) {
    const namespace = route.metadata?.namespace ?? '';
    const sendsToTarget = (route.spec?.rules ?? []).some(rule =>
      (rule.backendRefs ?? []).some(
        b =>
          (b.kind ?? 'Service') === 'Service' &&
          (b.group ?? '') === '' &&
          policyTargetsOf(policy, {
            kind: 'Service',
            namespace: b.namespace ?? namespace,
            name: b.name ?? '',
          }).length > 0,
      ),
    );
    if (sendsToTarget || targets(route.kind ?? '', route)) {
      reachParentsOf(route);
    }
  }
  return [...reached.values()];
}
