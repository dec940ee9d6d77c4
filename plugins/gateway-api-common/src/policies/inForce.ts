/**
 * Which implementation policies are in force on one hostname: those targeting its route, the
 * listener serving it, its ListenerSet or its Gateway (and, for NGINX Gateway Fabric's
 * UpstreamSettingsPolicy, its backend Services), and which wins where two of a kind overlap.
 *
 * Precedence follows policy attachment (GEP-713) as Envoy Gateway applies it: the more
 * specific target wins (a route rule over the route, the route over the listener, a listener
 * over its ListenerSet, a ListenerSet over the whole Gateway); between policies of one kind on
 * the same target, the oldest (creationTimestamp) wins, then the first by namespace/name, and
 * the others are Conflicted. A more specific policy with `mergeType` merges over the less
 * specific one instead of replacing it. NGINX Gateway Fabric's policies merge field by field
 * (kinds.ts, `mergeableFields`): two on one target conflict only where both set a field, and a
 * more specific one overrides a less specific one only in the fields it sets; its WAFPolicies
 * and SnippetsPolicies never conflict (kinds.ts, `sameTargetConflict`). A policy applies
 * only through a Gateway whose controller is of its own implementation (kinds.ts,
 * `controllerReadsPolicy`): a controller ignores another implementation's policies.
 */
import { interpretConditions, StatusSummary } from '../conditions';
import { GATEWAY_API_GROUP } from '../types';
import {
  controllerReadsPolicy,
  mergeableFieldsSet,
  POLICY_KINDS,
  policySettings,
  PolicyImplementation,
} from './kinds';
import { PolicyTargetObject, policyTargetsOf } from './targets';
import { ImplementationPolicy, PolicyAncestorStatus } from './types';

/**
 * What serves one hostname: its route, and each Gateway with the listener serving the
 * hostname (and that listener's ListenerSet, when it has one).
 *
 * @public
 */
export interface HostnamePolicyScope {
  route: PolicyTargetObject;
  gateways: Array<{
    gateway: PolicyTargetObject;
    /** Its GatewayClass's `spec.controllerName`; undefined when its class is not known. */
    controllerName?: string;
    listenerName?: string;
    listenerSet?: PolicyTargetObject;
  }>;
  /** The route's backend Services. */
  backends?: Array<{ namespace: string; name: string }>;
}

/**
 * Where a policy stands against the others of its kind on the same hostname.
 *
 * @public
 */
export type PolicyPrecedence =
  | 'effective'
  | 'merged'
  | 'overridden'
  | 'conflicted';

/**
 * An implementation policy in force on a hostname (or overridden there), with what it sets.
 *
 * @public
 */
export interface AppliedPolicy {
  kind: string;
  group: string;
  implementation: PolicyImplementation;
  namespace: string;
  name: string;
  /** The object it targets on this hostname's path; `sectionName` a listener or route rule. */
  target: {
    kind: string;
    namespace: string;
    name: string;
    sectionName?: string;
  };
  /** What it sets, a few words each (timeouts, retries, rate limits, CORS, auth, client IP). */
  settings: string[];
  precedence: PolicyPrecedence;
  /** The policy that wins over this one, as `Kind namespace/name`. */
  overriddenBy?: string;
  /** The controller's verdict from `status.ancestors`; `unknown` until one reports. */
  status: StatusSummary;
}

interface Candidate {
  policy: ImplementationPolicy;
  target: AppliedPolicy['target'];
  /** Higher is more specific. */
  rank: number;
  /** The Gateway whose ancestor status speaks for it here. */
  gateway: PolicyTargetObject;
  listenerName?: string;
  /**
   * The object its controller reports it on, when not that Gateway: NGINX Gateway Fabric
   * names a targeted route itself as the ancestor.
   */
  ancestor?: PolicyTargetObject;
}

const RANK = {
  routeRule: 5,
  route: 4,
  backend: 4,
  listener: 3,
  listenerSet: 2,
  gateway: 1,
};

function candidatesOf(
  policy: ImplementationPolicy,
  scope: HostnamePolicyScope,
): Candidate[] {
  const found: Candidate[] = [];
  // Only the Gateways whose controller reads the policy's kind (or whose controller is not
  // known) take it.
  const gateways = scope.gateways.filter(
    g => controllerReadsPolicy(policy.kind, g.controllerName) !== false,
  );
  const first = gateways[0]?.gateway;
  const targetOf = (o: PolicyTargetObject, sectionName?: string) => ({
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    ...(sectionName !== undefined && { sectionName }),
  });
  for (const { sectionName } of policyTargetsOf(policy, scope.route)) {
    // A route has one entry per parent Gateway in status; the first speaks for it here.
    for (const { gateway, listenerName } of gateways) {
      found.push({
        policy,
        target: targetOf(scope.route, sectionName),
        rank: sectionName === undefined ? RANK.route : RANK.routeRule,
        gateway,
        listenerName,
        ...(POLICY_KINDS[policy.kind ?? '']?.implementation ===
          'nginx-gateway-fabric' && { ancestor: scope.route }),
      });
    }
  }
  for (const { gateway, listenerName, listenerSet } of gateways) {
    const holders: Array<[PolicyTargetObject, number]> = [
      [gateway, RANK.gateway],
      ...(listenerSet
        ? [[listenerSet, RANK.listenerSet] as [PolicyTargetObject, number]]
        : []),
    ];
    for (const [holder, wholeRank] of holders) {
      // A Gateway's sectionName reaches only its own listeners, never a ListenerSet's.
      const ownListener =
        holder === gateway && listenerSet ? undefined : listenerName;
      for (const { sectionName } of policyTargetsOf(policy, holder)) {
        if (sectionName !== undefined && sectionName !== ownListener) continue;
        found.push({
          policy,
          target: targetOf(holder, sectionName),
          rank: sectionName === undefined ? wholeRank : RANK.listener,
          gateway,
          listenerName,
        });
      }
    }
  }
  for (const backend of scope.backends ?? []) {
    const service = { kind: 'Service', ...backend };
    if (policyTargetsOf(policy, service).length > 0 && first) {
      found.push({
        policy,
        target: targetOf(service),
        rank: RANK.backend,
        gateway: first,
      });
    }
  }
  return found;
}

const keyOf = (p: ImplementationPolicy) =>
  `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

const targetKey = (t: AppliedPolicy['target']) =>
  `${t.kind}/${t.namespace}/${t.name}/${t.sectionName ?? ''}`;

/** Most specific first, then oldest, then by namespace/name. */
function comparePrecedence(a: Candidate, b: Candidate): number {
  if (a.rank !== b.rank) return b.rank - a.rank;
  const ta = a.policy.metadata?.creationTimestamp ?? '';
  const tb = b.policy.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return keyOf(a.policy).localeCompare(keyOf(b.policy));
}

const ancestorMatches = (
  ancestor: PolicyAncestorStatus,
  policyNamespace: string,
  object: PolicyTargetObject,
) => {
  const ref = ancestor.ancestorRef ?? {};
  return (
    (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
    (ref.kind ?? 'Gateway') === object.kind &&
    ref.name === object.name &&
    (ref.namespace ?? policyNamespace) === object.namespace
  );
};

/**
 * The controller's verdict on a policy for one Gateway, from its `status.ancestors` entry for
 * that Gateway (the one naming the listener first), or for another ancestor `kind` (NGINX
 * Gateway Fabric reports a route policy on the route itself); `unknown` when none reports it.
 *
 * @public
 */
export function interpretPolicyAncestorStatus(
  policy: ImplementationPolicy,
  gateway: { namespace: string; name: string; kind?: string },
  listenerName?: string,
): StatusSummary {
  const namespace = policy.metadata?.namespace ?? '';
  const kind = gateway.kind ?? 'Gateway';
  const entries = (policy.status?.ancestors ?? []).filter(a =>
    ancestorMatches(a, namespace, { ...gateway, kind }),
  );
  const entry =
    entries.find(a => a.ancestorRef?.sectionName === listenerName) ??
    entries.find(a => a.ancestorRef?.sectionName === undefined) ??
    entries[0];
  const label = `${policy.kind} "${namespace}/${policy.metadata?.name}" on ${kind} "${gateway.namespace}/${gateway.name}": `;
  if (!entry) {
    return {
      status: 'unknown',
      summary: `${label}no controller has reported on this policy for this ${kind} yet.`,
    };
  }
  return interpretConditions(
    'Policy',
    entry.conditions,
    policy.metadata?.generation,
    label,
  );
}

/**
 * The implementation policies that apply to one hostname, each with what it sets, where it
 * stands against the others of its kind, and the controller's verdict, most specific first
 * within each kind. Policies of different kinds never override each other.
 *
 * @public
 */
export function policiesInForce(
  policies: ImplementationPolicy[],
  scope: HostnamePolicyScope,
): AppliedPolicy[] {
  const byKind = new Map<string, Candidate[]>();
  for (const policy of policies) {
    const info = POLICY_KINDS[policy.kind ?? ''];
    if (!info) continue;
    // One entry per policy: its most specific target on this path.
    const [best] = candidatesOf(policy, scope)
      .filter(c => info.targetKinds.includes(c.target.kind))
      .sort(comparePrecedence);
    if (!best) continue;
    byKind.set(info.kind, [...(byKind.get(info.kind) ?? []), best]);
  }
  const applied: AppliedPolicy[] = [];
  for (const [kind, candidates] of [...byKind.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const info = POLICY_KINDS[kind];
    const ordered = [...candidates].sort(comparePrecedence);
    const byField = info.mergeableFields !== undefined;
    const fields = new Map(ordered.map(c => [c, mergeableFieldsSet(c.policy)]));
    const shareField = (a: Candidate, b: Candidate) =>
      fields.get(a)!.some(f => fields.get(b)!.includes(f));
    const conflict = (older: Candidate, newer: Candidate) =>
      info.sameTargetConflict === 'always' ||
      (info.sameTargetConflict === 'sharedField' && shareField(older, newer));
    // Per target, the first (oldest) policy holds it and the newer ones it conflicts with (the
    // kind's sameTargetConflict) are Conflicted, compared only with older ones still in force.
    const conflictedBy = new Map<Candidate, Candidate>();
    ordered.forEach((c, i) => {
      const older = ordered
        .slice(0, i)
        .find(
          o =>
            targetKey(o.target) === targetKey(c.target) &&
            !conflictedBy.has(o) &&
            conflict(o, c),
        );
      if (older) conflictedBy.set(c, older);
    });
    for (const c of ordered) {
      let precedence: PolicyPrecedence = 'effective';
      let overriddenBy = conflictedBy.get(c);
      // The more specific policies in force above it.
      const above = ordered.filter(
        o => o.rank > c.rank && !conflictedBy.has(o),
      );
      if (overriddenBy) {
        precedence = 'conflicted';
      } else if (byField) {
        // Overridden in the fields the more specific ones set too; the rest still apply.
        const covering = above.filter(o => shareField(o, c));
        if (covering.length > 0) {
          const all = fields
            .get(c)!
            .every(f => covering.some(o => fields.get(o)!.includes(f)));
          precedence = all ? 'overridden' : 'merged';
          overriddenBy = covering[0];
        }
      } else if (above.length > 0) {
        // Up to one that replaces rather than merges.
        const replacing = above.find(o => !o.policy.spec?.mergeType);
        precedence = replacing ? 'overridden' : 'merged';
        overriddenBy = replacing ?? above[above.length - 1];
      }
      applied.push({
        kind,
        group: info.group,
        implementation: info.implementation,
        namespace: c.policy.metadata?.namespace ?? '',
        name: c.policy.metadata?.name ?? '',
        target: c.target,
        settings: policySettings(c.policy),
        precedence,
        ...(overriddenBy && {
          overriddenBy: `${kind} ${keyOf(overriddenBy.policy)}`,
        }),
        status: interpretPolicyAncestorStatus(
          c.policy,
          c.ancestor ?? c.gateway,
          c.listenerName,
        ),
      });
    }
  }
  return applied;
}
