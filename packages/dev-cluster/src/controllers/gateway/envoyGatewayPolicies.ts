import { StatusUpdate } from '../kube/actions';
import { ResourceName } from '../kube/resources';
import { condition } from '../kube/status';
import { Condition, KubeObject } from '../kube/types';

/**
 * Envoy Gateway's policy status: for each ClientTrafficPolicy, BackendTrafficPolicy and
 * SecurityPolicy whose targets are objects of its Gateways, one `status.ancestors` entry per
 * Gateway (the Gateway targeted, or each Gateway a targeted route is attached to), as Envoy
 * Gateway writes it:
 *
 * - `Accepted`: `True`/`Accepted`, or `False`/`Conflicted` when an older policy of the same
 *   kind targets the same object (and section); between policies of one age, the first by
 *   namespace/name holds it.
 * - `Overridden`: `True`/`Overridden` on a whole-Gateway policy when a policy of its kind
 *   targets one of the Gateway's listeners (sectionName) or a route attached to it.
 *
 * A target that does not exist, in another namespace, or of another controller's Gateway gets
 * no entry (Envoy Gateway writes nothing then either).
 */

export const ENVOY_GATEWAY_CONTROLLER =
  'gateway.envoyproxy.io/gatewayclass-controller';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The most ancestors a policy's status holds (the CRDs' maxItems). */
const MAX_ANCESTORS = 16;

export const POLICY_RESOURCES = {
  ClientTrafficPolicy: 'clientTrafficPolicies',
  BackendTrafficPolicy: 'backendTrafficPolicies',
  SecurityPolicy: 'securityPolicies',
} as const satisfies Record<string, ResourceName>;

type PolicyKind = keyof typeof POLICY_RESOURCES;

/** What each kind may target (the CRDs' CEL rules). */
const TARGET_KINDS: Record<PolicyKind, string[]> = {
  ClientTrafficPolicy: ['Gateway', 'ListenerSet'],
  BackendTrafficPolicy: [
    'Gateway',
    'ListenerSet',
    'HTTPRoute',
    'GRPCRoute',
    'TLSRoute',
  ],
  SecurityPolicy: ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute'],
};

export interface PolicyWorld {
  /** Gateways whose class Envoy Gateway manages here. */
  gateways: KubeObject[];
  listenerSets: KubeObject[];
  routes: Record<'HTTPRoute' | 'GRPCRoute' | 'TLSRoute', KubeObject[]>;
  policies: Record<PolicyKind, KubeObject[]>;
}

interface AncestorRef {
  group: string;
  kind: 'Gateway';
  namespace: string;
  name: string;
  sectionName?: string;
}

interface Attachment {
  policy: KubeObject;
  kind: PolicyKind;
  /** `Kind/namespace/name/section`: two policies of a kind on one key conflict. */
  targetKey: string;
  targetKind: string;
  targetName: string;
  ancestors: AncestorRef[];
  /** The Gateway and section of a Gateway target, for Overridden. */
  gatewayTarget?: { key: string; sectionName?: string };
  /** For a route target: the Gateways it is attached to. */
  routeGateways?: string[];
}

const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

function olderFirst(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return key(a).localeCompare(key(b));
}

const matchesLabels = (
  selector: { matchLabels?: Record<string, string> },
  labels: Record<string, string> = {},
) =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

/** The Gateways (and sections) a route's parentRefs attach it to, Envoy Gateway's only. */
function routeAncestors(
  route: KubeObject,
  world: PolicyWorld,
  gatewayByKey: Map<string, KubeObject>,
): AncestorRef[] {
  const namespace = route.metadata.namespace ?? '';
  return ((route.spec?.parentRefs ?? []) as any[]).flatMap(ref => {
    const refNamespace = ref.namespace ?? namespace;
    if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP) return [];
    if ((ref.kind ?? 'Gateway') === 'ListenerSet') {
      const ls = world.listenerSets.find(
        l =>
          l.metadata.namespace === refNamespace && l.metadata.name === ref.name,
      );
      const parent = ls?.spec?.parentRef;
      const gateway =
        parent &&
        gatewayByKey.get(
          `${parent.namespace ?? ls!.metadata.namespace}/${parent.name}`,
        );
      return gateway ? [gatewayRef(gateway, ref.sectionName)] : [];
    }
    const gateway = gatewayByKey.get(`${refNamespace}/${ref.name}`);
    return gateway ? [gatewayRef(gateway, ref.sectionName)] : [];
  });
}

function gatewayRef(gateway: KubeObject, sectionName?: string): AncestorRef {
  return {
    group: GATEWAY_GROUP,
    kind: 'Gateway',
    namespace: gateway.metadata.namespace ?? '',
    name: gateway.metadata.name,
    ...(sectionName !== undefined && { sectionName }),
  };
}

const listenerNames = (o: KubeObject): string[] =>
  ((o.spec?.listeners ?? []) as Array<{ name?: string }>).map(
    l => l.name ?? '',
  );

function candidatesOfKind(world: PolicyWorld, kind: string): KubeObject[] {
  if (kind === 'Gateway') return world.gateways;
  if (kind === 'ListenerSet') return world.listenerSets;
  return world.routes[kind as keyof PolicyWorld['routes']] ?? [];
}

/** Every target of one policy that resolves to an object of Envoy Gateway's. */
function attachmentsOf(
  policy: KubeObject,
  kind: PolicyKind,
  world: PolicyWorld,
  gatewayByKey: Map<string, KubeObject>,
): Attachment[] {
  const namespace = policy.metadata.namespace ?? '';
  const refs: Array<{ kind: string; name: string; sectionName?: string }> = [
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
    ...(policy.spec?.targetRefs ?? []),
  ].filter(
    (r: any) =>
      (r.group ?? GATEWAY_GROUP) === GATEWAY_GROUP &&
      TARGET_KINDS[kind].includes(r.kind),
  );
  // Selectors pick objects of their kind in the policy's namespace by label.
  for (const selector of (policy.spec?.targetSelectors ?? []) as any[]) {
    if (!TARGET_KINDS[kind].includes(selector.kind)) continue;
    for (const o of candidatesOfKind(world, selector.kind)) {
      if (
        o.metadata.namespace === namespace &&
        matchesLabels(selector, o.metadata.labels)
      ) {
        refs.push({ kind: selector.kind, name: o.metadata.name });
      }
    }
  }
  return refs.flatMap((ref): Attachment[] => {
    const base = {
      policy,
      kind,
      targetKey: `${ref.kind}/${namespace}/${ref.name}/${
        ref.sectionName ?? ''
      }`,
      targetKind: ref.kind,
      targetName: ref.name,
    };
    if (ref.kind === 'Gateway') {
      const gateway = gatewayByKey.get(`${namespace}/${ref.name}`);
      if (!gateway) return [];
      if (
        ref.sectionName !== undefined &&
        !listenerNames(gateway).includes(ref.sectionName)
      ) {
        return [];
      }
      return [
        {
          ...base,
          ancestors: [gatewayRef(gateway, ref.sectionName)],
          gatewayTarget: { key: key(gateway), sectionName: ref.sectionName },
        },
      ];
    }
    if (ref.kind === 'ListenerSet') {
      const ls = world.listenerSets.find(
        l => l.metadata.namespace === namespace && l.metadata.name === ref.name,
      );
      const parent = ls?.spec?.parentRef;
      const gateway =
        parent &&
        gatewayByKey.get(`${parent.namespace ?? namespace}/${parent.name}`);
      return gateway
        ? [{ ...base, ancestors: [gatewayRef(gateway, ref.sectionName)] }]
        : [];
    }
    const route = (
      world.routes[ref.kind as keyof PolicyWorld['routes']] ?? []
    ).find(
      r => r.metadata.namespace === namespace && r.metadata.name === ref.name,
    );
    if (!route) return [];
    const ancestors = routeAncestors(route, world, gatewayByKey);
    return ancestors.length
      ? [
          {
            ...base,
            ancestors,
            routeGateways: ancestors.map(a => `${a.namespace}/${a.name}`),
          },
        ]
      : [];
  });
}

/** The status each Envoy Gateway policy should have, as status updates. */
export function envoyGatewayPolicyStatus(world: PolicyWorld): StatusUpdate[] {
  const gatewayByKey = new Map(world.gateways.map(g => [key(g), g]));
  const updates: StatusUpdate[] = [];
  for (const kind of Object.keys(POLICY_RESOURCES) as PolicyKind[]) {
    const policies = [...world.policies[kind]].sort(olderFirst);
    const attachments = policies.flatMap(p =>
      attachmentsOf(p, kind, world, gatewayByKey),
    );
    // The oldest policy of the kind on a target holds it.
    const holder = new Map<string, KubeObject>();
    for (const a of attachments) {
      if (!holder.has(a.targetKey)) holder.set(a.targetKey, a.policy);
    }
    const held = attachments.filter(a => holder.get(a.targetKey) === a.policy);
    for (const policy of policies) {
      const generation = policy.metadata.generation;
      const own = attachments.filter(a => a.policy === policy);
      const ancestors = own.flatMap(a =>
        a.ancestors.map(ancestorRef => {
          const conditions: Condition[] = [];
          if (holder.get(a.targetKey) !== policy) {
            conditions.push(
              condition(
                'Accepted',
                false,
                'Conflicted',
                `Unable to target ${a.targetKind} ${a.targetName}, another ${kind} has already attached to it`,
                generation,
              ),
            );
            return { ancestorRef, conditions };
          }
          conditions.push(
            condition(
              'Accepted',
              true,
              'Accepted',
              'Policy has been accepted.',
              generation,
            ),
          );
          const overriders = a.gatewayTarget?.sectionName
            ? []
            : held.filter(
                o =>
                  o.policy !== policy &&
                  ((o.gatewayTarget?.key === a.gatewayTarget?.key &&
                    o.gatewayTarget?.sectionName !== undefined) ||
                    (a.gatewayTarget !== undefined &&
                      o.routeGateways?.includes(a.gatewayTarget.key))),
              );
          if (overriders.length > 0) {
            const what = overriders.map(o =>
              o.gatewayTarget
                ? `listener ${o.gatewayTarget.sectionName}`
                : `${o.targetKind} ${o.policy.metadata.namespace}/${o.targetName}`,
            );
            conditions.push(
              condition(
                'Overridden',
                true,
                'Overridden',
                `This policy is being overridden by other ${kind}s for these targets: [${what.join(
                  ', ',
                )}]`,
                generation,
              ),
            );
          }
          return { ancestorRef, conditions };
        }),
      );
      const unique = ancestors.filter(
        (a, i) =>
          ancestors.findIndex(
            b =>
              JSON.stringify(b.ancestorRef) === JSON.stringify(a.ancestorRef),
          ) === i,
      );
      // A policy that never attached has no status, as Envoy Gateway leaves it.
      if (unique.length === 0 && !policy.status?.ancestors?.length) continue;
      updates.push({
        type: 'status',
        resource: POLICY_RESOURCES[kind],
        object: policy,
        status: {
          ancestors: unique.slice(0, MAX_ANCESTORS).map(a => ({
            ancestorRef: a.ancestorRef,
            controllerName: ENVOY_GATEWAY_CONTROLLER,
            conditions: a.conditions,
          })),
        },
      });
    }
  }
  return updates;
}
