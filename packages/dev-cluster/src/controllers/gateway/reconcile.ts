import { StatusUpdate } from '../kube/actions';
import { Failures } from '../kube/failures';
import { ResourceName } from '../kube/resources';
import { KubeObject, findCondition, objectKey } from '../kube/types';
import { RouteKind } from './constants';
import { LISTENER_SET_FEATURE } from './gatewayClasses';
import {
  classVerdict,
  GatewayParametersVerdict,
  gatewayParameters,
  ImplementationName,
  implementationOf,
} from './implementations';
import {
  gatewayAccepted,
  gatewayProblem,
  gatewayStatus,
  isListenerAccepted,
} from './gateways';
import { gatewayAddresses, infrastructureKey } from './infrastructure';
import { findConflicts } from './conflicts';
import {
  ListenerSetAdmission,
  analyzeListenerSetListeners,
  byListenerSetPrecedence,
  isListenerSetAllowed,
  isListenerSetAttached,
  listenerSetParentKey,
  listenerSetStatus,
} from './listenerSets';
import { Listener, ListenerModel, Problem, analyzeListener } from './listeners';
import {
  NginxPolicyResource,
  nginxGatewayFabricPolicyAffected,
  withPolicyAffected,
} from './nginxGatewayFabricPolicies';
import { ManagedParent, parentKey, reconcileRoute } from './routes';

/**
 * What the Gateway API controller reads, NGINX Gateway Fabric's policies among it (absent or
 * empty where not served) for the `<Kind>Affected` conditions it writes on their targets.
 */
export interface GatewayApiSnapshot
  extends Partial<Record<NginxPolicyResource, KubeObject[]>> {
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
  /** NGINX Gateway Fabric's NginxProxies (empty where the cluster does not serve them). */
  nginxProxies?: KubeObject[];
  listenerSets: KubeObject[];
}

export interface GatewayApiSettings {
  controllerNames: string[];
  /** Expanded address pool. */
  addressPool: string[];
  /** Whether the load balancer of a Gateway accepted on an earlier pass is up. */
  loadBalancerReady: (gateway: KubeObject) => boolean;
  /**
   * The classes' `status.supportedFeatures` (see supportedFeatures), or
   * undefined to leave them out. With `ListenerSet` among them, Gateways
   * also report `attachedListenerSets`.
   */
  supportedFeatures?: string[];
  /** The one GatewayClass NGINX Gateway Fabric manages (its `--gatewayclass`). Default `nginx`. */
  nginxGatewayFabricClassName?: string;
}

export interface GatewayApiResult {
  updates: StatusUpdate[];
  /** Some accepted Gateway waits for its address (assigned on the next pass). */
  awaitingAddress: boolean;
  /** Objects that could not be reconciled, and why. */
  failures: string[];
}

type RouteResource = 'httpRoutes' | 'grpcRoutes' | 'tlsRoutes' | 'tcpRoutes';

const ROUTE_RESOURCES: [ResourceName & RouteResource, RouteKind][] = [
  ['httpRoutes', 'HTTPRoute'],
  ['grpcRoutes', 'GRPCRoute'],
  ['tlsRoutes', 'TLSRoute'],
  ['tcpRoutes', 'TCPRoute'],
];

interface ManagedClass {
  controllerName: string;
  implementation: ImplementationName;
  mergeGateways: boolean;
  /** Its supportedFeatures include ListenerSet: it admits ListenerSets. */
  listenerSets: boolean;
}

interface AnalyzedGateway {
  gateway: KubeObject;
  controllerName: string;
  listeners: ListenerModel[];
  infrastructure: string;
  implementation: ImplementationName;
  parameters: GatewayParametersVerdict;
  /** Why the Gateway itself is not accepted, if it is not. */
  problem?: Problem;
  /** ListenerSets whose parentRef names it, in listener precedence. */
  listenerSets: AnalyzedListenerSet[];
}

interface AnalyzedListenerSet {
  listenerSet: KubeObject;
  /** Admission without the parent's address, which is known later. */
  allowed: boolean;
  listeners: ListenerModel[];
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
  const servesListenerSets =
    settings.supportedFeatures?.includes(LISTENER_SET_FEATURE) ?? false;
  const namespaceLabels = namespaceLabelsOf(snapshot.namespaces);
  const classes = reconcileClasses(snapshot, settings, failures);
  const gateways = analyzeGateways(
    snapshot,
    classes.accepted,
    namespaceLabels,
    failures,
  );
  const routes = reconcileRoutes(
    snapshot,
    managedParents(gateways),
    settings.controllerNames,
    namespaceLabels,
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
  const attachedRoutes = (key: string) => (listenerName: string) =>
    routes.attached.get(`${key}#${listenerName}`)?.size ?? 0;
  const gatewayUpdates: StatusUpdate[] = [];
  const listenerSetUpdates: StatusUpdate[] = [];
  for (const [key, g] of gateways) {
    const gatewayAddressList = addresses.assigned.get(key) ?? [];
    const parentAccepted = gatewayAccepted(g.listeners, g.problem).status;
    let attachedListenerSets = 0;
    for (const ls of g.listenerSets) {
      const admission: ListenerSetAdmission = ls.allowed
        ? {
            allowed: true,
            parentAccepted,
            parentProgrammed: parentAccepted && gatewayAddressList.length > 0,
          }
        : { allowed: false };
      if (isListenerSetAttached(admission, ls.listeners)) {
        attachedListenerSets++;
      }
      listenerSetUpdates.push({
        type: 'status',
        resource: 'listenerSets',
        object: ls.listenerSet,
        status: listenerSetStatus({
          listenerSet: ls.listenerSet,
          admission,
          listeners: ls.listeners,
          attachedRoutes: attachedRoutes(
            parentKey('ListenerSet', ls.listenerSet),
          ),
        }),
      });
    }
    gatewayUpdates.push({
      type: 'status',
      resource: 'gateways',
      object: g.gateway,
      status: gatewayStatus({
        gateway: g.gateway,
        listeners: g.listeners,
        attachedRoutes: attachedRoutes(parentKey('Gateway', g.gateway)),
        addresses: gatewayAddressList,
        problem: g.problem,
        implementation: g.implementation,
        parameters: g.parameters,
        attachedListenerSets:
          servesListenerSets &&
          classes.accepted.get(g.gateway.spec.gatewayClassName)?.listenerSets
            ? attachedListenerSets
            : undefined,
      }),
    });
  }
  // NGINX Gateway Fabric marks the Gateways and routes its policies target.
  const affected = nginxGatewayFabricPolicyAffected({
    gateways: [...gateways.values()]
      .filter(g => g.implementation === 'nginx-gateway-fabric')
      .map(g => g.gateway),
    listenerSets: snapshot.listenerSets,
    routes: {
      HTTPRoute: snapshot.httpRoutes,
      GRPCRoute: snapshot.grpcRoutes,
      TLSRoute: snapshot.tlsRoutes,
      TCPRoute: snapshot.tcpRoutes,
    },
    policies: {
      ClientSettingsPolicy: snapshot.clientSettingsPolicies ?? [],
      ObservabilityPolicy: snapshot.observabilityPolicies ?? [],
      ProxySettingsPolicy: snapshot.proxySettingsPolicies ?? [],
      RateLimitPolicy: snapshot.rateLimitPolicies ?? [],
      SnippetsPolicy: snapshot.snippetsPolicies ?? [],
      UpstreamSettingsPolicy: snapshot.upstreamSettingsPolicies ?? [],
      WAFPolicy: snapshot.wafPolicies ?? [],
    },
  });
  return {
    updates: [
      ...classes.updates,
      ...withPolicyAffected([...routes.updates, ...gatewayUpdates], affected),
      ...listenerSetUpdates,
    ],
    awaitingAddress: addresses.awaiting,
    failures: failures.messages,
  };
}

/** GatewayClasses of our controllers, each as its implementation writes it; the accepted ones by name. */
function reconcileClasses(
  snapshot: GatewayApiSnapshot,
  settings: GatewayApiSettings,
  failures: Failures,
) {
  const updates: StatusUpdate[] = [];
  const accepted = new Map<string, ManagedClass>();
  for (const gatewayClass of snapshot.gatewayClasses) {
    const controllerName = gatewayClass.spec?.controllerName;
    if (!settings.controllerNames.includes(controllerName)) continue;
    const verdict = failures.guard(gatewayClass, undefined, () =>
      classVerdict(
        gatewayClass,
        {
          envoyProxies: snapshot.envoyProxies,
          nginxProxies: snapshot.nginxProxies ?? [],
        },
        {
          envoyGatewayFeatures: settings.supportedFeatures,
          nginxGatewayFabricClassName:
            settings.nginxGatewayFabricClassName ?? 'nginx',
        },
      ),
    );
    if (!verdict) continue;
    // Written only where the cluster reports features at all (settings.supportedFeatures).
    const features = settings.supportedFeatures
      ? verdict.supportedFeatures
      : undefined;
    updates.push({
      type: 'status',
      resource: 'gatewayClasses',
      object: gatewayClass,
      status: {
        conditions: verdict.conditions,
        ...(features
          ? { supportedFeatures: features.map(name => ({ name })) }
          : {}),
      },
    });
    if (verdict.accepted) {
      accepted.set(gatewayClass.metadata.name, {
        controllerName,
        implementation: implementationOf(controllerName),
        mergeGateways: verdict.mergeGateways,
        listenerSets:
          (features ?? []).includes(LISTENER_SET_FEATURE) &&
          (settings.supportedFeatures ?? []).includes(LISTENER_SET_FEATURE),
      });
    }
  }
  return { updates, accepted };
}

/**
 * The Gateways of accepted classes with their listeners and ListenerSets
 * analysed, by `namespace/name`. Oldest first, so with mergeGateways the
 * older Gateway keeps a contested port.
 */
function analyzeGateways(
  snapshot: GatewayApiSnapshot,
  classes: Map<string, ManagedClass>,
  namespaceLabels: (namespace: string) => Record<string, string>,
  failures: Failures,
): Map<string, AnalyzedGateway> {
  const analyzed = new Map<string, AnalyzedGateway>();
  const listenersByInfrastructure = new Map<string, Listener[]>();
  const listenerSetsByGateway = groupListenerSets(snapshot.listenerSets);
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
      const parameters = gatewayParameters(
        gateway,
        managedClass.implementation,
        {
          envoyProxies: snapshot.envoyProxies,
          nginxProxies: snapshot.nginxProxies ?? [],
        },
      );
      return {
        parameters,
        problem: gatewayProblem(gateway, parameters),
        models: listeners.map(listener => ({
          ...analyzeListener(listener, {
            owner: gateway,
            ownerKind: 'Gateway',
            secrets: snapshot.secrets,
            referenceGrants: snapshot.referenceGrants,
          }),
          conflict: conflicts.get(listener.name),
        })),
      };
    });
    if (!result) continue;
    // Listeners that later ones (ListenerSets, merged Gateways) must not clash with.
    const placed = [
      ...earlier,
      ...result.models.filter(isListenerAccepted).map(m => m.listener),
    ];
    const listenerSets: AnalyzedListenerSet[] = [];
    // An implementation without the ListenerSet feature leaves ListenerSets alone.
    const namingIt = managedClass.listenerSets
      ? listenerSetsByGateway.get(objectKey(gateway)) ?? []
      : [];
    for (const listenerSet of namingIt) {
      const analyzedSet = failures.guard(listenerSet, undefined, () => {
        const allowed = isListenerSetAllowed(
          gateway,
          listenerSet.metadata.namespace!,
          namespaceLabels,
        );
        const listeners = allowed
          ? analyzeListenerSetListeners(listenerSet, placed, {
              secrets: snapshot.secrets,
              referenceGrants: snapshot.referenceGrants,
            })
          : [];
        return { listenerSet, allowed, listeners };
      });
      if (!analyzedSet) continue;
      listenerSets.push(analyzedSet);
      placed.push(
        ...analyzedSet.listeners
          .filter(isListenerAccepted)
          .map(m => m.listener),
      );
    }
    listenersByInfrastructure.set(infrastructure, placed);
    analyzed.set(objectKey(gateway), {
      gateway,
      infrastructure,
      controllerName: managedClass.controllerName,
      implementation: managedClass.implementation,
      parameters: result.parameters,
      listeners: result.models,
      problem: result.problem,
      listenerSets,
    });
  }
  return analyzed;
}

/** ListenerSets by the `namespace/name` of their Gateway, in listener precedence. */
function groupListenerSets(
  listenerSets: KubeObject[],
): Map<string, KubeObject[]> {
  const byGateway = new Map<string, KubeObject[]>();
  for (const listenerSet of [...listenerSets].sort(byListenerSetPrecedence)) {
    const key = listenerSetParentKey(listenerSet);
    if (!key) continue;
    if (!byGateway.has(key)) byGateway.set(key, []);
    byGateway.get(key)!.push(listenerSet);
  }
  return byGateway;
}

/**
 * What routes attach to: each managed Gateway with its own listeners, and
 * each of its ListenerSets with theirs. Routes cannot attach through a
 * ListenerSet its Gateway does not allow.
 */
function managedParents(
  gateways: Map<string, AnalyzedGateway>,
): Map<string, ManagedParent> {
  const parents = new Map<string, ManagedParent>();
  for (const g of gateways.values()) {
    parents.set(parentKey('Gateway', g.gateway), {
      kind: 'Gateway',
      object: g.gateway,
      controllerName: g.controllerName,
      listeners: g.listeners,
    });
    for (const ls of g.listenerSets) {
      parents.set(parentKey('ListenerSet', ls.listenerSet), {
        kind: 'ListenerSet',
        object: ls.listenerSet,
        controllerName: g.controllerName,
        listeners: ls.listeners,
        problem: ls.allowed
          ? undefined
          : {
              reason: 'NoMatchingParent',
              message: `ListenerSet ${objectKey(
                ls.listenerSet,
              )} is not allowed by Gateway ${objectKey(g.gateway)}.`,
            },
      });
    }
  }
  return parents;
}

/** Route statuses, and the routes attached to each `parentKey#listener`. */
function reconcileRoutes(
  snapshot: GatewayApiSnapshot,
  parents: Map<string, ManagedParent>,
  controllerNames: string[],
  namespaceLabels: (namespace: string) => Record<string, string>,
  failures: Failures,
) {
  const updates: StatusUpdate[] = [];
  const attached = new Map<string, Set<string>>();
  const context = {
    managedParents: parents,
    existingParents: new Set([
      ...snapshot.gateways.map(g => parentKey('Gateway', g)),
      ...snapshot.listenerSets.map(ls => parentKey('ListenerSet', ls)),
    ]),
    controllerNames,
    namespaceLabels,
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
      for (const { parentKey: key, listenerName } of result.attachments) {
        const attachmentKey = `${key}#${listenerName}`;
        if (!attached.has(attachmentKey))
          attached.set(attachmentKey, new Set());
        attached.get(attachmentKey)!.add(`${kind}/${objectKey(route)}`);
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
