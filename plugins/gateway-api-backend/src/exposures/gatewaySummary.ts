import {
  Certificate,
  checkPolicyTargets,
  EnvoyProxy,
  envoyProxyOf,
  Gateway,
  GATEWAY_API_GROUP,
  GatewayClass,
  gatewayMistakes,
  GatewaySummary,
  ImplementationPolicy,
  interpretConditions,
  interpretListenerPrediction,
  Listener,
  ListenerPrediction,
  ListenerSet,
  ListenerSetPrediction,
  ListenerSummary,
  TargetingPolicy,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { POLICY_KIND_NAMES } from '../kubernetes/kinds';

/** What judging a Gateway's policies and configuration needs of its cluster. */
export interface GatewayContext {
  gateways: Gateway[];
  /** Every implementation policy of the cluster, each with its `kind`. */
  policies: ImplementationPolicy[];
  gatewayClasses: GatewayClass[];
  envoyProxies: EnvoyProxy[];
}

/**
 * Every implementation policy of a snapshot, each carrying its kind (objects of a list do
 * not always say theirs).
 */
export function implementationPolicies(
  snapshot: ClusterSnapshot,
): ImplementationPolicy[] {
  return POLICY_KIND_NAMES.flatMap(kind =>
    ((snapshot.byKind.get(kind) ?? []) as ImplementationPolicy[]).map(p =>
      p.kind === kind ? p : { ...p, kind },
    ),
  );
}

export function gatewayContext(snapshot: ClusterSnapshot): GatewayContext {
  return {
    gateways: (snapshot.byKind.get('Gateway') ?? []) as Gateway[],
    policies: implementationPolicies(snapshot),
    gatewayClasses: (snapshot.byKind.get('GatewayClass') ??
      []) as GatewayClass[],
    envoyProxies: (snapshot.byKind.get('EnvoyProxy') ?? []) as EnvoyProxy[],
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
 * A Gateway's name, class, addresses, its own conditions, the policies meant for it that it
 * ignores and the mistakes of its configuration (client IP, listener count), as the exposure and tenant answers show it. Its listeners are judged one by one ({@link summariseListener}): another
 * hostname's broken listener on a shared Gateway is not this hostname's problem.
 */
export function summariseGateway(
  gateway: Gateway,
  context: GatewayContext,
): GatewaySummary {
  const ignored = ignoredPolicies(gateway, context);
  const mistakes = gatewayMistakes(gateway, {
    envoyProxy: envoyProxyOf(
      gateway,
      context.gatewayClasses,
      context.envoyProxies,
    ),
    clientTrafficPolicies: context.policies.filter(
      p => p.kind === 'ClientTrafficPolicy',
    ),
  });
  return {
    ...(ignored.length ? { ignoredPolicies: ignored } : {}),
    ...(mistakes.length ? { mistakes } : {}),
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

/**
 * The Secrets taken to exist: Secrets are never read, and a Certificate's Secret exists once
 * the Certificate is Ready, which is when cert-manager has written it.
 */
export function secretsOfReadyCertificates(
  certificates: Certificate[],
): Set<string> {
  return new Set(
    certificates
      .filter(c =>
        c.status?.conditions?.some(
          x => x.type === 'Ready' && x.status === 'True',
        ),
      )
      .map(c => `${c.metadata?.namespace}/${c.spec?.secretName}`),
  );
}

/** Finds the analysis's prediction for a listener of a Gateway or ListenerSet. */
export type ListenerPredictions = (
  holderKind: 'Gateway' | 'ListenerSet',
  holder: Gateway | ListenerSet,
  listenerName: string,
) => ListenerPrediction | undefined;

/** Indexes the attachment analysis's listener predictions by their holder and name. */
export function listenerPredictions(prediction: {
  listeners: ListenerPrediction[];
  listenerSets: ListenerSetPrediction[];
}): ListenerPredictions {
  const byKey = new Map<string, ListenerPrediction>();
  for (const l of prediction.listeners) {
    byKey.set(
      `Gateway/${l.gatewayNamespace}/${l.gatewayName}/${l.listenerName}`,
      l,
    );
  }
  for (const set of prediction.listenerSets) {
    for (const l of set.listeners) {
      byKey.set(
        `ListenerSet/${set.namespace}/${set.name}/${l.listenerName}`,
        l,
      );
    }
  }
  // Listed objects may lack `kind`, so the caller says which it holds.
  return (holderKind, holder, listenerName) =>
    byKey.get(
      `${holderKind}/${holder.metadata?.namespace}/${holder.metadata?.name}/${listenerName}`,
    );
}

/**
 * One listener of a Gateway or ListenerSet with what the controller reported of it, and what
 * the analysis predicts of it (which stands in until a controller reports).
 */
export function summariseListener(
  gateway: Gateway | ListenerSet,
  listener: Listener,
  prediction?: ListenerPrediction,
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
    ...(prediction && { predicted: interpretListenerPrediction(prediction) }),
  };
}
