/**
 * The implementation policy kinds Gatehouse reads, what each may target, and what each sets,
 * in a few words, the way `egctl` shows effective configuration.
 */
import { ENVOY_GATEWAY_CONTROLLER_NAME } from '../ingress/implementation';
import { ClientTrafficPolicySpec, ImplementationPolicy } from './types';

/**
 * Which implementation a policy kind belongs to.
 *
 * @public
 */
export type PolicyImplementation = 'envoy-gateway' | 'nginx-gateway-fabric';

/**
 * A policy kind: its group, implementation, and the kinds its targets may name (from the CRDs'
 * validation rules).
 *
 * @public
 */
export interface PolicyKindInfo {
  kind: string;
  group: string;
  implementation: PolicyImplementation;
  targetKinds: readonly string[];
  /**
   * The settings (spec field paths) of a kind whose policies merge field by field (NGINX
   * Gateway Fabric's): two on one target conflict only where both set one of them, and a more
   * specific one overrides a less specific one only in the fields it sets. Undefined: a policy
   * of the kind replaces another whole (Envoy Gateway's, and those without such settings).
   */
  mergeableFields?: readonly string[];
  /**
   * When two policies of the kind on one target conflict (the newer is Conflicted): `always`
   * (Envoy Gateway's kinds), `sharedField` only where both set one of `mergeableFields`, or
   * `never` (both stay accepted). NGINX Gateway Fabric's rule is each kind's validator's
   * `Conflicts`.
   */
  sameTargetConflict: PolicyConflictRule;
}

/**
 * When two policies of one kind on one target conflict (see {@link PolicyKindInfo}).
 *
 * @public
 */
export type PolicyConflictRule = 'always' | 'sharedField' | 'never';

const ENVOY_GATEWAY_GROUP = 'gateway.envoyproxy.io';
const NGINX_GATEWAY_GROUP = 'gateway.nginx.org';

const eg = (kind: string, targetKinds: string[]): PolicyKindInfo => ({
  kind,
  group: ENVOY_GATEWAY_GROUP,
  implementation: 'envoy-gateway',
  targetKinds,
  sameTargetConflict: 'always',
});
/** A kind merged field by field: its policies conflict where both set one of the fields. */
const ngf = (
  kind: string,
  targetKinds: string[],
  mergeableFields: string[],
): PolicyKindInfo => ({
  kind,
  group: NGINX_GATEWAY_GROUP,
  implementation: 'nginx-gateway-fabric',
  targetKinds,
  mergeableFields,
  sameTargetConflict: 'sharedField',
});
/** A kind whose policies never conflict: every one on a target stays accepted. */
const ngfNeverConflicting = (
  kind: string,
  targetKinds: string[],
): PolicyKindInfo => ({
  kind,
  group: NGINX_GATEWAY_GROUP,
  implementation: 'nginx-gateway-fabric',
  targetKinds,
  sameTargetConflict: 'never',
});

/**
 * Every policy kind Gatehouse shows, by kind (Envoy Gateway v1.9, NGINX Gateway Fabric v2.6).
 *
 * @public
 */
export const POLICY_KINDS: Readonly<Record<string, PolicyKindInfo>> = {
  ClientTrafficPolicy: eg('ClientTrafficPolicy', ['Gateway', 'ListenerSet']),
  BackendTrafficPolicy: eg('BackendTrafficPolicy', [
    'Gateway',
    'ListenerSet',
    'HTTPRoute',
    'GRPCRoute',
    'TCPRoute',
    'UDPRoute',
    'TLSRoute',
  ]),
  SecurityPolicy: eg('SecurityPolicy', [
    'Gateway',
    'ListenerSet',
    'HTTPRoute',
    'GRPCRoute',
    'TCPRoute',
  ]),
  // NGINX Gateway Fabric v2.6's fields, from each kind's validator's `Conflicts`.
  ClientSettingsPolicy: ngf(
    'ClientSettingsPolicy',
    ['Gateway', 'HTTPRoute', 'GRPCRoute'],
    [
      'body.timeout',
      'body.maxSize',
      'keepAlive.requests',
      'keepAlive.time',
      'keepAlive.minTimeout',
      'keepAlive.timeout',
    ],
  ),
  ProxySettingsPolicy: ngf(
    'ProxySettingsPolicy',
    ['Gateway', 'HTTPRoute', 'GRPCRoute'],
    [
      'buffering.disable',
      'buffering.bufferSize',
      'buffering.buffers',
      'buffering.busyBuffersSize',
      'timeout.connect',
      'timeout.read',
      'timeout.send',
    ],
  ),
  RateLimitPolicy: ngf(
    'RateLimitPolicy',
    ['Gateway', 'HTTPRoute', 'GRPCRoute'],
    ['rateLimit.dryRun', 'rateLimit.logLevel', 'rateLimit.rejectCode'],
  ),
  ObservabilityPolicy: ngf(
    'ObservabilityPolicy',
    ['HTTPRoute', 'GRPCRoute'],
    ['tracing'],
  ),
  // Its validator's Conflicts is always false: each policy's snippets are included.
  SnippetsPolicy: ngfNeverConflicting('SnippetsPolicy', ['Gateway']),
  // Its validator's Conflicts is always false: two on one target are both accepted, each
  // written into the config as its own include. A route's replaces its Gateway's whole (the
  // WAF design's "more specific policy completely overrides less specific policy").
  WAFPolicy: ngfNeverConflicting('WAFPolicy', [
    'Gateway',
    'HTTPRoute',
    'GRPCRoute',
  ]),
  UpstreamSettingsPolicy: ngf(
    'UpstreamSettingsPolicy',
    ['Service'],
    [
      'zoneSize',
      'keepAlive.connections',
      'keepAlive.requests',
      'keepAlive.time',
      'keepAlive.timeout',
      'loadBalancingMethod',
      'hashMethodKey',
    ],
  ),
};

/**
 * The controllerName NGINX Gateway Fabric's GatewayClasses carry by default (its
 * `gatewayControllerName`; any name it is given must lie in its domain, `gateway.nginx.org`).
 *
 * @public
 */
export const NGINX_GATEWAY_FABRIC_CONTROLLER_NAME =
  'gateway.nginx.org/nginx-gateway-controller';

/**
 * An implementation whose policies Gatehouse reads: its name, and the GatewayClass
 * `controllerName`s of its controller, which alone reads its policies (a controller ignores
 * another implementation's).
 *
 * @public
 */
export interface PolicyImplementationInfo {
  title: string;
  /** The controllerName it writes by default. */
  controllerName: string;
  /**
   * The domain of every controllerName it runs under (the part before the `/`): a
   * controllerName is a domain-prefixed path, and an installation renamed within the
   * project's domain is still the same controller.
   */
  controllerDomain: string;
}

/**
 * Each implementation whose policies Gatehouse reads, with the controllers that read them.
 *
 * @public
 */
export const POLICY_IMPLEMENTATIONS: Readonly<
  Record<PolicyImplementation, PolicyImplementationInfo>
> = {
  'envoy-gateway': {
    title: 'Envoy Gateway',
    controllerName: ENVOY_GATEWAY_CONTROLLER_NAME,
    controllerDomain: 'gateway.envoyproxy.io',
  },
  'nginx-gateway-fabric': {
    title: 'NGINX Gateway Fabric',
    controllerName: NGINX_GATEWAY_FABRIC_CONTROLLER_NAME,
    controllerDomain: 'gateway.nginx.org',
  },
};

/**
 * The implementation (of those whose policies Gatehouse reads) a GatewayClass's
 * `controllerName` belongs to; undefined for any other controller.
 *
 * @public
 */
export function policyImplementationOfController(
  controllerName: string,
): PolicyImplementation | undefined {
  const domain = controllerName.split('/')[0];
  return (Object.keys(POLICY_IMPLEMENTATIONS) as PolicyImplementation[]).find(
    i => POLICY_IMPLEMENTATIONS[i].controllerDomain === domain,
  );
}

/**
 * Whether the controller of a Gateway's class reads a policy: only its own implementation's
 * controller does. Undefined when that cannot be told: a kind Gatehouse does not know, or a
 * Gateway whose class (and so its controllerName) is not known.
 *
 * @public
 */
export function controllerReadsPolicy(
  policyKind: string | undefined,
  controllerName: string | undefined,
): boolean | undefined {
  const info = POLICY_KINDS[policyKind ?? ''];
  if (!info || controllerName === undefined) return undefined;
  return (
    policyImplementationOfController(controllerName) === info.implementation
  );
}

/**
 * The mergeable fields (see {@link PolicyKindInfo}) a policy sets.
 *
 * @public
 */
export function mergeableFieldsSet(policy: ImplementationPolicy): string[] {
  const spec = policy.spec ?? {};
  return (POLICY_KINDS[policy.kind ?? '']?.mergeableFields ?? []).filter(
    path => {
      const value = path
        .split('.')
        .reduce<any>(
          (o, k) => (o === undefined || o === null ? o : o[k]),
          spec,
        );
      return value !== undefined && value !== null;
    },
  );
}

type Spec = Record<string, any>;

const has = (value: unknown) =>
  value !== undefined && value !== null && value !== false;

/** `{ requestTimeout: '5s' }` as `request timeout 5s`, for the fields that are set. */
function durations(label: string, fields: Spec | undefined): string[] {
  return Object.entries(fields ?? {})
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(
      ([k, v]) =>
        `${label}${k.replace(/([A-Z])/g, ' $1').toLowerCase()} ${String(v)}`,
    );
}

/**
 * How a ClientTrafficPolicy says the client IP arrives, in a few words per mode.
 *
 * @public
 */
export function clientIpSetting(spec: ClientTrafficPolicySpec): string[] {
  const modes: string[] = [];
  if (spec.proxyProtocol || spec.enableProxyProtocol) {
    modes.push(
      `client IP from PROXY protocol${
        spec.proxyProtocol?.optional ? ' (optional)' : ''
      }`,
    );
  }
  const detection = spec.clientIPDetection;
  const xff = detection?.xForwardedFor;
  if (xff) {
    modes.push(
      xff.trustedCIDRs
        ? `client IP from X-Forwarded-For (trusted ${xff.trustedCIDRs.join(
            ', ',
          )})`
        : `client IP from X-Forwarded-For (${
            xff.numTrustedHops ?? 0
          } trusted hop${xff.numTrustedHops === 1 ? '' : 's'})`,
    );
  }
  if (detection?.customHeader) {
    modes.push(`client IP from header ${detection.customHeader.name ?? ''}`);
  }
  if (detection?.directSourceIP) modes.push('client IP from the TCP peer');
  return modes;
}

function rateLimitSetting(rateLimit: Spec | undefined): string[] {
  if (!rateLimit) return [];
  const rules: Spec[] = [
    ...(rateLimit.local?.rules ?? []),
    ...(rateLimit.global?.rules ?? []),
  ];
  // Envoy Gateway writes `limit: { requests, unit }`, NGINX Gateway Fabric `rate: 10r/s`.
  const limits = rules
    .map(r => (r.limit ? `${r.limit.requests}/${r.limit.unit}` : r.rate))
    .filter(Boolean);
  const scope = rateLimit.global ? 'global' : 'local';
  return [
    `rate limit (${scope})${limits.length ? ` ${limits.join(', ')}` : ''}`,
  ];
}

function corsSetting(cors: Spec | undefined): string[] {
  if (!cors) return [];
  const origins: string[] = cors.allowOrigins ?? [];
  return [`CORS${origins.length ? ` from ${origins.join(', ')}` : ''}`];
}

const SUMMARIES: Record<string, (spec: Spec) => string[]> = {
  ClientTrafficPolicy: spec => [
    ...clientIpSetting(spec),
    ...durations('client ', spec.timeout?.http),
    ...durations('client TCP ', spec.timeout?.tcp),
    ...(spec.tls?.minVersion ? [`TLS ${spec.tls.minVersion} or later`] : []),
    ...(spec.tls?.clientValidation ? ['client certificates verified'] : []),
    ...(has(spec.connection?.connectionLimit) ? ['connection limit'] : []),
  ],
  BackendTrafficPolicy: spec => [
    ...durations('', spec.timeout?.http),
    ...durations('TCP ', spec.timeout?.tcp),
    ...(spec.retry
      ? [
          `retries ${spec.retry.numRetries ?? 2}${
            spec.retry.retryOn?.triggers
              ? ` on ${spec.retry.retryOn.triggers.join(', ')}`
              : ''
          }`,
        ]
      : []),
    ...rateLimitSetting(spec.rateLimit),
    ...(spec.circuitBreaker ? ['circuit breaker'] : []),
    ...(spec.loadBalancer?.type
      ? [`load balancing ${spec.loadBalancer.type}`]
      : []),
    ...(spec.healthCheck ? ['health checks'] : []),
    ...(spec.requestBuffer?.limit
      ? [`request buffer ${spec.requestBuffer.limit}`]
      : []),
  ],
  SecurityPolicy: spec => [
    ...corsSetting(spec.cors),
    ...(spec.jwt ? ['JWT authentication'] : []),
    ...(spec.oidc ? ['OIDC authentication'] : []),
    ...(spec.basicAuth ? ['basic authentication'] : []),
    ...(spec.apiKeyAuth ? ['API key authentication'] : []),
    ...(spec.extAuth ? ['external authorization'] : []),
    ...(spec.authorization
      ? [
          `authorization (${spec.authorization.rules?.length ?? 0} rule${
            spec.authorization.rules?.length === 1 ? '' : 's'
          }, default ${spec.authorization.defaultAction ?? 'Deny'})`,
        ]
      : []),
  ],
  ClientSettingsPolicy: spec => [
    ...(spec.body?.maxSize ? [`request body up to ${spec.body.maxSize}`] : []),
    ...(spec.body?.timeout ? [`body timeout ${spec.body.timeout}`] : []),
    ...(spec.keepAlive ? ['client keep-alive'] : []),
  ],
  ProxySettingsPolicy: spec => [
    ...(spec.buffering
      ? [
          spec.buffering.disable
            ? 'response buffering off'
            : 'response buffering',
        ]
      : []),
    ...Object.entries(spec.timeout ?? {}).map(
      ([k, v]) => `upstream ${k} timeout ${String(v)}`,
    ),
  ],
  RateLimitPolicy: spec => rateLimitSetting(spec.rateLimit ?? {}),
  ObservabilityPolicy: spec =>
    spec.tracing ? [`tracing ${spec.tracing.strategy ?? ''}`.trim()] : [],
  SnippetsPolicy: spec => [`NGINX snippets (${(spec.snippets ?? []).length})`],
  WAFPolicy: () => ['web application firewall'],
  UpstreamSettingsPolicy: spec => [
    ...(spec.loadBalancingMethod
      ? [`load balancing ${spec.loadBalancingMethod}`]
      : []),
    ...(spec.keepAlive ? ['upstream keep-alive'] : []),
  ],
};

/**
 * What a policy sets, in a few words per setting (timeouts, retries, rate limits, CORS,
 * authentication, client IP...); empty for a kind Gatehouse does not know.
 *
 * @public
 */
export function policySettings(policy: ImplementationPolicy): string[] {
  const summarise = SUMMARIES[policy.kind ?? ''];
  return summarise ? summarise((policy.spec ?? {}) as Spec) : [];
}
