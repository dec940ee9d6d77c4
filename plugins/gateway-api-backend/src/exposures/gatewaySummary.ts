import {
  checkPolicyTargets,
  Gateway,
  GATEWAY_API_GROUP,
  GatewaySummary,
  interpretConditions,
  Listener,
  ListenerSet,
  ListenerSummary,
  TargetingPolicy,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';

/** The policy kinds the cache watches whose targetRefs name Gateways. */
const POLICY_KINDS = ['ClientTrafficPolicy'];

/** What judging a Gateway's policies needs of its cluster. */
export interface GatewayContext {
  gateways: Gateway[];
  policies: TargetingPolicy[];
}

export function gatewayContext(snapshot: ClusterSnapshot): GatewayContext {
  return {
    gateways: (snapshot.byKind.get('Gateway') ?? []) as Gateway[],
    policies: POLICY_KINDS.flatMap(
      kind => (snapshot.byKind.get(kind) ?? []) as TargetingPolicy[],
    ),
  };
}

const targetsGatewayNamed = (policy: TargetingPolicy, name?: string) =>
  [
    ...(policy.spec?.targetRef ? [policy.spec.targetRef] : []),
    ...(policy.spec?.targetRefs ?? []),
  ].some(
    t =>
      t.group === GATEWAY_API_GROUP && t.kind === 'Gateway' && t.name === name,
  );

/**
 * Policies naming this Gateway from another namespace, where no Gateway of that name lives:
 * meant for it, and silently ignored (policies attach only within their own namespace).
 */
function ignoredPolicies(gateway: Gateway, context: GatewayContext) {
  return context.policies
    .filter(
      policy =>
        policy.metadata?.namespace !== gateway.metadata?.namespace &&
        targetsGatewayNamed(policy, gateway.metadata?.name),
    )
    .map(policy => checkPolicyTargets(policy, context.gateways))
    .filter(status => status.status !== 'ok');
}

/**
 * A Gateway's name, class, addresses, its own conditions and the policies meant for it that
 * it ignores, as the exposure and tenant answers show it. Its listeners are judged one by one ({@link summariseListener}): another
 * hostname's broken listener on a shared Gateway is not this hostname's problem.
 */
export function summariseGateway(
  gateway: Gateway,
  context: GatewayContext,
): GatewaySummary {
  const ignored = ignoredPolicies(gateway, context);
  return {
    ...(ignored.length ? { ignoredPolicies: ignored } : {}),
    namespace: gateway.metadata?.namespace ?? '',
    name: gateway.metadata?.name ?? '',
    gatewayClassName: gateway.spec?.gatewayClassName,
    addresses: (gateway.status?.addresses ?? [])
      .map(a => a.value ?? '')
      .filter(Boolean),
    status: interpretConditions(
      'Gateway',
      gateway.status?.conditions,
      gateway.metadata?.generation,
    ),
  };
}

/** One listener of a Gateway or ListenerSet with what the controller reported of it. */
export function summariseListener(
  gateway: Gateway | ListenerSet,
  listener: Listener,
): ListenerSummary {
  const reported = gateway.status?.listeners?.find(
    l => l.name === listener.name,
  );
  return {
    name: listener.name ?? '',
    protocol: listener.protocol ?? '',
    port: listener.port ?? 0,
    hostname: listener.hostname,
    attachedRoutes: reported?.attachedRoutes,
    status: interpretConditions(
      'Listener',
      reported?.conditions,
      gateway.metadata?.generation,
      `Listener "${listener.name}": `,
    ),
  };
}
