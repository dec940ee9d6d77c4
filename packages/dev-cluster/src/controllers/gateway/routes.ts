import { condition } from '../kube/status';
import { Condition, KubeObject } from '../kube/types';
import { GATEWAY_GROUP, RouteKind } from './constants';
import { routeMatchesListenerHostname } from './hostnames';
import { matchesLabelSelector } from '../../api/labelSelector';
import { ListenerModel, Problem } from './listeners';
import { isReferenceAllowed } from './referenceGrants';

export type ParentKind = 'Gateway' | 'ListenerSet';

/**
 * A route parent this controller manages: a Gateway, or a ListenerSet whose
 * Gateway it manages, with its analysed listeners.
 */
export interface ManagedParent {
  kind: ParentKind;
  /** The Gateway or the ListenerSet; `allowedRoutes` `Same` means its namespace. */
  object: KubeObject;
  controllerName: string;
  listeners: ListenerModel[];
  /** Why no route can attach to it (a ListenerSet its Gateway does not accept). */
  problem?: Problem;
}

/** `Gateway/namespace/name` or `ListenerSet/namespace/name`. */
export function parentKey(kind: ParentKind, obj: KubeObject): string {
  return `${kind}/${obj.metadata.namespace}/${obj.metadata.name}`;
}

export interface RouteContext {
  /** Managed parents by parentKey. */
  managedParents: Map<string, ManagedParent>;
  /** Every Gateway and ListenerSet that exists, managed or not, by parentKey. */
  existingParents: Set<string>;
  /** Our controller names; the first is reported for parentRefs to parents that do not exist. */
  controllerNames: string[];
  namespaceLabels: (namespace: string) => Record<string, string>;
  services: KubeObject[];
  referenceGrants: KubeObject[];
}

export interface ParentRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface Attachment {
  /** parentKey of the Gateway or ListenerSet. */
  parentKey: string;
  listenerName: string;
}

export interface RouteResult {
  /** The route's new `status.parents`, or undefined when none is ours. */
  parents?: Record<string, unknown>[];
  attachments: Attachment[];
}

const PARENT_KINDS: ParentKind[] = ['Gateway', 'ListenerSet'];

const HOSTNAME_KINDS: RouteKind[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

/** Filter types this simulated Envoy Gateway implements, per route kind. */
const SUPPORTED_FILTERS: Partial<Record<RouteKind, string[]>> = {
  HTTPRoute: [
    'RequestHeaderModifier',
    'ResponseHeaderModifier',
    'RequestRedirect',
    'URLRewrite',
    'RequestMirror',
    'ExtensionRef',
    'CORS',
  ],
  GRPCRoute: [
    'RequestHeaderModifier',
    'ResponseHeaderModifier',
    'RequestMirror',
    'ExtensionRef',
  ],
};

export function reconcileRoute(
  route: KubeObject,
  routeKind: RouteKind,
  context: RouteContext,
): RouteResult {
  const generation = route.metadata.generation;
  const routeNamespace = route.metadata.namespace!;
  const attachments: Attachment[] = [];
  const ours: Record<string, unknown>[] = [];
  const ourControllers = new Set(context.controllerNames);
  const resolvedRefs = backendRefsCondition(route, routeKind, context);
  const unsupported = unsupportedValue(route, routeKind);
  const seen = new Set<string>();

  for (const ref of (route.spec?.parentRefs ?? []) as ParentRef[]) {
    const parentRef = {
      ...ref,
      group: ref.group ?? GATEWAY_GROUP,
      kind: ref.kind ?? 'Gateway',
    };
    const kind = parentRef.kind as ParentKind;
    if (parentRef.group !== GATEWAY_GROUP || !PARENT_KINDS.includes(kind))
      continue;
    const refKey = JSON.stringify(parentRef);
    if (seen.has(refKey)) continue;
    seen.add(refKey);
    const namespace = ref.namespace ?? routeNamespace;
    const key = `${kind}/${namespace}/${ref.name}`;
    const managed = context.managedParents.get(key);
    if (!managed && context.existingParents.has(key)) continue;
    const controllerName =
      managed?.controllerName ?? context.controllerNames[0];

    const outcome = managed
      ? attach(route, routeKind, parentRef, managed, context)
      : {
          listeners: [],
          problem: {
            reason: 'NoMatchingParent',
            message: `${kind} ${namespace}/${ref.name} not found.`,
          },
        };
    for (const listener of outcome.listeners) {
      attachments.push({ parentKey: key, listenerName: listener });
    }
    const problem = outcome.problem ?? unsupported;
    ours.push({
      parentRef,
      controllerName,
      conditions: [
        condition(
          'Accepted',
          !problem,
          problem?.reason ?? 'Accepted',
          problem?.message ?? 'Route is accepted',
          generation,
        ),
        { ...resolvedRefs, observedGeneration: generation },
      ],
    });
  }
  const previous: any[] = route.status?.parents ?? [];
  const others = previous.filter(p => !ourControllers.has(p.controllerName));
  const hadOurs = previous.length !== others.length;
  if (ours.length === 0 && !hadOurs) return { attachments };
  return { parents: [...others, ...ours], attachments };
}

function attach(
  route: KubeObject,
  kind: RouteKind,
  ref: ParentRef,
  parent: ManagedParent,
  context: RouteContext,
): { listeners: string[]; problem?: Problem } {
  const what = `${parent.kind} ${parent.object.metadata.namespace}/${parent.object.metadata.name}`;
  if (parent.problem) return { listeners: [], problem: parent.problem };
  const candidates = parent.listeners.filter(
    ({ listener }) =>
      (ref.sectionName === undefined || listener.name === ref.sectionName) &&
      (ref.port === undefined || listener.port === ref.port),
  );
  if (candidates.length === 0) {
    const which = [
      ref.sectionName !== undefined ? `named ${ref.sectionName}` : undefined,
      ref.port !== undefined ? `on port ${ref.port}` : undefined,
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      listeners: [],
      problem: {
        reason: 'NoMatchingParent',
        message: `${what} has no listener ${which}.`,
      },
    };
  }
  const allowed = candidates.filter(
    model =>
      model.supportedKinds.some(k => k.kind === kind) &&
      namespaceAllowed(
        model,
        parent.object,
        route.metadata.namespace!,
        context,
      ),
  );
  if (allowed.length === 0) {
    return {
      listeners: [],
      problem: {
        reason: 'NotAllowedByListeners',
        message: `No listener of ${what} allows ${kind} from namespace ${route.metadata.namespace}.`,
      },
    };
  }
  const hostnames: string[] | undefined = HOSTNAME_KINDS.includes(kind)
    ? route.spec?.hostnames
    : undefined;
  const matching = allowed.filter(({ listener }) =>
    routeMatchesListenerHostname(hostnames, listener.hostname),
  );
  if (matching.length === 0) {
    return {
      listeners: [],
      problem: {
        reason: 'NoMatchingListenerHostname',
        message: `No listener hostname of ${what} matches the route's hostnames.`,
      },
    };
  }
  return { listeners: matching.map(({ listener }) => listener.name) };
}

/** allowedRoutes.namespaces, where `Same` is the namespace of the listener's Gateway or ListenerSet. */
function namespaceAllowed(
  { listener }: ListenerModel,
  parent: KubeObject,
  routeNamespace: string,
  context: RouteContext,
): boolean {
  const namespaces = listener.allowedRoutes?.namespaces;
  switch (namespaces?.from ?? 'Same') {
    case 'All':
      return true;
    case 'Selector':
      return matchesLabelSelector(
        namespaces?.selector,
        context.namespaceLabels(routeNamespace),
      );
    case 'Same':
      return routeNamespace === parent.metadata.namespace;
    default:
      return false;
  }
}

function unsupportedValue(
  route: KubeObject,
  kind: RouteKind,
): Problem | undefined {
  const supported = SUPPORTED_FILTERS[kind];
  if (!supported) return undefined;
  for (const rule of route.spec?.rules ?? []) {
    for (const filter of rule.filters ?? []) {
      if (!supported.includes(filter.type)) {
        return {
          reason: 'UnsupportedValue',
          message: `Filter type ${filter.type} is not supported.`,
        };
      }
    }
  }
  return undefined;
}

interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
}

/** The rules' backendRefs and the backends that RequestMirror filters copy traffic to. */
function backendRefsOf(route: KubeObject): BackendRef[] {
  const mirrors = (filters: any[] = []) =>
    filters.flatMap(f =>
      f.type === 'RequestMirror' && f.requestMirror?.backendRef
        ? [f.requestMirror.backendRef]
        : [],
    );
  return (route.spec?.rules ?? []).flatMap((rule: any) => [
    ...(rule.backendRefs ?? []).flatMap((ref: any) => [
      ref,
      ...mirrors(ref.filters),
    ]),
    ...mirrors(rule.filters),
  ]);
}

/** ResolvedRefs for all backendRefs of the route (the same for every parent). */
function backendRefsCondition(
  route: KubeObject,
  kind: RouteKind,
  context: RouteContext,
): Condition {
  const problem = backendRefProblem(route, kind, context);
  return condition(
    'ResolvedRefs',
    !problem,
    problem?.reason ?? 'ResolvedRefs',
    problem?.message ?? 'Resolved all the Object references for the Route',
  );
}

function backendRefProblem(
  route: KubeObject,
  kind: RouteKind,
  context: RouteContext,
): Problem | undefined {
  for (const ref of backendRefsOf(route)) {
    const problem = backendProblem(ref, route, kind, context);
    if (problem) return problem;
  }
  return undefined;
}

function backendProblem(
  ref: BackendRef,
  route: KubeObject,
  kind: RouteKind,
  context: RouteContext,
): Problem | undefined {
  const routeNamespace = route.metadata.namespace!;
  const group = ref.group ?? '';
  const refKind = ref.kind ?? 'Service';
  const namespace = ref.namespace ?? routeNamespace;
  const name = `${namespace}/${ref.name}`;
  if (group !== '' || refKind !== 'Service') {
    return {
      reason: 'InvalidKind',
      message: `Unsupported backendRef kind ${
        group ? `${group}/` : ''
      }${refKind}.`,
    };
  }
  const allowed = isReferenceAllowed(
    context.referenceGrants,
    { group: GATEWAY_GROUP, kind, namespace: routeNamespace },
    { group: '', kind: 'Service', namespace, name: ref.name },
  );
  if (!allowed) {
    return {
      reason: 'RefNotPermitted',
      message: `Backend ref to Service ${name} is not permitted by any ReferenceGrant.`,
    };
  }
  const service = context.services.find(
    s => s.metadata.namespace === namespace && s.metadata.name === ref.name,
  );
  if (!service) {
    return { reason: 'BackendNotFound', message: `Service ${name} not found.` };
  }
  const ports: { port: number }[] = service.spec?.ports ?? [];
  if (ref.port !== undefined && !ports.some(p => p.port === ref.port)) {
    return {
      reason: 'BackendNotFound',
      message: `Port ${ref.port} not found on Service ${name}.`,
    };
  }
  return undefined;
}
