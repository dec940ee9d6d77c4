import { StatusUpdate } from '../kube/actions';
import { ResourceName } from '../kube/resources';
import { condition } from '../kube/status';
import { Condition, KubeObject } from '../kube/types';
import { hostnamesIntersect } from './hostnames';
import { NGINX_GATEWAY_FABRIC_CONTROLLER } from './implementations';

/**
 * NGINX Gateway Fabric v2.6.7's policy status (internal/controller/state/graph/policies.go,
 * policy_ancestor.go and status/prepare_requests.go at the tag), for the policies whose targets
 * are objects of its Gateways:
 *
 * - Ancestors: a Gateway target's ancestor is that Gateway; a route target's is the route
 *   itself (kind HTTPRoute or GRPCRoute, not its Gateways); a Service target's
 *   (UpstreamSettingsPolicy) is each of its Gateways whose routes send to it. At most 16, other
 *   controllers' entries counted, and those are kept as they are.
 * - `Accepted`: `True`/`Accepted`; `False`/`TargetNotFound` on a Gateway that is not accepted;
 *   `False`/`NginxProxyConfigNotSet` for an ObservabilityPolicy without tracing enabled in the
 *   Gateway's NginxProxy, or a WAFPolicy without WAF; `False`/`Conflicted` on every ancestor of a
 *   policy that sets a field an older policy of its kind on the same target sets too (policies
 *   that set different fields both apply). Oldest first by creationTimestamp, then
 *   namespace/name.
 *
 * - `False`/`TargetConflict` on every ancestor of a policy targeting a route that shares a
 *   Gateway, hostname, port and path with a route the policy does not target (the policy
 *   would reach that route too); such a policy conflicts with no other.
 *
 * A target that does not exist, or is no object of NGINX Gateway Fabric's, is skipped; a policy
 * with no target left gets no status at all, as NGINX Gateway Fabric leaves it.
 * Not played: route validity (a route of its Gateways is taken as valid and attachable).
 *
 * Its targets say so too (addPolicyAffectedStatusToTargetRefs, see
 * nginxGatewayFabricPolicyAffected): each Gateway and route a policy targets gets a
 * `<Kind>Affected` condition, written by the Gateway API controller with their own status.
 */

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The most ancestors a policy's status holds (NGINX Gateway Fabric's maxAncestors). */
const MAX_ANCESTORS = 16;

export const NGINX_GATEWAY_FABRIC_POLICY_RESOURCES = {
  ClientSettingsPolicy: 'clientSettingsPolicies',
  ObservabilityPolicy: 'observabilityPolicies',
  ProxySettingsPolicy: 'proxySettingsPolicies',
  RateLimitPolicy: 'rateLimitPolicies',
  SnippetsPolicy: 'snippetsPolicies',
  UpstreamSettingsPolicy: 'upstreamSettingsPolicies',
  WAFPolicy: 'wafPolicies',
} as const satisfies Record<string, ResourceName>;

export type NginxPolicyKind =
  keyof typeof NGINX_GATEWAY_FABRIC_POLICY_RESOURCES;

export type NginxPolicyResource =
  (typeof NGINX_GATEWAY_FABRIC_POLICY_RESOURCES)[NginxPolicyKind];

/**
 * The fields two policies of a kind may not both set on one target (each kind's validator's
 * `Conflicts`): the newer one is Conflicted only where both set one of them.
 */
const CONFLICTING_FIELDS: Record<NginxPolicyKind, string[]> = {
  ClientSettingsPolicy: [
    'body.timeout',
    'body.maxSize',
    'keepAlive.requests',
    'keepAlive.time',
    'keepAlive.minTimeout',
    'keepAlive.timeout',
  ],
  ProxySettingsPolicy: [
    'buffering.disable',
    'buffering.bufferSize',
    'buffering.buffers',
    'buffering.busyBuffersSize',
    'timeout.connect',
    'timeout.read',
    'timeout.send',
  ],
  RateLimitPolicy: [
    'rateLimit.dryRun',
    'rateLimit.logLevel',
    'rateLimit.rejectCode',
  ],
  UpstreamSettingsPolicy: [
    'zoneSize',
    'keepAlive.connections',
    'keepAlive.requests',
    'keepAlive.time',
    'keepAlive.timeout',
    'loadBalancingMethod',
    'hashMethodKey',
  ],
  ObservabilityPolicy: ['tracing'],
  // Conflicts always false: each policy's snippets, each WAF bundle, is written into the config.
  SnippetsPolicy: [],
  WAFPolicy: [],
};

/**
 * The condition a policy of the kind puts on each Gateway, HTTPRoute and GRPCRoute it targets
 * (conditions.go's `New<Kind>Affected`); a Service (UpstreamSettingsPolicy) gets none.
 */
const AFFECTED: Partial<Record<NginxPolicyKind, [string, string]>> = {
  ClientSettingsPolicy: [
    'ClientSettingsPolicyAffected',
    'The ClientSettingsPolicy is applied to the resource',
  ],
  ObservabilityPolicy: [
    'ObservabilityPolicyAffected',
    'The ObservabilityPolicy is applied to the resource',
  ],
  SnippetsPolicy: [
    'SnippetsPolicyAffected',
    'The SnippetsPolicy is applied to the resource',
  ],
  ProxySettingsPolicy: [
    'ProxySettingsPolicyAffected',
    'The ProxySettingsPolicy is applied to the resource',
  ],
  RateLimitPolicy: [
    'RateLimitPolicyAffected',
    'The RateLimitPolicy is applied to the resource',
  ],
  // The only one whose type carries NGINX Gateway Fabric's domain.
  WAFPolicy: [
    'gateway.nginx.org/WAFPolicyAffected',
    'WAFPolicy is applied to the resource',
  ],
};

export interface NginxPolicyWorld {
  /** Gateways of the GatewayClass NGINX Gateway Fabric manages. */
  gateways: KubeObject[];
  /** That GatewayClass (for its NginxProxy). */
  gatewayClass?: KubeObject;
  nginxProxies: KubeObject[];
  listenerSets: KubeObject[];
  routes: Record<
    'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute',
    KubeObject[]
  >;
  policies: Record<NginxPolicyKind, KubeObject[]>;
}

/** What resolving a policy's targets reads. */
type TargetWorld = Pick<
  NginxPolicyWorld,
  'gateways' | 'listenerSets' | 'routes' | 'policies'
>;

interface AncestorRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

interface Ancestor {
  ancestorRef: AncestorRef;
  conditions: Condition[];
}

interface Target {
  kind: string;
  group: string;
  name: string;
}

const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/** ngfsort.LessClientObject: older first, then by namespace, then by name. */
function olderFirst(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const [na, nb] = [a.metadata.namespace ?? '', b.metadata.namespace ?? ''];
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.metadata.name === b.metadata.name) return 0;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

const isSet = (spec: any, path: string) => {
  const value = path
    .split('.')
    .reduce((o, k) => (o === undefined || o === null ? o : o[k]), spec);
  return value !== undefined && value !== null;
};

/** Whether two policies of a kind set one same field (so the newer one is Conflicted). */
export function policiesConflict(
  kind: NginxPolicyKind,
  a: KubeObject,
  b: KubeObject,
): boolean {
  return CONFLICTING_FIELDS[kind].some(
    path => isSet(a.spec, path) && isSet(b.spec, path),
  );
}

const isServiceGroup = (group: string) => group === '' || group === 'core';

function targetsOf(policy: KubeObject): Target[] {
  return [
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
    ...(policy.spec?.targetRefs ?? []),
  ].map((r: any) => ({
    kind: r.kind ?? '',
    group: r.group ?? '',
    name: r.name ?? '',
  }));
}

/** The NginxProxy spec in effect for a Gateway: its own, field by field over its class's. */
function effectiveNginxProxy(
  gateway: KubeObject,
  world: NginxPolicyWorld,
): Record<string, any> | undefined {
  const find = (namespace: string | undefined, name: string | undefined) =>
    world.nginxProxies.find(
      p => p.metadata.namespace === namespace && p.metadata.name === name,
    );
  const classRef = world.gatewayClass?.spec?.parametersRef;
  const ofClass =
    classRef?.kind === 'NginxProxy'
      ? find(classRef.namespace, classRef.name)
      : undefined;
  const gatewayRef = gateway.spec?.infrastructure?.parametersRef;
  const ofGateway =
    gatewayRef?.kind === 'NginxProxy'
      ? find(gateway.metadata.namespace, gatewayRef.name)
      : undefined;
  if (!ofClass && !ofGateway) return undefined;
  return deepMerge(ofClass?.spec ?? {}, ofGateway?.spec ?? {});
}

/** JSON unmarshalled over a copy: objects merge key by key, anything else replaces. */
function deepMerge(base: any, over: any): any {
  if (
    !base ||
    !over ||
    typeof base !== 'object' ||
    typeof over !== 'object' ||
    Array.isArray(base) ||
    Array.isArray(over)
  ) {
    return over === undefined ? base : over;
  }
  const result: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) result[k] = deepMerge(base[k], v);
  return result;
}

/** ValidateGlobalSettings: what a kind needs the NginxProxy to have enabled. */
function globalSettingsProblem(
  kind: NginxPolicyKind,
  nginxProxy: Record<string, any> | undefined,
): Condition | undefined {
  if (kind === 'ObservabilityPolicy') {
    const telemetry = nginxProxy?.telemetry;
    const enabled =
      telemetry?.exporter?.endpoint !== undefined &&
      !(telemetry?.disabledFeatures ?? []).includes('DisableTracing');
    return enabled
      ? undefined
      : condition(
          'Accepted',
          false,
          'NginxProxyConfigNotSet',
          'Telemetry is not enabled in the NginxProxy resource',
        );
  }
  if (kind === 'WAFPolicy') {
    return nginxProxy?.waf?.enable === true
      ? undefined
      : condition(
          'Accepted',
          false,
          'NginxProxyConfigNotSet',
          'WAF is not enabled in NginxProxy',
        );
  }
  return undefined;
}

/** A Gateway NGINX Gateway Fabric has not accepted is invalid as a policy target. */
const gatewayValid = (gateway: KubeObject) =>
  !((gateway.status?.conditions ?? []) as Condition[]).some(
    c => c.type === 'Accepted' && c.status === 'False',
  );

/** The Gateways of NGINX Gateway Fabric's a route's parentRefs name, directly or through a ListenerSet. */
function routeGateways(
  route: KubeObject,
  world: TargetWorld,
  gatewayByKey: Map<string, KubeObject>,
): KubeObject[] {
  const namespace = route.metadata.namespace;
  const found = new Map<string, KubeObject>();
  for (const ref of (route.spec?.parentRefs ?? []) as any[]) {
    if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP) continue;
    const refNamespace = ref.namespace ?? namespace;
    let gateway: KubeObject | undefined;
    if ((ref.kind ?? 'Gateway') === 'ListenerSet') {
      const ls = world.listenerSets.find(
        l =>
          l.metadata.namespace === refNamespace && l.metadata.name === ref.name,
      );
      const parent = ls?.spec?.parentRef;
      gateway =
        parent &&
        gatewayByKey.get(
          `${parent.namespace ?? ls!.metadata.namespace}/${parent.name}`,
        );
    } else if ((ref.kind ?? 'Gateway') === 'Gateway') {
      gateway = gatewayByKey.get(`${refNamespace}/${ref.name}`);
    }
    if (gateway) found.set(key(gateway), gateway);
  }
  return [...found.values()];
}

/** Per Service (namespace/name), the Gateways whose routes send to it. */
function referencedServices(
  world: TargetWorld,
  gatewayByKey: Map<string, KubeObject>,
): Map<string, KubeObject[]> {
  const services = new Map<string, Map<string, KubeObject>>();
  for (const route of Object.values(world.routes).flat()) {
    const gateways = routeGateways(route, world, gatewayByKey);
    if (gateways.length === 0) continue;
    for (const rule of (route.spec?.rules ?? []) as any[]) {
      for (const ref of (rule.backendRefs ?? []) as any[]) {
        if ((ref.kind ?? 'Service') !== 'Service') continue;
        if (!isServiceGroup(ref.group ?? '')) continue;
        const service = `${ref.namespace ?? route.metadata.namespace}/${
          ref.name
        }`;
        const of = services.get(service) ?? new Map();
        for (const g of gateways) of.set(key(g), g);
        services.set(service, of);
      }
    }
  }
  return new Map([...services].map(([k, v]) => [k, [...v.values()]]));
}

const gatewayAncestor = (gateway: KubeObject): AncestorRef => ({
  group: GATEWAY_GROUP,
  kind: 'Gateway',
  namespace: gateway.metadata.namespace ?? '',
  name: gateway.metadata.name,
});

/** DeduplicateConditions: the last condition of each type wins, in NGINX Gateway Fabric's order. */
function deduplicate(conditions: Condition[]): Condition[] {
  const seen = new Set<string>();
  const kept: Condition[] = [];
  for (let i = conditions.length - 1; i >= 0; i--) {
    if (seen.has(conditions[i].type)) continue;
    seen.add(conditions[i].type);
    kept.unshift(conditions[i]);
  }
  return kept;
}

/**
 * A route's `namespace/gateway:hostname:port/path` keys on NGINX Gateway Fabric's Gateways
 * (checkTargetRoutesForOverlap): per parentRef, each listener it names (by sectionName, or all),
 * each hostname it is accepted for there, and each path it matches.
 */
function routeKeys(
  route: KubeObject,
  world: NginxPolicyWorld,
  gatewayByKey: Map<string, KubeObject>,
): Set<string> {
  const keys = new Set<string>();
  const routeHosts: string[] = route.spec?.hostnames ?? [];
  const paths = ((route.spec?.rules ?? []) as any[]).flatMap(rule =>
    // A rule without matches matches every path (the API's default, PathPrefix /).
    (rule.matches ?? [{ path: { value: '/' } }]).flatMap((m: any) =>
      m.path?.value !== undefined ? [m.path.value as string] : [],
    ),
  );
  for (const ref of (route.spec?.parentRefs ?? []) as any[]) {
    if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP) continue;
    const namespace = ref.namespace ?? route.metadata.namespace;
    let holder: KubeObject | undefined;
    let gateway: KubeObject | undefined;
    if ((ref.kind ?? 'Gateway') === 'ListenerSet') {
      holder = world.listenerSets.find(
        l => l.metadata.namespace === namespace && l.metadata.name === ref.name,
      );
      const parent = holder?.spec?.parentRef;
      gateway =
        parent &&
        gatewayByKey.get(
          `${parent.namespace ?? holder!.metadata.namespace}/${parent.name}`,
        );
    } else {
      gateway = gatewayByKey.get(`${namespace}/${ref.name}`);
      holder = gateway;
    }
    if (!gateway || !holder) continue;
    const listeners = ((holder.spec?.listeners ?? []) as any[]).filter(
      l => ref.sectionName === undefined || l.name === ref.sectionName,
    );
    for (const listener of listeners) {
      const accepted = routeHosts.length
        ? routeHosts.filter(
            h => !listener.hostname || hostnamesIntersect(h, listener.hostname),
          )
        : [listener.hostname ?? ''];
      for (const hostname of accepted) {
        for (const path of paths) {
          keys.add(`${key(gateway)}:${hostname}:${listener.port}${path}`);
        }
      }
    }
  }
  return keys;
}

/** The TargetConflict of a policy whose targeted routes share a key with a route it does not target. */
function targetConflict(
  targeted: KubeObject[],
  routes: KubeObject[],
  world: NginxPolicyWorld,
  gatewayByKey: Map<string, KubeObject>,
): Condition | undefined {
  for (const target of targeted) {
    const keys = routeKeys(target, world, gatewayByKey);
    for (const other of routes) {
      if (targeted.includes(other)) continue;
      for (const k of routeKeys(other, world, gatewayByKey)) {
        if (keys.has(k)) {
          return condition(
            'Accepted',
            false,
            'TargetConflict',
            `Policy cannot be applied to target "${key(
              target,
            )}" since another Route "${key(
              other,
            )}" shares a namespace/gateway-name:hostname:port/path combination with this target`,
          );
        }
      }
    }
  }
  return undefined;
}

interface Processed {
  policy: KubeObject;
  kind: NginxPolicyKind;
  targets: Array<Target & { key: string }>;
  /** A policy-wide refusal (TargetConflict: the policy is invalid and conflicts with none). */
  invalid?: Condition;
  /** The policy-wide condition (Conflicted), over every ancestor's own. */
  conflicted?: Condition;
}

/** NGINX Gateway Fabric's graph: its Gateways, the routes and Services of theirs, by key. */
interface Graph {
  gatewayByKey: Map<string, KubeObject>;
  /** `kind/namespace/name` of each HTTPRoute and GRPCRoute of its Gateways. */
  routeByKey: Map<string, KubeObject>;
  services: Map<string, KubeObject[]>;
}

function graphOf(world: TargetWorld): Graph {
  const gatewayByKey = new Map(world.gateways.map(g => [key(g), g]));
  const routeByKey = new Map<string, KubeObject>();
  for (const kind of ['HTTPRoute', 'GRPCRoute'] as const) {
    for (const route of world.routes[kind]) {
      // Only the routes of its Gateways are in NGINX Gateway Fabric's graph.
      if (routeGateways(route, world, gatewayByKey).length > 0) {
        routeByKey.set(`${kind}/${key(route)}`, route);
      }
    }
  }
  return {
    gatewayByKey,
    routeByKey,
    services: referencedServices(world, gatewayByKey),
  };
}

/** processPolicies: each policy with the targets that resolve; a policy with none is left out. */
function processPolicies(
  world: TargetWorld,
  { gatewayByKey, routeByKey, services }: Graph,
): Array<Pick<Processed, 'policy' | 'kind' | 'targets'>> {
  const processed: Array<Pick<Processed, 'policy' | 'kind' | 'targets'>> = [];
  for (const kind of Object.keys(
    NGINX_GATEWAY_FABRIC_POLICY_RESOURCES,
  ) as NginxPolicyKind[]) {
    for (const policy of world.policies[kind]) {
      const namespace = policy.metadata.namespace;
      const targets = targetsOf(policy).flatMap(t => {
        const objectKey = `${namespace}/${t.name}`;
        if (t.group === GATEWAY_GROUP && t.kind === 'Gateway') {
          return gatewayByKey.has(objectKey) ? [{ ...t, key: objectKey }] : [];
        }
        if (
          t.group === GATEWAY_GROUP &&
          (t.kind === 'HTTPRoute' || t.kind === 'GRPCRoute')
        ) {
          return routeByKey.has(`${t.kind}/${objectKey}`)
            ? [{ ...t, key: objectKey }]
            : [];
        }
        if (isServiceGroup(t.group) && t.kind === 'Service') {
          return services.has(objectKey) ? [{ ...t, key: objectKey }] : [];
        }
        return [];
      });
      if (targets.length > 0) processed.push({ policy, kind, targets });
    }
  }
  return processed;
}

/**
 * The `<Kind>Affected` conditions NGINX Gateway Fabric writes on the objects its policies
 * target, by `Gateway/namespace/name`, `HTTPRoute/…` or `GRPCRoute/…`: one per kind, on the
 * Gateway's own conditions and on each of a route's parent entries of its own. Every policy
 * whose target resolves counts, accepted or not (addPolicyAffectedStatusToTargetRefs runs over
 * all processed policies, Conflicted ones too); Service targets get none.
 */
export function nginxGatewayFabricPolicyAffected(
  world: TargetWorld,
): Map<string, Condition[]> {
  const affected = new Map<string, Condition[]>();
  // Most clusters have none: no graph to build on every reconcile then.
  if (Object.values(world.policies).every(list => list.length === 0)) {
    return affected;
  }
  const graph = graphOf(world);
  for (const { kind, targets } of processPolicies(world, graph)) {
    const affectedCondition = AFFECTED[kind];
    if (!affectedCondition) continue;
    const [type, message] = affectedCondition;
    for (const t of targets) {
      const target = `${t.kind}/${t.key}`;
      const object =
        t.kind === 'Gateway'
          ? graph.gatewayByKey.get(t.key)
          : graph.routeByKey.get(target);
      if (!object) continue;
      const conditions = affected.get(target) ?? [];
      // One per kind however many of its policies target the object (HasMatchingCondition).
      if (conditions.some(c => c.type === type)) continue;
      affected.set(target, [
        ...conditions,
        condition(
          type,
          true,
          'PolicyAffected',
          message,
          object.metadata.generation,
        ),
      ]);
    }
  }
  return affected;
}

const TARGET_RESOURCES: Record<string, string> = {
  gateways: 'Gateway',
  httpRoutes: 'HTTPRoute',
  grpcRoutes: 'GRPCRoute',
};

/**
 * The Gateway API controller's status updates with NGINX Gateway Fabric's `<Kind>Affected`
 * conditions (from nginxGatewayFabricPolicyAffected) added: on a Gateway's own conditions, and
 * on each of a route's parent entries whose controllerName is NGINX Gateway Fabric's (its
 * route conditions go to every parent entry it writes). Other updates are left as they are.
 */
export function withPolicyAffected(
  updates: StatusUpdate[],
  affected: Map<string, Condition[]>,
): StatusUpdate[] {
  if (affected.size === 0) return updates;
  return updates.map(update => {
    const kind = TARGET_RESOURCES[update.resource];
    const conditions = kind && affected.get(`${kind}/${key(update.object)}`);
    if (!conditions) return update;
    const status = update.status as Record<string, any>;
    if (kind === 'Gateway') {
      return {
        ...update,
        status: {
          ...status,
          conditions: [...(status.conditions ?? []), ...conditions],
        },
      };
    }
    return {
      ...update,
      status: {
        ...status,
        parents: ((status.parents ?? []) as any[]).map(parent =>
          parent.controllerName === NGINX_GATEWAY_FABRIC_CONTROLLER
            ? {
                ...parent,
                conditions: [...(parent.conditions ?? []), ...conditions],
              }
            : parent,
        ),
      },
    };
  });
}

/** The status each NGINX Gateway Fabric policy should have, as status updates. */
export function nginxGatewayFabricPolicyStatus(
  world: NginxPolicyWorld,
): StatusUpdate[] {
  const graph = graphOf(world);
  const { gatewayByKey, routeByKey, services } = graph;

  // processPolicies: keep the targets that resolve; a policy with none is left alone.
  const processed: Processed[] = processPolicies(world, graph).map(p => {
    const targetedRoutes = p.targets.flatMap(t =>
      t.kind === 'HTTPRoute' || t.kind === 'GRPCRoute'
        ? [routeByKey.get(`${t.kind}/${t.key}`)!]
        : [],
    );
    const invalid = targetConflict(
      targetedRoutes,
      [...routeByKey.values()],
      world,
      gatewayByKey,
    );
    return { ...p, ...(invalid && { invalid }) };
  });

  // markConflictedPolicies: per kind and target, older first; a newer policy that sets a
  // field an older valid one sets is Conflicted (everywhere it attaches).
  const byTarget = new Map<string, Processed[]>();
  for (const p of processed) {
    // An invalid policy conflicts with no other.
    if (p.invalid) continue;
    for (const t of p.targets) {
      const k = `${p.kind}|${t.group}/${t.kind}/${t.key}`;
      byTarget.set(k, [...(byTarget.get(k) ?? []), p]);
    }
  }
  for (const list of byTarget.values()) {
    const ordered = [...list].sort((a, b) => olderFirst(a.policy, b.policy));
    for (let i = 0; i < ordered.length; i++) {
      if (ordered[i].conflicted) continue;
      for (let j = i + 1; j < ordered.length; j++) {
        if (ordered[j].conflicted) continue;
        if (
          policiesConflict(
            ordered[i].kind,
            ordered[i].policy,
            ordered[j].policy,
          )
        ) {
          ordered[j].conflicted = condition(
            'Accepted',
            false,
            'Conflicted',
            `Conflicts with another ${ordered[j].kind}`,
          );
        }
      }
    }
  }

  const updates: StatusUpdate[] = [];
  for (const p of processed) {
    const generation = p.policy.metadata.generation;
    const previous = (p.policy.status?.ancestors ?? []) as any[];
    const others = previous.filter(
      a => a.controllerName !== NGINX_GATEWAY_FABRIC_CONTROLLER,
    );
    const ancestors: Ancestor[] = [];
    const has = (ref: AncestorRef) =>
      ancestors.some(
        a => JSON.stringify(a.ancestorRef) === JSON.stringify(ref),
      );
    const full = () => others.length + ancestors.length >= MAX_ANCESTORS;
    const add = (ref: AncestorRef, conditions: Condition[]) => {
      if (has(ref) || full()) return;
      ancestors.push({ ancestorRef: ref, conditions });
    };
    for (const t of p.targets) {
      if (t.kind === 'Gateway') {
        const gateway = gatewayByKey.get(t.key)!;
        if (!gatewayValid(gateway)) {
          add(gatewayAncestor(gateway), [
            condition(
              'Accepted',
              false,
              'TargetNotFound',
              'The TargetRef is invalid',
            ),
          ]);
          continue;
        }
        // At a Gateway the settings are checked even without an NginxProxy.
        const problem = globalSettingsProblem(
          p.kind,
          effectiveNginxProxy(gateway, world) ?? {},
        );
        add(gatewayAncestor(gateway), problem ? [problem] : []);
      } else if (t.kind === 'Service') {
        // Gateways this policy already reports on first, then by age.
        const reported = new Set(
          previous
            .filter(
              a =>
                a.controllerName === NGINX_GATEWAY_FABRIC_CONTROLLER &&
                a.ancestorRef?.kind === 'Gateway',
            )
            .map(a => `${a.ancestorRef.namespace}/${a.ancestorRef.name}`),
        );
        const gateways = [...services.get(t.key)!].sort(
          (a, b) =>
            Number(reported.has(key(b))) - Number(reported.has(key(a))) ||
            olderFirst(a, b),
        );
        for (const gateway of gateways) {
          add(
            gatewayAncestor(gateway),
            gatewayValid(gateway)
              ? []
              : [
                  condition(
                    'Accepted',
                    false,
                    'TargetNotFound',
                    'The Parent Gateway is invalid',
                  ),
                ],
          );
        }
      } else {
        const route = routeByKey.get(`${t.kind}/${t.key}`)!;
        // Checked for each parent Gateway that has an NginxProxy in effect.
        const problems = routeGateways(route, world, gatewayByKey).flatMap(
          gateway => {
            const nginxProxy = effectiveNginxProxy(gateway, world);
            const problem =
              nginxProxy && globalSettingsProblem(p.kind, nginxProxy);
            return problem ? [problem] : [];
          },
        );
        add(
          {
            group: GATEWAY_GROUP,
            kind: t.kind,
            namespace: route.metadata.namespace ?? '',
            name: route.metadata.name,
          },
          problems,
        );
      }
    }
    if (ancestors.length === 0) continue;
    const defaults =
      p.kind === 'WAFPolicy'
        ? [
            condition('Accepted', true, 'Accepted', 'The Policy is accepted'),
            condition(
              'ResolvedRefs',
              true,
              'ResolvedRefs',
              'All references are resolved',
            ),
            condition(
              'Programmed',
              true,
              'Programmed',
              'Policy is programmed in the data plane',
            ),
          ]
        : [condition('Accepted', true, 'Accepted', 'The Policy is accepted')];
    updates.push({
      type: 'status',
      resource: NGINX_GATEWAY_FABRIC_POLICY_RESOURCES[p.kind],
      object: p.policy,
      status: {
        ancestors: [
          ...others,
          ...ancestors.map(a => ({
            ancestorRef: a.ancestorRef,
            controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER,
            conditions: deduplicate([
              ...defaults,
              ...a.conditions,
              ...(p.invalid ? [p.invalid] : []),
              ...(p.conflicted ? [p.conflicted] : []),
            ]).map(c =>
              generation === undefined
                ? c
                : { ...c, observedGeneration: generation },
            ),
          })),
        ],
      },
    });
  }
  return updates;
}
