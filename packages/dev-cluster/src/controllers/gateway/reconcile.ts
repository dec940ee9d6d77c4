import { StatusUpdate } from '../kube/actions';
import { Failures } from '../kube/failures';
import { ResourceName } from '../kube/resources';
import { KubeObject, findCondition, objectKey } from '../kube/types';
import { RouteKind } from './constants';
import { reconcileGatewayClass } from './gatewayClasses';
import { gatewayProblem, gatewayStatus } from './gateways';
import { gatewayAddresses, infrastructureKey } from './infrastructure';
import { findConflicts } from './conflicts';
import { Listener, Problem, analyzeListener } from './listeners';
import { ManagedGateway, reconcileRoute } from './routes';

export interface GatewayApiSnapshot {
  gatewayClasses: KubeObject[];
  gateways: KubeObject[];
  httpRoutes: KubeObject[];
  grpcRoutes: KubeObject[];
  tlsRoutes: KubeObject[];
  tcpRoutes: KubeObject[];
  referenceGrants: KubeObject[];
  namespaces: KubeObject[];
  services: KubeObject[];
  secrets: KubeObject[];
  envoyProxies: KubeObject[];
}

export interface GatewayApiSettings {
  controllerNames: string[];
  /** Expanded address pool. */
  addressPool: string[];
  /** Whether the load balancer of a Gateway accepted on an earlier pass is up. */
  loadBalancerReady: (gateway: KubeObject) => boolean;
}

export interface GatewayApiResult {
  updates: StatusUpdate[];
  /** Some accepted Gateway waits for its address (assigned on the next pass). */
  awaitingAddress: boolean;
  /** Objects that could not be reconciled, and why. */
  failures: string[];
}

const ROUTE_RESOURCES: [ResourceName & keyof GatewayApiSnapshot, RouteKind][] =
  [
    ['httpRoutes', 'HTTPRoute'],
    ['grpcRoutes', 'GRPCRoute'],
    ['tlsRoutes', 'TLSRoute'],
    ['tcpRoutes', 'TCPRoute'],
  ];

interface ManagedClass {
  controllerName: string;
  mergeGateways: boolean;
}

interface AnalyzedGateway extends ManagedGateway {
  infrastructure: string;
  /** Why the Gateway itself is not accepted, if it is not. */
  problem?: Problem;
}

/**
 * Computes the status of every GatewayClass, Gateway and Route that belongs
 * to our controllers, from a snapshot of the cluster. A Gateway is first
 * accepted and gets its address on a later pass, as a LoadBalancer would.
 */
export function reconcileGatewayApi(
  snapshot: GatewayApiSnapshot,
  settings: GatewayApiSettings,
): GatewayApiResult {
  const failures = new Failures();
  const classes = reconcileClasses(
    snapshot,
    settings.controllerNames,
    failures,
  );
  const gateways = analyzeGateways(snapshot, classes.accepted, failures);
  const routes = reconcileRoutes(
    snapshot,
    gateways,
    settings.controllerNames,
    failures,
  );

  const addresses = gatewayAddresses(
    [...gateways]
      .filter(([, g]) => !g.problem)
      .map(([, { gateway, infrastructure }]) => ({
        gateway,
        infrastructure,
        // Accepted on an earlier pass, and its load balancer is up.
        ready:
          findCondition(gateway, 'Accepted')?.status === 'True' &&
          settings.loadBalancerReady(gateway),
      })),
    settings.addressPool,
  );
  const gatewayUpdates: StatusUpdate[] = [...gateways].map(([key, g]) => ({
    type: 'status',
    resource: 'gateways',
    object: g.gateway,
    status: gatewayStatus({
      gateway: g.gateway,
      listeners: g.listeners,
      attachedRoutes: name => routes.attached.get(`${key}#${name}`)?.size ?? 0,
      addresses: addresses.assigned.get(key) ?? [],
      problem: g.problem,
    }),
  }));
  return {
    updates: [...classes.updates, ...routes.updates, ...gatewayUpdates],
    awaitingAddress: addresses.awaiting,
    failures: failures.messages,
  };
}

/** GatewayClasses of our controllers; the accepted ones by name. */
function reconcileClasses(
  snapshot: GatewayApiSnapshot,
  controllerNames: string[],
  failures: Failures,
) {
  const updates: StatusUpdate[] = [];
  const accepted = new Map<string, ManagedClass>();
  for (const gatewayClass of snapshot.gatewayClasses) {
    const controllerName = gatewayClass.spec?.controllerName;
    if (!controllerNames.includes(controllerName)) continue;
    const result = failures.guard(gatewayClass, undefined, () =>
      reconcileGatewayClass(gatewayClass, snapshot.envoyProxies),
    );
    if (!result) continue;
    updates.push({
      type: 'status',
      resource: 'gatewayClasses',
      object: gatewayClass,
      status: result.status,
    });
    if (result.accepted) {
      accepted.set(gatewayClass.metadata.name, {
        controllerName,
        mergeGateways: result.mergeGateways,
      });
    }
  }
  return { updates, accepted };
}

/**
 * The Gateways of accepted classes with their listeners analysed, by
 * `namespace/name`. Oldest first, so with mergeGateways the older Gateway
 * keeps a contested port.
 */
function analyzeGateways(
  snapshot: GatewayApiSnapshot,
  classes: Map<string, ManagedClass>,
  failures: Failures,
): Map<string, AnalyzedGateway> {
  const analyzed = new Map<string, AnalyzedGateway>();
  const listenersByInfrastructure = new Map<string, Listener[]>();
  const gateways = snapshot.gateways
    .filter(g => classes.has(g.spec?.gatewayClassName))
    .sort(byAge);
  for (const gateway of gateways) {
    const managedClass = classes.get(gateway.spec.gatewayClassName)!;
    const infrastructure = infrastructureKey(
      gateway,
      managedClass.mergeGateways,
    );
    const earlier = listenersByInfrastructure.get(infrastructure) ?? [];
    const result = failures.guard(gateway, undefined, () => {
      const listeners: Listener[] = gateway.spec?.listeners ?? [];
      const conflicts = findConflicts(listeners, earlier);
      return {
        listeners,
        problem: gatewayProblem(gateway, snapshot.envoyProxies),
        models: listeners.map(listener => ({
          ...analyzeListener(listener, {
            gateway,
            secrets: snapshot.secrets,
            referenceGrants: snapshot.referenceGrants,
          }),
          conflict: conflicts.get(listener.name),
        })),
      };
    });
    if (!result) continue;
    listenersByInfrastructure.set(infrastructure, [
      ...earlier,
      ...result.listeners,
    ]);
    analyzed.set(objectKey(gateway), {
      gateway,
      infrastructure,
      controllerName: managedClass.controllerName,
      listeners: result.models,
      problem: result.problem,
    });
  }
  return analyzed;
}

/** Route statuses, and the routes attached to each `gateway#listener`. */
function reconcileRoutes(
  snapshot: GatewayApiSnapshot,
  managedGateways: Map<string, ManagedGateway>,
  controllerNames: string[],
  failures: Failures,
) {
  const updates: StatusUpdate[] = [];
  const attached = new Map<string, Set<string>>();
  const context = {
    managedGateways,
    existingGateways: new Set(snapshot.gateways.map(objectKey)),
    controllerNames,
    namespaceLabels: namespaceLabelsOf(snapshot.namespaces),
    services: snapshot.services,
    referenceGrants: snapshot.referenceGrants,
  };
  for (const [resource, kind] of ROUTE_RESOURCES) {
    for (const route of snapshot[resource]) {
      const result = failures.guard(route, { attachments: [] }, () =>
        reconcileRoute(route, kind, context),
      );
      if (result.parents) {
        updates.push({
          type: 'status',
          resource,
          object: route,
          status: { parents: result.parents },
        });
      }
      for (const { gatewayKey, listenerName } of result.attachments) {
        const key = `${gatewayKey}#${listenerName}`;
        if (!attached.has(key)) attached.set(key, new Set());
        attached.get(key)!.add(`${kind}/${objectKey(route)}`);
      }
    }
  }
  return { updates, attached };
}

function namespaceLabelsOf(namespaces: KubeObject[]) {
  const labels = new Map(
    namespaces.map(ns => [ns.metadata.name, ns.metadata.labels ?? {}]),
  );
  return (namespace: string): Record<string, string> => ({
    ...labels.get(namespace),
    'kubernetes.io/metadata.name': namespace,
  });
}

function byAge(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return objectKey(a) < objectKey(b) ? -1 : 1;
}
