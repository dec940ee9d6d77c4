/**
 * Moving a tenant provisioned before its cluster served ListenerSet to ListenerSets, without a
 * moment in which one of its hostnames is not served. Pure: the provision action reads the
 * cluster, writes each phase, and waits on the objects named between phases.
 *
 * Gateway API forbids two listeners with one port and hostname on a Gateway: a ListenerSet's
 * listener that repeats one of its parent Gateway's is Conflicted, and the Gateway's wins. So a
 * listener cannot be served twice during the move; it is handed over:
 *
 * 1. `addListenerSets`: the ListenerSets with the same listeners and certificate refs (and, in the
 *    cluster-shared layout, each Certificate in the tenant namespace, where the ListenerSet reads
 *    its Secret), the Gateway's `allowedListeners`, and each route attached to both its old
 *    listener and the new one. The Gateway still serves every hostname; the new listeners wait,
 *    Conflicted.
 * 2. wait until every ListenerSet is Accepted by the Gateway and every new Certificate is Ready.
 * 3. `removeGatewayListeners`: the old listeners leave the Gateway, each under the field manager
 *    that owns it. The controller recomputes the Gateway's listeners in one pass: the
 *    ListenerSets' listeners, no longer Conflicted, take over with the same hostname and
 *    certificate, and the routes stay attached through their second parentRef.
 * 4. wait until every ListenerSet is Programmed and every route Accepted through it.
 * 5. `finishRoutes`: each route keeps only its ListenerSet parentRef; the Certificates left in
 *    the gateway namespace are deleted (their Secrets stay until cert-manager's owner rules say).
 *
 * If a wait times out, nothing after it is written: the hostnames stay served where they are,
 * and provisioning again resumes.
 */
import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';
import { issuerAnnotation } from './certificates';
import {
  ALLOWED_LISTENERS_FROM_CLUSTER_SHARED_TENANTS,
  ALLOWED_LISTENERS_SAME,
  listenerSet,
} from './listenerSets';
import {
  allowedRoutesByNamespaceName,
  containingDomain,
  exposureObjectMeta,
  GATEWAY_API_GROUP,
  HOSTNAMES_ANNOTATION,
} from './metadata';
import { KubernetesObject, ServedGatewayApi, TenantSpec } from './types';

/** One write of a phase: a server-side apply under a field manager, or a delete. */
export interface MigrationWrite {
  object: KubernetesObject;
  /** `gatehouse` when absent. */
  fieldManager?: string;
  delete?: boolean;
}

/** A route and the parentRef it must be Accepted through before its old one goes. */
export interface AwaitedRoute {
  route: KubernetesObject;
  parentRef: Record<string, string>;
}

export interface ListenerSetMigration {
  /** The listeners that move, by name. */
  moved: string[];
  addListenerSets: MigrationWrite[];
  /** The ListenerSets (Accepted, then Programmed) and Certificates (Ready) to wait for. */
  listenerSets: KubernetesObject[];
  certificates: KubernetesObject[];
  removeGatewayListeners: MigrationWrite[];
  routes: AwaitedRoute[];
  finishRoutes: MigrationWrite[];
}

export interface ListenerSetMigrationInput {
  tenant: TenantSpec;
  served: ServedGatewayApi & { listenerSet: string };
  /** The Gateway as the cluster has it: the tenant's (tenant-shared) or the shared one. */
  gateway: KubernetesObject;
  /** Routes in the tenant's namespaces, as the cluster has them. */
  routes: KubernetesObject[];
  /** cluster-shared: the Certificates of the shared Gateway's namespace. */
  certificates: KubernetesObject[];
  /** The provision action's Gateway and ListenerSet for the tenant, in the ListenerSet shape. */
  provisioned: KubernetesObject[];
  /** The field manager of an exposed hostname's writes. */
  fieldManagerOf(hostname: string): string;
}

type Listener = {
  name: string;
  hostname?: string;
  tls?: { certificateRefs?: Array<{ name: string }> };
  [field: string]: unknown;
};
type ParentRef = Record<string, string>;

const PROVISION_MANAGER = GATEWAY_API_ANNOTATIONS.fieldManager;

function listenersOf(object: KubernetesObject): Listener[] {
  return ((object.spec as { listeners?: Listener[] })?.listeners ??
    []) as Listener[];
}

function parentRefsOf(route: KubernetesObject): ParentRef[] {
  return ((route.spec as { parentRefs?: ParentRef[] })?.parentRefs ??
    []) as ParentRef[];
}

function withParentRefs(
  route: KubernetesObject,
  parentRefs: ParentRef[],
): KubernetesObject {
  return {
    ...route,
    spec: { ...(route.spec as object), parentRefs },
  };
}

/** The parentRef of a route naming one listener of `gateway`. */
function namesListener(
  ref: ParentRef,
  route: KubernetesObject,
  gateway: KubernetesObject,
  listener: string,
): boolean {
  return (
    (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
    (ref.kind ?? 'Gateway') === 'Gateway' &&
    ref.name === gateway.metadata.name &&
    (ref.namespace ?? route.metadata.namespace) ===
      gateway.metadata.namespace &&
    ref.sectionName === listener
  );
}

/**
 * The phases that move the tenant's listeners off `gateway`, or undefined when none is left
 * there. Routes Gatehouse did not write cannot be re-pointed for their owners: when one attaches
 * to a moving listener, the move is refused (`blockers`), and nothing is written.
 */
export function planListenerSetMigration(
  input: ListenerSetMigrationInput,
): ListenerSetMigration | { blockers: string[] } | undefined {
  const { tenant, served, gateway } = input;
  const tenantShared = tenant.layout === 'tenant-shared';
  const moving = listenersOf(gateway).filter(l =>
    tenantShared
      ? l.name !== 'http'
      : l.hostname !== undefined &&
        containingDomain(tenant, l.hostname) !== undefined,
  );
  if (moving.length === 0) return undefined;

  const provisionedGateway = input.provisioned.find(o => o.kind === 'Gateway')!;
  const provisionedSet = input.provisioned.find(o => o.kind === 'ListenerSet');
  const provisionedNames = new Set(
    provisionedSet ? listenersOf(provisionedSet).map(l => l.name) : [],
  );

  const addListenerSets: MigrationWrite[] = [];
  const removeGatewayListeners: MigrationWrite[] = [];
  const listenerSets: KubernetesObject[] = [];
  const certificates: KubernetesObject[] = [];
  const routes: AwaitedRoute[] = [];
  const finishRoutes: MigrationWrite[] = [];
  const blockers: string[] = [];
  const keptOnGateway: Listener[] = [];

  if (tenantShared && provisionedSet) {
    // The provisioned ListenerSet carries the domains' listeners; the Gateway keeps them, and
    // admits ListenerSets, until phase 3.
    listenerSets.push(provisionedSet);
    addListenerSets.push({ object: provisionedSet });
  }

  for (const listener of moving) {
    const byProvision = tenantShared && provisionedNames.has(listener.name);
    const hostname = listener.hostname ?? '';
    const fieldManager = byProvision
      ? PROVISION_MANAGER
      : input.fieldManagerOf(hostname);
    const moved: Listener = {
      ...listener,
      allowedRoutes: allowedRoutesByNamespaceName(tenant),
    };
    let setName: string;
    if (byProvision) {
      keptOnGateway.push(listener);
      setName = tenant.names.gateway;
    } else {
      // As the exposure builders write it: a ListenerSet of the hostname's own.
      setName = listener.name;
      if (!tenantShared) {
        const secret = listener.tls?.certificateRefs?.[0]?.name;
        const old = input.certificates.find(
          c => (c.spec as { secretName?: string })?.secretName === secret,
        );
        if (secret && old) {
          const certificate: KubernetesObject = {
            apiVersion: old.apiVersion,
            kind: old.kind,
            metadata: {
              name: old.metadata.name,
              namespace: tenant.namespace,
              labels: old.metadata.labels,
              annotations: old.metadata.annotations,
            },
            spec: old.spec,
          };
          certificates.push(certificate);
          addListenerSets.push({ object: certificate, fieldManager });
          finishRoutes.push({ object: old, delete: true });
        }
      }
      const meta = exposureObjectMeta(
        tenant,
        hostname,
        setName,
        tenant.namespace,
      );
      const set = listenerSet(
        served,
        tenantShared && listener.tls?.certificateRefs?.length
          ? {
              ...meta,
              annotations: { ...meta.annotations, ...issuerAnnotation(tenant) },
            }
          : meta,
        tenantShared
          ? { name: gateway.metadata.name }
          : {
              namespace: gateway.metadata.namespace,
              name: gateway.metadata.name,
            },
        [moved],
      );
      listenerSets.push(set);
      addListenerSets.push({ object: set, fieldManager });
    }
    if (!byProvision) {
      removeGatewayListeners.push({
        object: {
          apiVersion: gateway.apiVersion,
          kind: gateway.kind,
          metadata: {
            name: gateway.metadata.name,
            namespace: gateway.metadata.namespace,
          },
        },
        fieldManager,
      });
    }

    const newRef: ParentRef = {
      group: GATEWAY_API_GROUP,
      kind: 'ListenerSet',
      namespace: tenant.namespace,
      name: setName,
      sectionName: listener.name,
    };
    for (const route of input.routes) {
      const refs = parentRefsOf(route);
      if (!refs.some(r => namesListener(r, route, gateway, listener.name))) {
        continue;
      }
      const routeHostname = route.metadata.annotations?.[HOSTNAMES_ANNOTATION];
      if (!routeHostname) {
        blockers.push(
          `${route.kind} ${route.metadata.namespace}/${route.metadata.name} attaches to listener ${listener.name}; point it at ListenerSet ${tenant.namespace}/${setName} (sectionName ${listener.name}) as well, then provision again`,
        );
        continue;
      }
      const routeManager = input.fieldManagerOf(routeHostname);
      const hasNewRef = refs.some(
        r =>
          r.kind === 'ListenerSet' &&
          r.name === newRef.name &&
          (r.namespace ?? route.metadata.namespace) === newRef.namespace &&
          r.sectionName === newRef.sectionName,
      );
      addListenerSets.push({
        object: withParentRefs(route, hasNewRef ? refs : [...refs, newRef]),
        fieldManager: routeManager,
      });
      routes.push({ route, parentRef: newRef });
      finishRoutes.unshift({
        object: withParentRefs(route, [
          ...refs.filter(r => !namesListener(r, route, gateway, listener.name)),
          ...(hasNewRef ? [] : [newRef]),
        ]),
        fieldManager: routeManager,
      });
    }
  }
  if (blockers.length > 0) return { blockers };

  const gatewaySpec = provisionedGateway.spec as Record<string, unknown>;
  if (tenantShared) {
    // Phase 1: the provisioned Gateway plus its old domain listeners; phase 3: as provisioned.
    addListenerSets.unshift({
      object: {
        ...provisionedGateway,
        spec: {
          ...gatewaySpec,
          listeners: [
            ...(gatewaySpec.listeners as unknown[]),
            ...keptOnGateway,
          ],
          allowedListeners: ALLOWED_LISTENERS_SAME,
        },
      },
    });
    removeGatewayListeners.unshift({ object: provisionedGateway });
  } else {
    addListenerSets.unshift({
      object: {
        ...provisionedGateway,
        spec: {
          ...gatewaySpec,
          allowedListeners: ALLOWED_LISTENERS_FROM_CLUSTER_SHARED_TENANTS,
        },
      },
    });
  }

  return {
    moved: moving.map(l => l.name),
    addListenerSets,
    listenerSets,
    certificates,
    removeGatewayListeners,
    routes,
    finishRoutes,
  };
}
