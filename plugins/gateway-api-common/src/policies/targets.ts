/**
 * Policy attachment: a policy (for example Envoy Gateway's ClientTrafficPolicy) applies only to
 * targets in its own namespace, and one created elsewhere is silently ignored.
 */
import { StatusSummary } from '../conditions';
import { matchesLabelSelector } from '../attachment/labelSelector';
import { hintForMistake } from '../hints';
import { Gateway, GATEWAY_API_GROUP, KubernetesObject } from '../types';
import type { ImplementationPolicy } from './types';

/**
 * A policy's reference to the object it applies to (LocalPolicyTargetReference).
 *
 * @public
 */
export interface PolicyTargetReference {
  group?: string;
  kind?: string;
  name?: string;
  sectionName?: string;
}

/**
 * Any policy that targets objects through `spec.targetRef` or `spec.targetRefs`.
 *
 * @public
 */
export interface TargetingPolicy extends KubernetesObject {
  spec?: {
    targetRef?: PolicyTargetReference;
    targetRefs?: PolicyTargetReference[];
  };
}

/**
 * Checks that every Gateway a policy targets exists in the policy's namespace. A Gateway of
 * that name in another namespace is the common "policy in the wrong namespace" mistake.
 * Targets of other kinds are not checked.
 *
 * @public
 */
export function checkPolicyTargets(
  policy: TargetingPolicy,
  gateways: Gateway[],
): StatusSummary {
  const namespace = policy.metadata?.namespace ?? '';
  const label = `${policy.kind ?? 'Policy'} "${namespace}/${
    policy.metadata?.name ?? ''
  }"`;
  const targets = [
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
    ...(policy.spec?.targetRefs ?? []),
  ].filter(t => t.group === GATEWAY_API_GROUP && t.kind === 'Gateway');
  for (const target of targets) {
    const here = gateways.some(
      g =>
        g.metadata?.namespace === namespace && g.metadata?.name === target.name,
    );
    if (here) continue;
    const elsewhere = gateways.find(g => g.metadata?.name === target.name);
    if (elsewhere) {
      return {
        status: 'error',
        summary: `${label} targets Gateway "${target.name}", which is in namespace "${elsewhere.metadata?.namespace}", so the policy is ignored.`,
        hint: hintForMistake('policyInWrongNamespace'),
      };
    }
    return {
      status: 'error',
      summary: `${label} targets Gateway "${target.name}", which does not exist in "${namespace}".`,
      hint: {
        meaning:
          'The policy targets a Gateway that does not exist, so it applies to nothing.',
        fix: "Fix the targetRef's name, or create the policy next to the Gateway it is meant for.",
      },
    };
  }
  return {
    status: 'ok',
    summary: `${label} targets existing objects in its namespace.`,
  };
}

/**
 * A policy's target references: `targetRef` and `targetRefs` together.
 *
 * @public
 */
export function policyTargetRefs(
  policy: TargetingPolicy,
): PolicyTargetReference[] {
  return [
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
    ...(policy.spec?.targetRefs ?? []),
  ];
}

/**
 * The objects of one kind a policy may target, as listed (listed objects may lack `kind`).
 *
 * @public
 */
export interface PolicyTargetCandidates {
  kind: string;
  objects: readonly KubernetesObject[];
  /** The names of each object's sections (listener names, route rule names, port names). */
  sectionsOf?: (object: KubernetesObject) => string[];
}

const coreGroups = new Set(['', 'core']);

/**
 * Whether a target reference names this group and kind (Services are the core group).
 *
 * @public
 */
export function refNamesKind(
  ref: { group?: string; kind?: string },
  kind: string,
): boolean {
  if (ref.kind !== kind) return false;
  return kind === 'Service'
    ? coreGroups.has(ref.group ?? '')
    : (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP;
}

/**
 * A policy's target references that name nothing: no object of that kind and name in the
 * policy's namespace, or no section of that name on it. A Gateway of that name in another
 * namespace is left out: that is the "policy in the wrong namespace" mistake, which
 * {@link checkPolicyTargets} reports on the Gateway.
 *
 * @public
 */
export function unresolvedTargetRefs(
  policy: TargetingPolicy,
  candidates: PolicyTargetCandidates[],
): PolicyTargetReference[] {
  const namespace = policy.metadata?.namespace ?? '';
  return policyTargetRefs(policy).filter(ref => {
    const list = candidates.find(c => refNamesKind(ref, c.kind));
    if (!list) return false; // a kind Gatehouse does not read: not judged
    const here = list.objects.find(
      o => o.metadata?.namespace === namespace && o.metadata?.name === ref.name,
    );
    if (here) {
      return (
        ref.sectionName !== undefined &&
        list.sectionsOf !== undefined &&
        !list.sectionsOf(here).includes(ref.sectionName)
      );
    }
    const elsewhere =
      list.kind === 'Gateway' &&
      list.objects.some(o => o.metadata?.name === ref.name);
    return !elsewhere;
  });
}

/**
 * An object a policy may target, with its labels (for `targetSelectors`).
 *
 * @public
 */
export interface PolicyTargetObject {
  kind: string;
  namespace: string;
  name: string;
  labels?: Record<string, string>;
}

/**
 * Whether a policy names (by `targetRef`/`targetRefs`) or selects (by `targetSelectors`) an
 * object of its own namespace: one entry per reference or selector reaching it, with the
 * reference's sectionName; empty when it does not.
 *
 * @public
 */
export function policyTargetsOf(
  policy: ImplementationPolicy,
  object: PolicyTargetObject,
): Array<{ sectionName?: string }> {
  if (policy.metadata?.namespace !== object.namespace) return [];
  const byRef = policyTargetRefs(policy)
    .filter(ref => refNamesKind(ref, object.kind) && ref.name === object.name)
    .map(ref => ({ sectionName: ref.sectionName }));
  const bySelector = (policy.spec?.targetSelectors ?? []).some(
    s =>
      (s.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
      s.kind === object.kind &&
      matchesLabelSelector(s, object.labels ?? {}),
  )
    ? [{}]
    : [];
  return [...byRef, ...bySelector];
}
