/**
 * Route-to-listener attachment analysis: predicts, from the objects alone, the Accepted and
 * ResolvedRefs conditions a conformant controller writes on each parentRef of a route, so the
 * portal can explain a route before (or without) a controller reporting on it.
 */
import { intersectHostnames } from '../hostnameMatch';
import { listenerUrl } from '../urls';
import { CommonMistake } from '../hints';
import {
  BackendRef,
  Certificate,
  Gateway,
  GATEWAY_API_GROUP,
  Listener,
  ListenerSet,
  Namespace,
  ParentReference,
  ReferenceGrant,
  Route,
  Secret,
  Service,
} from '../types';
import { matchesLabelSelector, NAMESPACE_NAME_LABEL } from './labelSelector';
import {
  ListenerPrediction,
  predictListeners,
  SecretKey,
  supportedRouteKinds,
} from './listeners';
import {
  EffectiveListener,
  ListenerSetPrediction,
  predictListenerSetsWith,
} from './listenerSets';
import { AttachmentOptions, PredictedCondition } from './predictedCondition';
import { isReferencePermitted } from './referenceGrant';

/**
 * The objects the attachment analysis reads. Lists are the whole truth: an object missing from
 * a list is taken not to exist.
 *
 * @public
 */
export interface AttachmentInput {
  gateways: Gateway[];
  routes: Route[];
  /** ListenerSets (Gateway API v1.5+); none where the cluster does not serve them. */
  listenerSets?: ListenerSet[];
  /** Namespaces with their labels; a namespace not listed still has its implicit name label. */
  namespaces?: Namespace[];
  services?: Service[];
  /** Existing Secrets: objects, namespace/name pairs, or a set of `namespace/name` strings. */
  secrets?: Array<Secret | SecretKey> | ReadonlySet<string>;
  referenceGrants?: ReferenceGrant[];
  /** cert-manager Certificates, to tell whether a listener holds a certificate for a hostname. */
  certificates?: Certificate[];
  options?: AttachmentOptions;
}

/**
 * The hostnames a route serves on one listener it attached to.
 *
 * @public
 */
export interface ListenerHostnames {
  listenerName: string;
  /** The intersection of listener and route hostnames; empty when `anyHostname`. */
  hostnames: string[];
  /** True when neither the listener nor the route restricts hostnames. */
  anyHostname: boolean;
  /** The URLs of the precise hostnames, on HTTP and HTTPS listeners (see `listenerUrl`). */
  urls: string[];
  /**
   * Set when the listener is a ListenerSet's and Conflicted with an older listener of the
   * Gateway: the route attaches, but no traffic reaches it through this listener.
   */
  conflicted?: boolean;
}

/**
 * A parentRef with its defaults filled in (group, kind, and namespace = the route's).
 *
 * @public
 */
export interface ResolvedParentRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/**
 * The predicted status of one parentRef of a route.
 *
 * @public
 */
export interface ParentAttachment {
  parentRef: ResolvedParentRef;
  accepted: PredictedCondition;
  resolvedRefs: PredictedCondition;
  /** The listeners the route attaches to, with the hostnames it serves on each. */
  listeners: ListenerHostnames[];
  /** The common attachment mistakes recognised in this parentRef, for hints. */
  mistakes: CommonMistake[];
}

/**
 * The predicted status of one route.
 *
 * @public
 */
export interface RouteAttachment {
  kind: Route['kind'];
  namespace: string;
  name: string;
  parents: ParentAttachment[];
}

/**
 * What the attachment analysis predicts for every route and every listener.
 *
 * @public
 */
export interface AttachmentPrediction {
  routes: RouteAttachment[];
  /** The Gateways' own listeners. */
  listeners: ListenerPrediction[];
  /** Every ListenerSet, with its listeners (empty when none were given). */
  listenerSets: ListenerSetPrediction[];
}

interface Context {
  gateways: Gateway[];
  /** By `namespace/name`. */
  listenerSets: Map<string, ListenerSet>;
  listenerSetPredictions: Map<string, ListenerSetPrediction>;
  merged: (gateway: Gateway) => EffectiveListener[];
  namespaceLabels: Map<string, Record<string, string>>;
  services: Service[];
  secrets: Set<string>;
  referenceGrants: ReferenceGrant[];
  certificates: Certificate[];
  /**
   * The same objects by `namespace/name` (Certificates by `namespace/secretName`), the first
   * of a name as a scan would find it: each route asks for its parents and backends, and a
   * scan per route grows with the square of the cluster.
   */
  byName: {
    gateways: Map<string, Gateway>;
    services: Map<string, Service>;
    certificatesBySecret: Map<string, Certificate[]>;
  };
  options: AttachmentOptions;
}

/**
 * `namespace/name` to the objects of that name, in the list's order; an object without a
 * namespace or a name is left out (no reference names it).
 */
function byNamespacedName<T extends { metadata?: { namespace?: string } }>(
  objects: T[],
  name: (o: T) => string | undefined,
): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const o of objects) {
    const namespace = o.metadata?.namespace;
    const n = name(o);
    if (namespace === undefined || n === undefined) continue;
    const key = `${namespace}/${n}`;
    const same = byName.get(key);
    if (same) same.push(o);
    else byName.set(key, [o]);
  }
  return byName;
}

const first = <T>(byName: Map<string, T[]>) =>
  new Map([...byName].map(([key, objects]) => [key, objects[0]]));

function accepted(
  status: 'True' | 'False',
  reason: string,
  message: string,
): PredictedCondition {
  return { type: 'Accepted', status, reason, message };
}

function resolved(
  status: 'True' | 'False',
  reason: string,
  message: string,
): PredictedCondition {
  return { type: 'ResolvedRefs', status, reason, message };
}

/**
 * The hostnames a route serves on a listener, or undefined when they do not intersect.
 *
 * @public
 */
export function effectiveHostnames(
  listenerHostname: string | undefined,
  routeHostnames: string[] = [],
): Pick<ListenerHostnames, 'hostnames' | 'anyHostname'> | undefined {
  const routes = routeHostnames.map(h => h.toLowerCase());
  const listener = listenerHostname?.toLowerCase();
  if (!listener) {
    return routes.length === 0
      ? { hostnames: [], anyHostname: true }
      : { hostnames: [...new Set(routes)], anyHostname: false };
  }
  if (routes.length === 0) return { hostnames: [listener], anyHostname: false };
  const hostnames = [
    ...new Set(
      routes.flatMap(route => {
        const intersection = intersectHostnames(listener, route);
        return intersection ? [intersection] : [];
      }),
    ),
  ];
  return hostnames.length > 0 ? { hostnames, anyHostname: false } : undefined;
}

/**
 * Whether a listener's `allowedRoutes.namespaces` admits routes from a namespace with these
 * labels (`Same` by default, as the API defines it). `Same` is the namespace of the object
 * that holds the listener: the Gateway, or the ListenerSet.
 *
 * @public
 */
export function listenerAllowsNamespace(
  owner: Gateway | ListenerSet,
  listener: Listener,
  namespace: string,
  namespaceLabels: Record<string, string> = {},
): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return namespace === owner.metadata?.namespace;
  return (
    from === 'Selector' &&
    matchesLabelSelector(listener.allowedRoutes?.namespaces?.selector, {
      ...namespaceLabels,
      [NAMESPACE_NAME_LABEL]: namespace,
    })
  );
}

type ListenerVerdict =
  | {
      ok: true;
      hostnames: Pick<ListenerHostnames, 'hostnames' | 'anyHostname'>;
    }
  | { ok: false; stage: 'kind' | 'namespace' | 'hostname'; why: string };

function judgeListener(
  route: Route,
  routeNamespace: string,
  gateway: Gateway | ListenerSet,
  listener: Listener,
  ctx: Context,
  ownerKind: 'Gateway' | 'ListenerSet' = 'Gateway',
): ListenerVerdict {
  const name = listener.name ?? '';
  const kinds = supportedRouteKinds(listener, ctx.options);
  if (!kinds.some(k => k.kind === route.kind)) {
    return {
      ok: false,
      stage: 'kind',
      why: `listener "${name}" (${listener.protocol}) accepts ${
        kinds.map(k => k.kind).join(', ') || 'no route kinds'
      }, not ${route.kind}`,
    };
  }
  const gatewayNamespace = gateway.metadata?.namespace ?? '';
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (
    !listenerAllowsNamespace(
      gateway,
      listener,
      routeNamespace,
      ctx.namespaceLabels.get(routeNamespace),
    )
  ) {
    return {
      ok: false,
      stage: 'namespace',
      why: `listener "${name}" allows routes from ${
        from === 'Selector'
          ? 'namespaces matching its allowedRoutes selector'
          : `the ${ownerKind}'s namespace "${gatewayNamespace}" only`
      }, and namespace "${routeNamespace}" is not one of them`,
    };
  }
  const hostnames = effectiveHostnames(
    listener.hostname,
    route.spec?.hostnames,
  );
  if (!hostnames) {
    return {
      ok: false,
      stage: 'hostname',
      why: `listener "${name}" serves "${
        listener.hostname
      }", which none of the route's hostnames (${(
        route.spec?.hostnames ?? []
      ).join(', ')}) match`,
    };
  }
  return { ok: true, hostnames };
}

function resolveParentRef(
  ref: ParentReference,
  routeNamespace: string,
): ResolvedParentRef {
  return {
    group: ref.group ?? GATEWAY_API_GROUP,
    kind: ref.kind ?? 'Gateway',
    namespace: ref.namespace ?? routeNamespace,
    name: ref.name ?? '',
    ...(ref.sectionName !== undefined && { sectionName: ref.sectionName }),
    ...(ref.port !== undefined && { port: ref.port }),
  };
}

type Refusal = Pick<ParentAttachment, 'accepted' | 'listeners' | 'mistakes'>;

const refused = (
  reason: string,
  message: string,
  mistakes: CommonMistake[] = [],
): Refusal => ({
  accepted: accepted('False', reason, message),
  listeners: [],
  mistakes,
});

/** The object holding the listeners a parentRef targets. */
interface ListenerOwner {
  kind: 'Gateway' | 'ListenerSet';
  object: Gateway | ListenerSet;
  listeners: Listener[];
  /** For a ListenerSet's listener: its Conflicted condition over the Gateway's merged list. */
  conflictedOf?: (listener: Listener) => boolean;
}

const wantedListener = (parentRef: ResolvedParentRef) =>
  [
    parentRef.sectionName !== undefined && `named "${parentRef.sectionName}"`,
    parentRef.port !== undefined && `on port ${parentRef.port}`,
  ]
    .filter(Boolean)
    .join(' ');

const matchesSection = (parentRef: ResolvedParentRef) => (l: Listener) =>
  (parentRef.sectionName === undefined || l.name === parentRef.sectionName) &&
  (parentRef.port === undefined || l.port === parentRef.port);

/**
 * Attaches a route to the relevant listeners of its direct parent (a Gateway's own listeners,
 * or a ListenerSet's), subject to each listener's kinds, allowedRoutes and hostnames.
 */
function attachToListeners(
  route: Route,
  routeNamespace: string,
  parentRef: ResolvedParentRef,
  owner: ListenerOwner,
  ctx: Context,
): Refusal {
  const label = `${owner.kind} "${parentRef.namespace}/${parentRef.name}"`;
  const candidates = owner.listeners.filter(matchesSection(parentRef));
  if (candidates.length === 0) {
    const wanted = wantedListener(parentRef);
    return refused(
      'NoMatchingParent',
      `${label} has no listener${wanted ? ` ${wanted}` : 's'}.`,
    );
  }
  const verdicts = candidates.map(listener => ({
    listener,
    verdict: judgeListener(
      route,
      routeNamespace,
      owner.object,
      listener,
      ctx,
      owner.kind,
    ),
  }));
  const attached: ListenerHostnames[] = verdicts.flatMap(
    ({ listener, verdict }) =>
      verdict.ok
        ? [
            {
              listenerName: listener.name ?? '',
              ...verdict.hostnames,
              urls: verdict.hostnames.hostnames.flatMap(
                h => listenerUrl(listener, h) ?? [],
              ),
              ...(owner.conflictedOf?.(listener) && { conflicted: true }),
            },
          ]
        : [],
  );
  if (attached.length > 0) {
    const mistakes = missingCertificates(owner, attached, ctx);
    // Attached, but every listener it reached lost its port or hostname to an older one.
    if (attached.every(a => a.conflicted)) mistakes.push('listenerConflict');
    return {
      accepted: accepted(
        'True',
        'Accepted',
        `Route attaches to listener${attached.length > 1 ? 's' : ''} ${attached
          .map(a => `"${a.listenerName}"`)
          .join(', ')} of ${label}.`,
      ),
      listeners: attached,
      mistakes,
    };
  }
  const failures = verdicts.flatMap(({ verdict }) =>
    verdict.ok ? [] : [verdict],
  );
  const why = `${failures.map(f => f.why).join('; ')}.`;
  if (failures.some(f => f.stage === 'hostname')) {
    return refused(
      'NoMatchingListenerHostname',
      `No listener matches the route's hostnames: ${why}`,
    );
  }
  const namespaceRefused = failures.some(f => f.stage === 'namespace');
  return refused(
    'NotAllowedByListeners',
    `No listener allows this route: ${why}`,
    namespaceRefused ? ['namespaceNotAllowedByListener'] : [],
  );
}

/**
 * A listener of that name in a ListenerSet merged onto the Gateway, which admits routes from
 * the route's namespace: the parentRef meant it, and must name the ListenerSet. ListenerSets
 * that would not admit the route are not named, so no tenant learns of another's.
 */
function sectionInListenerSet(
  gateway: Gateway,
  parentRef: ResolvedParentRef,
  routeNamespace: string,
  ctx: Context,
): EffectiveListener | undefined {
  if (parentRef.sectionName === undefined) return undefined;
  return ctx.merged(gateway).find(e => {
    if (!e.listenerSet || !matchesSection(parentRef)(e.listener)) return false;
    const owner = ctx.listenerSets.get(
      `${e.listenerSet.namespace}/${e.listenerSet.name}`,
    );
    return (
      owner !== undefined &&
      listenerAllowsNamespace(
        owner,
        e.listener,
        routeNamespace,
        ctx.namespaceLabels.get(routeNamespace),
      )
    );
  });
}

function predictGatewayParent(
  route: Route,
  routeNamespace: string,
  ref: ParentReference,
  parentRef: ResolvedParentRef,
  ctx: Context,
): Refusal {
  const gateway = ctx.byName.gateways.get(
    `${parentRef.namespace}/${parentRef.name}`,
  );
  if (!gateway) {
    const elsewhere = ctx.gateways.find(
      g => g.metadata?.name === parentRef.name,
    );
    if (ref.namespace === undefined && elsewhere) {
      return refused(
        'NoMatchingParent',
        `parentRef has no namespace, so it points at Gateway "${parentRef.namespace}/${parentRef.name}", which does not exist; the Gateway "${parentRef.name}" is in namespace "${elsewhere.metadata?.namespace}".`,
        ['parentRefWithoutNamespace'],
      );
    }
    return refused(
      'NoMatchingParent',
      `Gateway "${parentRef.namespace}/${parentRef.name}" does not exist.`,
    );
  }
  // A Gateway parentRef reaches the Gateway's own listeners only, never its ListenerSets'.
  const own = gateway.spec?.listeners ?? [];
  if (!own.some(matchesSection(parentRef))) {
    const inSet = sectionInListenerSet(gateway, parentRef, routeNamespace, ctx);
    if (inSet) {
      return refused(
        'NoMatchingParent',
        `Gateway "${parentRef.namespace}/${
          parentRef.name
        }" has no listener named "${
          parentRef.sectionName
        }"; that listener belongs to ListenerSet "${
          inSet.listenerSet!.namespace
        }/${
          inSet.listenerSet!.name
        }", so the parentRef must name the ListenerSet (kind: ListenerSet).`,
        ['sectionNameInListenerSet'],
      );
    }
  }
  return attachToListeners(
    route,
    routeNamespace,
    parentRef,
    { kind: 'Gateway', object: gateway, listeners: own },
    ctx,
  );
}

function predictListenerSetParent(
  route: Route,
  routeNamespace: string,
  ref: ParentReference,
  parentRef: ResolvedParentRef,
  ctx: Context,
): Refusal {
  const key = `${parentRef.namespace}/${parentRef.name}`;
  const listenerSet = ctx.listenerSets.get(key);
  if (!listenerSet) {
    const elsewhere = [...ctx.listenerSets.values()].find(
      ls => ls.metadata?.name === parentRef.name,
    );
    if (ref.namespace === undefined && elsewhere) {
      return refused(
        'NoMatchingParent',
        `parentRef has no namespace, so it points at ListenerSet "${key}", which does not exist; the ListenerSet "${parentRef.name}" is in namespace "${elsewhere.metadata?.namespace}".`,
        ['parentRefWithoutNamespace'],
      );
    }
    return refused('NoMatchingParent', `ListenerSet "${key}" does not exist.`);
  }
  const prediction = ctx.listenerSetPredictions.get(key);
  if (prediction && prediction.accepted.status === 'False') {
    return refused(
      'NoMatchingParent',
      `ListenerSet "${key}" is not attached to its Gateway (${prediction.accepted.reason}): ${prediction.accepted.message}`,
      prediction.mistakes,
    );
  }
  const conflicted = new Set(
    (prediction?.listeners ?? [])
      .filter(l => l.conflicted.status === 'True')
      .map(l => l.listenerName),
  );
  return attachToListeners(
    route,
    routeNamespace,
    parentRef,
    {
      kind: 'ListenerSet',
      object: listenerSet,
      listeners: listenerSet.spec?.listeners ?? [],
      conflictedOf: l => conflicted.has(l.name ?? ''),
    },
    ctx,
  );
}

function predictAccepted(
  route: Route,
  routeNamespace: string,
  ref: ParentReference,
  parentRef: ResolvedParentRef,
  ctx: Context,
): Refusal {
  if (parentRef.group === GATEWAY_API_GROUP && parentRef.kind === 'Gateway') {
    return predictGatewayParent(route, routeNamespace, ref, parentRef, ctx);
  }
  if (
    parentRef.group === GATEWAY_API_GROUP &&
    parentRef.kind === 'ListenerSet'
  ) {
    return predictListenerSetParent(route, routeNamespace, ref, parentRef, ctx);
  }
  return refused(
    'UnsupportedValue',
    `parentRef ${parentRef.kind} "${parentRef.name}" (group "${parentRef.group}") is neither a Gateway nor a ListenerSet; only those parents are analysed.`,
  );
}

/**
 * Whether one of a certificate's dnsNames covers a hostname the route serves. A wildcard
 * dnsName covers exactly one label (RFC 6125: `*.example.org` covers `app.example.org`, not
 * `a.b.example.org`), and a wildcard hostname is covered only by the same wildcard.
 *
 * @public
 */
export function certificateCoversHostname(
  dnsNames: string[],
  hostname: string,
): boolean {
  return dnsNames.some(name => {
    const dnsName = name.toLowerCase();
    if (dnsName === hostname) return true;
    if (!dnsName.startsWith('*.') || hostname.startsWith('*.')) return false;
    const firstDot = hostname.indexOf('.');
    return firstDot > 0 && hostname.slice(firstDot + 1) === dnsName.slice(2);
  });
}

function missingCertificates(
  owner: ListenerOwner,
  attached: ListenerHostnames[],
  ctx: Context,
): CommonMistake[] {
  const namespace = owner.object.metadata?.namespace ?? '';
  const uncovered = attached.some(({ listenerName, hostnames }) => {
    const listener = owner.listeners.find(l => l.name === listenerName);
    if (listener?.protocol !== 'HTTPS') return false;
    const dnsNames = (listener.tls?.certificateRefs ?? []).flatMap(ref => {
      const refNamespace = ref.namespace ?? namespace;
      return (
        ctx.byName.certificatesBySecret.get(`${refNamespace}/${ref.name}`) ?? []
      ).flatMap(c => c.spec?.dnsNames ?? []);
    });
    // Without a known Certificate behind the listener there is nothing to compare with.
    if (dnsNames.length === 0) return false;
    return hostnames.some(
      hostname => !certificateCoversHostname(dnsNames, hostname),
    );
  });
  return uncovered ? ['noCertificateForHostname'] : [];
}

function checkBackendRef(
  ref: BackendRef,
  route: Route,
  routeNamespace: string,
  ctx: Context,
): PredictedCondition | undefined {
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  const namespace = ref.namespace ?? routeNamespace;
  const name = ref.name ?? '';
  if (group !== '' || kind !== 'Service') {
    return resolved(
      'False',
      'InvalidKind',
      `backendRef ${kind} "${name}"${
        group ? ` (group "${group}")` : ''
      } is not a Service.`,
    );
  }
  const permitted = isReferencePermitted(
    { group: GATEWAY_API_GROUP, kind: route.kind, namespace: routeNamespace },
    { group: '', kind: 'Service', namespace, name },
    ctx.referenceGrants,
  );
  if (!permitted) {
    return resolved(
      'False',
      'RefNotPermitted',
      `backendRef Service "${namespace}/${name}" is in another namespace, and no ReferenceGrant in "${namespace}" allows ${route.kind}s from "${routeNamespace}" to reference it.`,
    );
  }
  const service = ctx.byName.services.get(`${namespace}/${name}`);
  if (!service) {
    return resolved(
      'False',
      'BackendNotFound',
      `backendRef Service "${namespace}/${name}" does not exist.`,
    );
  }
  const ports = service.spec?.ports ?? [];
  if (ref.port !== undefined && !ports.some(p => p.port === ref.port)) {
    return resolved(
      'False',
      'BackendNotFound',
      `backendRef Service "${namespace}/${name}" has no port ${
        ref.port
      } (it has ${ports.map(p => p.port).join(', ') || 'none'}).`,
    );
  }
  return undefined;
}

// When several backendRefs fail, report the reason a person must fix first.
const RESOLVED_REFS_PRECEDENCE = [
  'InvalidKind',
  'RefNotPermitted',
  'BackendNotFound',
];

function predictResolvedRefs(
  route: Route,
  routeNamespace: string,
  ctx: Context,
): PredictedCondition {
  const problems = (route.spec?.rules ?? [])
    .flatMap(rule => rule.backendRefs ?? [])
    .flatMap(ref => checkBackendRef(ref, route, routeNamespace, ctx) ?? []);
  if (problems.length === 0) {
    return resolved('True', 'ResolvedRefs', 'All backendRefs resolve.');
  }
  const foremost = [...problems].sort(
    (a, b) =>
      RESOLVED_REFS_PRECEDENCE.indexOf(a.reason) -
      RESOLVED_REFS_PRECEDENCE.indexOf(b.reason),
  )[0];
  return { ...foremost, message: problems.map(p => p.message).join(' ') };
}

function secretKeys(secrets: AttachmentInput['secrets'] = []): Set<string> {
  if (!Array.isArray(secrets)) return new Set(secrets);
  return new Set(
    secrets.map(secret => {
      const meta =
        'metadata' in secret ? secret.metadata : (secret as SecretKey);
      return `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
    }),
  );
}

/**
 * Predicts, for every parentRef of every route, the Accepted and ResolvedRefs conditions with
 * the Gateway API's reasons, the listeners it attaches to with the hostnames served on each,
 * and, for every listener, its Accepted, ResolvedRefs (certificateRefs, allowedRoutes.kinds)
 * and Conflicted conditions and the number of attached routes.
 *
 * @public
 */
export function predictAttachment(
  input: AttachmentInput,
): AttachmentPrediction {
  const namespaceLabels = new Map(
    (input.namespaces ?? []).map(ns => [
      ns.metadata?.name ?? '',
      ns.metadata?.labels ?? {},
    ]),
  );
  const gateways = input.gateways ?? [];
  const listenerSets = input.listenerSets ?? [];
  const secrets = secretKeys(input.secrets);
  const referenceGrants = input.referenceGrants ?? [];
  const options = input.options ?? {};
  const sets = predictListenerSetsWith({
    gateways,
    listenerSets,
    labelsOf: ns => namespaceLabels.get(ns),
    secrets,
    referenceGrants,
    options,
  });
  const ctx: Context = {
    gateways,
    listenerSets: new Map(
      listenerSets.map(ls => [
        `${ls.metadata?.namespace ?? ''}/${ls.metadata?.name ?? ''}`,
        ls,
      ]),
    ),
    listenerSetPredictions: new Map(
      sets.listenerSets.map(p => [`${p.namespace}/${p.name}`, p]),
    ),
    merged: sets.merged,
    namespaceLabels,
    services: input.services ?? [],
    secrets,
    referenceGrants,
    certificates: input.certificates ?? [],
    byName: {
      gateways: first(byNamespacedName(gateways, g => g.metadata?.name)),
      services: first(
        byNamespacedName(input.services ?? [], s => s.metadata?.name),
      ),
      certificatesBySecret: byNamespacedName(
        input.certificates ?? [],
        c => c.spec?.secretName,
      ),
    },
    options,
  };
  const listeners = ctx.gateways.flatMap(gateway =>
    predictListeners(gateway, ctx.secrets, ctx.referenceGrants, ctx.options),
  );
  const routes = (input.routes ?? []).map(route => {
    const namespace = route.metadata?.namespace ?? '';
    const resolvedRefs = predictResolvedRefs(route, namespace, ctx);
    const parents = (route.spec?.parentRefs ?? []).map(ref => {
      const parentRef = resolveParentRef(ref, namespace);
      const prediction = predictAccepted(route, namespace, ref, parentRef, ctx);
      const parentListeners =
        parentRef.kind === 'ListenerSet'
          ? ctx.listenerSetPredictions.get(
              `${parentRef.namespace}/${parentRef.name}`,
            )?.listeners ?? []
          : listeners.filter(
              l =>
                l.gatewayNamespace === parentRef.namespace &&
                l.gatewayName === parentRef.name,
            );
      for (const attached of prediction.listeners) {
        const listener = parentListeners.find(
          l => l.listenerName === attached.listenerName,
        );
        if (listener) listener.attachedRoutes += 1;
      }
      const mistakes: CommonMistake[] = [
        ...prediction.mistakes,
        ...(resolvedRefs.reason === 'RefNotPermitted'
          ? ['missingReferenceGrant' as const]
          : []),
      ];
      return { parentRef, ...prediction, resolvedRefs, mistakes };
    });
    return {
      kind: route.kind,
      namespace,
      name: route.metadata?.name ?? '',
      parents,
    };
  });
  return { routes, listeners, listenerSets: sets.listenerSets };
}
