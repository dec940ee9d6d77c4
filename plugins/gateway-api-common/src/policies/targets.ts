/**
 * Policy attachment: a policy (for example Envoy Gateway's ClientTrafficPolicy) applies only to
 * targets in its own namespace, and one created elsewhere is silently ignored.
 */
import { StatusSummary } from './conditions';
import { hintForMistake } from './hints';
import { Gateway, GATEWAY_API_GROUP, KubernetesObject } from './types';

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
