/**
 * Mistakes found on objects that already exist, beyond what a controller's conditions say:
 * how the client IP reaches Envoy (PROXY protocol, X-Forwarded-For), a Gateway near its
 * listener limit, policies that attach to nothing, and policies no controller of theirs reads.
 */
import { StatusLevel, StatusSummary } from '../conditions';
import { CommonMistake, hintForMistake } from '../hints';
import { matchesLabelSelector } from '../attachment/labelSelector';
import { Gateway, GatewayClass, GATEWAY_API_GROUP } from '../types';
import {
  controllerReadsPolicy,
  POLICY_IMPLEMENTATIONS,
  POLICY_KINDS,
  policyImplementationOfController,
} from './kinds';
import { PolicyReachedGateway } from './servedBy';
import {
  PolicyTargetCandidates,
  policyTargetRefs,
  refNamesKind,
  unresolvedTargetRefs,
} from './targets';
import {
  ClientTrafficPolicySpec,
  EnvoyProxy,
  ImplementationPolicy,
} from './types';

/**
 * How many listeners one Gateway (or ListenerSet) may have: the CRDs' maxItems.
 *
 * @public
 */
export const LISTENER_LIMIT = 64;
/**
 * From how many listeners a Gateway is "near" the limit: room for fewer than 8 more.
 *
 * @public
 */
export const LISTENER_LIMIT_WARNING = LISTENER_LIMIT - 8;
/**
 * The most X-Forwarded-For hops a real chain of trusted proxies has (CDN, WAF, edge proxy...);
 * the same bound the provisioning action allows.
 *
 * @public
 */
export const MAX_TRUSTED_HOPS = 10;

/**
 * Service annotations by which cloud load-balancer controllers put a PROXY protocol header in
 * front of every connection, with the values that turn it off.
 */
const PROXY_PROTOCOL_ANNOTATIONS: Record<string, string[]> = {
  // OpenStack (cloud-provider-openstack, Octavia): "true", "v1" or "v2".
  'loadbalancer.openstack.org/proxy-protocol': ['false'],
  // AWS (in-tree and aws-load-balancer-controller): "*" for every port.
  'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': [],
  // DigitalOcean.
  'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol': ['false'],
  // Hetzner Cloud.
  'load-balancer.hetzner.cloud/uses-proxyprotocol': ['false'],
};

/**
 * The annotation by which an EnvoyProxy asks its cloud load balancer for PROXY protocol, if it
 * does.
 *
 * @public
 */
export function loadBalancerProxyProtocol(
  envoyProxy: EnvoyProxy | undefined,
): string | undefined {
  const annotations =
    envoyProxy?.spec?.provider?.kubernetes?.envoyService?.annotations ?? {};
  return Object.keys(PROXY_PROTOCOL_ANNOTATIONS).find(
    key =>
      annotations[key] !== undefined &&
      annotations[key].trim() !== '' &&
      !PROXY_PROTOCOL_ANNOTATIONS[key].includes(
        annotations[key].trim().toLowerCase(),
      ),
  );
}

const isEnvoyProxyRef = (ref?: { group?: string; kind?: string }) =>
  ref?.group === 'gateway.envoyproxy.io' && ref?.kind === 'EnvoyProxy';

/**
 * The EnvoyProxy that shapes a Gateway's proxy and load balancer: the Gateway's own
 * `infrastructure.parametersRef` (in its namespace), else its GatewayClass's `parametersRef`.
 *
 * @public
 */
export function envoyProxyOf(
  gateway: Gateway,
  gatewayClasses: GatewayClass[],
  envoyProxies: EnvoyProxy[],
): EnvoyProxy | undefined {
  const find = (namespace: string | undefined, name: string | undefined) =>
    envoyProxies.find(
      p => p.metadata?.namespace === namespace && p.metadata?.name === name,
    );
  const own = gateway.spec?.infrastructure?.parametersRef;
  if (isEnvoyProxyRef(own)) {
    return find(gateway.metadata?.namespace, own?.name);
  }
  const gatewayClass = gatewayClasses.find(
    c => c.metadata?.name === gateway.spec?.gatewayClassName,
  );
  const ref = gatewayClass?.spec?.parametersRef;
  return isEnvoyProxyRef(ref) ? find(ref?.namespace, ref?.name) : undefined;
}

/**
 * The policies of a kind that target a Gateway: in its namespace, by name (with or without a
 * sectionName) or by a label selector.
 *
 * @public
 */
export function policiesTargetingGateway(
  gateway: Gateway,
  policies: ImplementationPolicy[],
): ImplementationPolicy[] {
  const namespace = gateway.metadata?.namespace;
  return policies.filter(
    policy =>
      policy.metadata?.namespace === namespace &&
      (policyTargetRefs(policy).some(
        ref =>
          refNamesKind(ref, 'Gateway') && ref.name === gateway.metadata?.name,
      ) ||
        (policy.spec?.targetSelectors ?? []).some(
          s =>
            (s.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
            s.kind === 'Gateway' &&
            matchesLabelSelector(s, gateway.metadata?.labels ?? {}),
        )),
  );
}

const policyLabel = (p: ImplementationPolicy) =>
  `${p.kind ?? 'Policy'} "${p.metadata?.namespace}/${p.metadata?.name}"`;

const mistake = (
  id: CommonMistake,
  status: StatusLevel,
  summary: string,
): StatusSummary => ({
  status,
  summary,
  mistake: id,
  hint: hintForMistake(id),
});

const readsProxyProtocol = (spec: ClientTrafficPolicySpec) =>
  spec.proxyProtocol !== undefined || spec.enableProxyProtocol === true;

/** Whether a ClientTrafficPolicy target covers a listener: the whole Gateway or that section. */
const covers = (
  policy: ImplementationPolicy,
  gateway: Gateway,
  listenerName: string,
) =>
  (policy.spec?.targetSelectors ?? []).length > 0 ||
  policyTargetRefs(policy).some(
    ref =>
      refNamesKind(ref, 'Gateway') &&
      ref.name === gateway.metadata?.name &&
      (ref.sectionName === undefined || ref.sectionName === listenerName),
  );

/**
 * What is wrong with how the client IP reaches a Gateway's Envoy, from its EnvoyProxy and the
 * ClientTrafficPolicies targeting it: PROXY protocol on the load balancer without a policy that
 * reads it, `proxyProtocol.optional: true`, two client-IP modes on one policy, and an
 * X-Forwarded-For hop count no real chain of proxies has.
 *
 * @public
 */
export function clientIpMistakes(
  gateway: Gateway,
  input: {
    envoyProxy?: EnvoyProxy;
    /** The cluster's ClientTrafficPolicies (those targeting other Gateways are ignored). */
    clientTrafficPolicies: ImplementationPolicy[];
  },
): StatusSummary[] {
  const policies = policiesTargetingGateway(
    gateway,
    input.clientTrafficPolicies,
  );
  const found: StatusSummary[] = [];
  const annotation = loadBalancerProxyProtocol(input.envoyProxy);
  if (annotation) {
    const listeners = (gateway.spec?.listeners ?? []).map(l => l.name ?? '');
    const unread = listeners.filter(
      name =>
        !policies.some(
          p =>
            covers(p, gateway, name) &&
            readsProxyProtocol(p.spec as ClientTrafficPolicySpec),
        ),
    );
    if (unread.length > 0) {
      found.push(
        mistake(
          'proxyProtocolWithoutClientTrafficPolicy',
          'error',
          `The load balancer of Gateway "${gateway.metadata?.namespace}/${
            gateway.metadata?.name
          }" sends PROXY protocol (EnvoyProxy "${
            input.envoyProxy?.metadata?.namespace
          }/${
            input.envoyProxy?.metadata?.name
          }" sets ${annotation}), but no ClientTrafficPolicy reads it on ${
            unread.length === listeners.length
              ? 'any listener'
              : `listener${unread.length > 1 ? 's' : ''} ${unread
                  .map(n => `"${n}"`)
                  .join(', ')}`
          }: every request there is answered 400.`,
        ),
      );
    }
  }
  for (const policy of policies) {
    const spec = (policy.spec ?? {}) as ClientTrafficPolicySpec;
    const label = policyLabel(policy);
    if (spec.proxyProtocol?.optional === true) {
      found.push(
        mistake(
          'proxyProtocolOptional',
          'warning',
          `${label} sets proxyProtocol.optional: true, so connections without a PROXY header are accepted.`,
        ),
      );
    }
    const detection = spec.clientIPDetection ?? {};
    const modes = [
      readsProxyProtocol(spec) && 'PROXY protocol',
      detection.xForwardedFor && 'X-Forwarded-For',
      detection.customHeader &&
        `custom header ${detection.customHeader.name ?? ''}`.trim(),
    ].filter((m): m is string => Boolean(m));
    if (modes.length > 1) {
      found.push(
        mistake(
          'clientIpModesMixed',
          'error',
          `${label} takes the client IP from ${modes.join(' and ')} at once.`,
        ),
      );
    }
    const hops = detection.xForwardedFor?.numTrustedHops;
    if (hops !== undefined && (hops < 1 || hops > MAX_TRUSTED_HOPS)) {
      found.push(
        mistake(
          'wrongNumTrustedHops',
          hops < 1 ? 'warning' : 'error',
          hops < 1
            ? `${label} sets xForwardedFor.numTrustedHops: ${hops}, so Envoy ignores X-Forwarded-For and takes the load balancer for the client.`
            : `${label} sets xForwardedFor.numTrustedHops: ${hops}, more trusted proxies than any real chain (at most ${MAX_TRUSTED_HOPS}): callers can choose their own client IP.`,
        ),
      );
    }
  }
  return found;
}

/**
 * A Gateway with nearly the 64 listeners it may have (one per hostname fills it quickly).
 *
 * @public
 */
export function listenerCountMistake(
  gateway: Gateway,
): StatusSummary | undefined {
  const count = gateway.spec?.listeners?.length ?? 0;
  if (count < LISTENER_LIMIT_WARNING) return undefined;
  return mistake(
    'listenerCountNearLimit',
    'warning',
    `Gateway "${gateway.metadata?.namespace}/${gateway.metadata?.name}" has ${count} of the ${LISTENER_LIMIT} listeners a Gateway may have.`,
  );
}

/**
 * Every mistake of a Gateway's own configuration: its client IP and its listener count.
 *
 * @public
 */
export function gatewayMistakes(
  gateway: Gateway,
  input: {
    envoyProxy?: EnvoyProxy;
    clientTrafficPolicies: ImplementationPolicy[];
  },
): StatusSummary[] {
  const near = listenerCountMistake(gateway);
  return [...clientIpMistakes(gateway, input), ...(near ? [near] : [])];
}

/**
 * A policy that attaches to nothing: a targetRef naming no object (or no section) in its
 * namespace, or a targetSelector matching no object; undefined when every target resolves.
 *
 * @public
 */
export function policyTargetMistake(
  policy: ImplementationPolicy,
  candidates: PolicyTargetCandidates[],
): StatusSummary | undefined {
  const namespace = policy.metadata?.namespace;
  const missing = unresolvedTargetRefs(policy, candidates).map(
    ref =>
      `${ref.kind} "${ref.name}"${
        ref.sectionName ? ` (section "${ref.sectionName}")` : ''
      }`,
  );
  const emptySelectors = (policy.spec?.targetSelectors ?? []).filter(s => {
    const list = candidates.find(c => c.kind === s.kind);
    return (
      list !== undefined &&
      !list.objects.some(
        o =>
          o.metadata?.namespace === namespace &&
          matchesLabelSelector(s, o.metadata?.labels ?? {}),
      )
    );
  });
  const missingSelectors = emptySelectors.map(s => `its ${s.kind} selector`);
  const all = [...missing, ...missingSelectors];
  if (all.length === 0) return undefined;
  const total =
    policyTargetRefs(policy).length +
    (policy.spec?.targetSelectors ?? []).length;
  // A warning: what the policy was meant to change is not in force, yet what it was meant
  // for still serves.
  return mistake(
    'policyTargetNotFound',
    'warning',
    `${policyLabel(policy)}: ${all.join(', ')} ${
      all.length === 1 ? 'matches' : 'match'
    } nothing in namespace "${namespace}"${
      all.length === total ? ', so the policy applies to nothing' : ''
    }.`,
  );
}

/**
 * A policy whose implementation serves none of the Gateways its targets reach (for example
 * Envoy Gateway's BackendTrafficPolicy on a route of an NGINX Gateway Fabric Gateway): the
 * controllers there ignore it, so it applies to nothing. Undefined when one of them reads it,
 * when none of them is known, or when its targets reach no Gateway.
 *
 * @public
 */
export function policyImplementationMistake(
  policy: ImplementationPolicy,
  reached: readonly PolicyReachedGateway[],
): StatusSummary | undefined {
  const info = POLICY_KINDS[policy.kind ?? ''];
  if (!info) return undefined;
  const known = reached.filter(g => g.controllerName !== undefined);
  // A Gateway whose controller is not known may read it: no mistake to tell.
  if (known.length === 0 || known.length < reached.length) return undefined;
  if (known.some(g => controllerReadsPolicy(policy.kind, g.controllerName))) {
    return undefined;
  }
  const servedBy = known.map(g => {
    const other = policyImplementationOfController(g.controllerName!);
    return `Gateway "${g.namespace}/${g.name}" is served by ${
      other ? POLICY_IMPLEMENTATIONS[other].title : g.controllerName
    }`;
  });
  // A warning, as for a policy whose targets are missing: what it was meant to change is not
  // in force, yet what it targets still serves.
  return mistake(
    'policyOfAnotherImplementation',
    'warning',
    `${policyLabel(policy)} is ${
      POLICY_IMPLEMENTATIONS[info.implementation].title
    }'s, but ${servedBy.join(
      ', ',
    )}: not read, so the policy applies to nothing.`,
  );
}
