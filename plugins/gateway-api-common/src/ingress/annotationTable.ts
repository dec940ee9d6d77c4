/**
 * Every annotation ingress-nginx documents (user guide, "Annotations" and "Annotations Scope and
 * Risk"), with what the migration does with it. One table, so no annotation is silently dropped:
 * the translator reports any key it does not find here as unknown.
 */

/**
 * How the migration carries an annotation.
 *
 * @public
 */
export type IngressNginxAnnotationHandling =
  /** Becomes an HTTPRoute field or filter, on every implementation. */
  | 'route'
  /** Becomes an Envoy Gateway policy; no equivalent on other implementations. */
  | 'envoy-gateway'
  /** The HTTPRoute CORS filter where served, else Envoy Gateway's SecurityPolicy. */
  | 'cors'
  /** HTTP → HTTPS redirect and TLS handling (a redirect route on the HTTP listener). */
  | 'tls'
  /** Read on canary Ingresses and folded into the main Ingress's route. */
  | 'canary'
  /** Nothing in the Gateway API or Envoy Gateway does it per route. */
  | 'no-equivalent'
  /** No effect on routing (logging, tracing). */
  | 'ignored'
  /** Raw nginx configuration: configuration injection. */
  | 'snippet';

/**
 * One annotation of the table.
 *
 * @public
 */
export interface IngressNginxAnnotation {
  /** The name after the prefix, e.g. `rewrite-target`. */
  name: string;
  handling: IngressNginxAnnotationHandling;
  /** What it becomes, or why it has no equivalent. */
  gatewayApi: string;
  /** Whether losing it blocks the migration until accepted. */
  severity: 'blocking' | 'informational';
  /** Dropping it weakens access control or is configuration injection. */
  security?: boolean;
}

type Row = [
  string,
  IngressNginxAnnotationHandling,
  string,
  ('blocking' | 'informational')?,
  boolean?,
];

const B = 'blocking' as const;
const I = 'informational' as const;

const ROWS: Row[] = [
  // Redirects and rewrites
  [
    'ssl-redirect',
    'tls',
    'an HTTPRoute on the HTTP listener with a RequestRedirect to https (on by default for hosts with TLS)',
    B,
  ],
  [
    'force-ssl-redirect',
    'tls',
    'an HTTPRoute on the HTTP listener with a RequestRedirect to https, TLS or not',
    B,
  ],
  [
    'preserve-trailing-slash',
    'tls',
    'nothing to do: RequestRedirect keeps the path as it is',
    I,
  ],
  [
    'permanent-redirect',
    'route',
    'RequestRedirect filter (301, or permanent-redirect-code)',
    B,
  ],
  [
    'permanent-redirect-code',
    'route',
    'the statusCode of the permanent-redirect RequestRedirect',
    B,
  ],
  [
    'temporal-redirect',
    'route',
    'RequestRedirect filter (302, or temporal-redirect-code)',
    B,
  ],
  [
    'temporal-redirect-code',
    'route',
    'the statusCode of the temporal-redirect RequestRedirect',
    B,
  ],
  [
    'app-root',
    'route',
    'a rule matching exactly / with a 302 RequestRedirect to the application root',
    B,
  ],
  [
    'rewrite-target',
    'route',
    'URLRewrite filter (ReplacePrefixMatch; capture groups only in the path(/|$)(.*) → /$2 form)',
    B,
  ],
  [
    'use-regex',
    'route',
    'RegularExpression path matches (RE2, implementation-specific support)',
    B,
  ],
  [
    'from-to-www-redirect',
    'route',
    'an HTTPRoute for the www (or bare) name with a RequestRedirect to the Ingress host',
    B,
  ],
  [
    'server-alias',
    'route',
    'more hostnames on the route (one-host Ingresses only)',
    B,
  ],
  [
    'use-port-in-redirects',
    'no-equivalent',
    'redirects are written by the Gateway, which does not add the port',
    I,
  ],
  // Headers
  [
    'upstream-vhost',
    'route',
    'URLRewrite filter hostname (the Host header sent to the Service)',
    B,
  ],
  [
    'x-forwarded-prefix',
    'route',
    'RequestHeaderModifier filter setting X-Forwarded-Prefix',
    B,
  ],
  [
    'custom-headers',
    'route',
    "ResponseHeaderModifier filter setting the ConfigMap's headers",
    B,
  ],
  [
    'connection-proxy-header',
    'no-equivalent',
    'the Gateway manages the Connection header to the Service',
    I,
  ],
  // CORS
  [
    'enable-cors',
    'cors',
    'HTTPRoute CORS filter (Gateway API v1.5+), else Envoy Gateway SecurityPolicy cors',
    B,
  ],
  ['cors-allow-origin', 'cors', 'allowOrigins of the CORS configuration', B],
  ['cors-allow-methods', 'cors', 'allowMethods of the CORS configuration', B],
  ['cors-allow-headers', 'cors', 'allowHeaders of the CORS configuration', B],
  ['cors-expose-headers', 'cors', 'exposeHeaders of the CORS configuration', B],
  [
    'cors-allow-credentials',
    'cors',
    'allowCredentials of the CORS configuration',
    B,
  ],
  ['cors-max-age', 'cors', 'maxAge of the CORS configuration', B],
  // Timeouts and retries
  [
    'proxy-connect-timeout',
    'envoy-gateway',
    'BackendTrafficPolicy timeout.tcp.connectTimeout',
    B,
  ],
  [
    'proxy-read-timeout',
    'route',
    'BackendTrafficPolicy timeout.http.streamIdleTimeout on Envoy Gateway, HTTPRoute timeouts.backendRequest elsewhere',
    B,
  ],
  [
    'proxy-send-timeout',
    'route',
    'BackendTrafficPolicy timeout.http.streamIdleTimeout on Envoy Gateway, HTTPRoute timeouts.backendRequest elsewhere',
    B,
  ],
  [
    'proxy-next-upstream',
    'envoy-gateway',
    'BackendTrafficPolicy retry.retryOn',
    B,
  ],
  [
    'proxy-next-upstream-tries',
    'envoy-gateway',
    'BackendTrafficPolicy retry.numRetries (tries − 1)',
    B,
  ],
  [
    'proxy-next-upstream-timeout',
    'no-equivalent',
    'Envoy Gateway limits each try (retry.perRetry.timeout), not the time spent on all of them',
    I,
  ],
  // Rate limits
  [
    'limit-rps',
    'envoy-gateway',
    'BackendTrafficPolicy rateLimit.local rule per second',
    B,
  ],
  [
    'limit-rpm',
    'envoy-gateway',
    'BackendTrafficPolicy rateLimit.local rule per minute',
    B,
  ],
  [
    'limit-burst-multiplier',
    'envoy-gateway',
    'no burst in the local rate limit: the limit is the plain rate',
    I,
  ],
  [
    'limit-allowlist',
    'envoy-gateway',
    'rate limit clientSelectors excluding the CIDRs (sourceCIDR, invert)',
    B,
  ],
  [
    'limit-whitelist',
    'envoy-gateway',
    'rate limit clientSelectors excluding the CIDRs (sourceCIDR, invert)',
    B,
  ],
  [
    'limit-connections',
    'no-equivalent',
    'no per-client-IP connection limit per route (circuit breakers limit all clients together)',
    B,
  ],
  [
    'limit-rate',
    'no-equivalent',
    'no per-connection response bandwidth limit per route',
    B,
  ],
  [
    'limit-rate-after',
    'no-equivalent',
    'no per-connection response bandwidth limit per route',
    I,
  ],
  [
    'global-rate-limit',
    'no-equivalent',
    'Envoy Gateway global rate limits need its rate limit service and Redis, set up by the platform team',
    B,
  ],
  ['global-rate-limit-window', 'no-equivalent', 'see global-rate-limit', I],
  ['global-rate-limit-key', 'no-equivalent', 'see global-rate-limit', I],
  [
    'global-rate-limit-ignored-cidrs',
    'no-equivalent',
    'see global-rate-limit',
    I,
  ],
  // Access control
  [
    'whitelist-source-range',
    'envoy-gateway',
    'SecurityPolicy authorization: Allow the CIDRs, Deny the rest',
    B,
    true,
  ],
  [
    'allowlist-source-range',
    'envoy-gateway',
    'SecurityPolicy authorization: Allow the CIDRs, Deny the rest',
    B,
    true,
  ],
  [
    'denylist-source-range',
    'envoy-gateway',
    'SecurityPolicy authorization: Deny the CIDRs',
    B,
    true,
  ],
  [
    'auth-type',
    'envoy-gateway',
    'SecurityPolicy basicAuth (basic only; digest has no equivalent)',
    B,
    true,
  ],
  [
    'auth-secret',
    'envoy-gateway',
    'SecurityPolicy basicAuth.users (a Secret with a .htpasswd key)',
    B,
    true,
  ],
  [
    'auth-secret-type',
    'envoy-gateway',
    'SecurityPolicy basicAuth reads one .htpasswd key (auth-file form)',
    B,
    true,
  ],
  [
    'auth-realm',
    'ignored',
    'the realm shown in the browser prompt; Envoy Gateway sends its own',
    I,
  ],
  [
    'satisfy',
    'no-equivalent',
    'Envoy Gateway requires every configured check; "any" cannot be expressed',
    B,
    true,
  ],
  [
    'auth-url',
    'no-equivalent',
    "Envoy Gateway's extAuth calls the service with the request's own path and cannot redirect to a sign-in page; write its SecurityPolicy extAuth or oidc by hand",
    B,
    true,
  ],
  [
    'auth-signin',
    'no-equivalent',
    'no redirect to a sign-in page on failed authentication (SecurityPolicy oidc is the nearest)',
    B,
    true,
  ],
  ['auth-signin-redirect-param', 'no-equivalent', 'see auth-signin', I],
  ['auth-method', 'no-equivalent', 'see auth-url', I],
  [
    'auth-response-headers',
    'no-equivalent',
    'see auth-url (extAuth headersToBackend)',
    I,
  ],
  ['auth-proxy-set-headers', 'no-equivalent', 'see auth-url', I],
  ['auth-request-redirect', 'no-equivalent', 'see auth-url', I],
  ['auth-cache-key', 'no-equivalent', 'see auth-url', I],
  ['auth-cache-duration', 'no-equivalent', 'see auth-url', I],
  ['auth-keepalive', 'no-equivalent', 'see auth-url', I],
  ['auth-keepalive-requests', 'no-equivalent', 'see auth-url', I],
  ['auth-keepalive-share-vars', 'no-equivalent', 'see auth-url', I],
  ['auth-keepalive-timeout', 'no-equivalent', 'see auth-url', I],
  ['auth-always-set-cookie', 'no-equivalent', 'see auth-url', I],
  [
    'enable-global-auth',
    'no-equivalent',
    'the global external authentication of the controller has no Gateway counterpart',
    I,
  ],
  [
    'auth-tls-secret',
    'no-equivalent',
    'client certificates are verified per listener (ClientTrafficPolicy tls.clientValidation on the Gateway), not per route',
    B,
    true,
  ],
  ['auth-tls-verify-client', 'no-equivalent', 'see auth-tls-secret', B, true],
  ['auth-tls-verify-depth', 'no-equivalent', 'see auth-tls-secret', I],
  ['auth-tls-error-page', 'no-equivalent', 'see auth-tls-secret', I],
  [
    'auth-tls-pass-certificate-to-upstream',
    'no-equivalent',
    'see auth-tls-secret',
    I,
  ],
  ['auth-tls-match-cn', 'no-equivalent', 'see auth-tls-secret', B, true],
  [
    'enable-modsecurity',
    'no-equivalent',
    'no web application firewall in the Gateway API or Envoy Gateway',
    B,
    true,
  ],
  [
    'enable-owasp-core-rules',
    'no-equivalent',
    'no web application firewall in the Gateway API or Envoy Gateway',
    B,
    true,
  ],
  ['modsecurity-transaction-id', 'no-equivalent', 'see enable-modsecurity', I],
  // Backends and load balancing
  [
    'backend-protocol',
    'route',
    'HTTP needs nothing; HTTPS needs a BackendTLSPolicy, GRPC a GRPCRoute; AJP and FCGI have no equivalent',
    B,
  ],
  [
    'service-upstream',
    'no-equivalent',
    'the implementation chooses between endpoints and the Service IP',
    I,
  ],
  [
    'load-balance',
    'envoy-gateway',
    'BackendTrafficPolicy loadBalancer (round_robin → RoundRobin)',
    I,
  ],
  [
    'upstream-hash-by',
    'envoy-gateway',
    'BackendTrafficPolicy loadBalancer ConsistentHash ($remote_addr → SourceIP, $http_x → Header)',
    B,
  ],
  ['upstream-hash-by-subset', 'no-equivalent', 'no subset hashing', I],
  ['upstream-hash-by-subset-size', 'no-equivalent', 'no subset hashing', I],
  [
    'affinity',
    'envoy-gateway',
    'BackendTrafficPolicy loadBalancer ConsistentHash by Cookie',
    B,
  ],
  [
    'affinity-mode',
    'no-equivalent',
    'a consistent hash rebalances some sessions when endpoints change (the "balanced" mode)',
    I,
  ],
  [
    'affinity-canary-behavior',
    'no-equivalent',
    'canary weights and cookie affinity are independent on the Gateway',
    I,
  ],
  [
    'session-cookie-name',
    'envoy-gateway',
    'the consistent-hash cookie name',
    B,
  ],
  [
    'session-cookie-max-age',
    'envoy-gateway',
    'the consistent-hash cookie ttl',
    I,
  ],
  [
    'session-cookie-expires',
    'envoy-gateway',
    'the consistent-hash cookie ttl',
    I,
  ],
  [
    'session-cookie-path',
    'no-equivalent',
    'the cookie attributes are set by Envoy Gateway',
    I,
  ],
  [
    'session-cookie-domain',
    'no-equivalent',
    'the cookie attributes are set by Envoy Gateway',
    I,
  ],
  [
    'session-cookie-samesite',
    'no-equivalent',
    'the cookie attributes are set by Envoy Gateway',
    I,
  ],
  [
    'session-cookie-conditional-samesite-none',
    'no-equivalent',
    'the cookie attributes are set by Envoy Gateway',
    I,
  ],
  [
    'session-cookie-secure',
    'no-equivalent',
    'the cookie attributes are set by Envoy Gateway',
    I,
  ],
  [
    'session-cookie-partitioned',
    'no-equivalent',
    'the cookie attributes are set by Envoy Gateway',
    I,
  ],
  [
    'session-cookie-change-on-failure',
    'no-equivalent',
    'a consistent hash picks another endpoint when one fails, without a new cookie',
    I,
  ],
  [
    'default-backend',
    'no-equivalent',
    'no fallback Service for a backend without endpoints or for error responses',
    B,
  ],
  [
    'custom-http-errors',
    'no-equivalent',
    'no interception of error responses into another Service per route',
    B,
  ],
  [
    'disable-proxy-intercept-errors',
    'no-equivalent',
    'see custom-http-errors',
    I,
  ],
  [
    'mirror-target',
    'no-equivalent',
    'RequestMirror mirrors to a Service, not to a URL',
    B,
  ],
  ['mirror-host', 'no-equivalent', 'see mirror-target', I],
  ['mirror-request-body', 'no-equivalent', 'see mirror-target', I],
  ['fastcgi-index', 'no-equivalent', 'no FastCGI backends', B],
  ['fastcgi-params-configmap', 'no-equivalent', 'no FastCGI backends', B],
  [
    'proxy-ssl-secret',
    'no-equivalent',
    'backend TLS is a BackendTLSPolicy on the Service, written by hand',
    B,
  ],
  ['proxy-ssl-verify', 'no-equivalent', 'see proxy-ssl-secret', B],
  ['proxy-ssl-verify-depth', 'no-equivalent', 'see proxy-ssl-secret', I],
  ['proxy-ssl-ciphers', 'no-equivalent', 'see proxy-ssl-secret', I],
  ['proxy-ssl-protocols', 'no-equivalent', 'see proxy-ssl-secret', I],
  [
    'proxy-ssl-name',
    'no-equivalent',
    'see proxy-ssl-secret (BackendTLSPolicy validation.hostname)',
    B,
  ],
  ['proxy-ssl-server-name', 'no-equivalent', 'see proxy-ssl-secret', I],
  [
    'ssl-passthrough',
    'no-equivalent',
    'TLS passthrough is a TLSRoute on a Passthrough listener, not an HTTPRoute: expose the service as TLSRoute instead',
    B,
  ],
  [
    'ssl-ciphers',
    'no-equivalent',
    'ciphers are set per listener (ClientTrafficPolicy tls.ciphers), not per route',
    I,
  ],
  ['ssl-prefer-server-ciphers', 'no-equivalent', 'see ssl-ciphers', I],
  // Request and response handling
  [
    'proxy-body-size',
    'envoy-gateway',
    'BackendTrafficPolicy requestBuffer.limit (ClientTrafficPolicy targets Gateways and ListenerSets only; buffers whole bodies, not for streaming or WebSocket)',
    B,
  ],
  [
    'client-body-buffer-size',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-buffering',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-buffers-number',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-buffer-size',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-busy-buffers-size',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-max-temp-file-size',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-request-buffering',
    'no-equivalent',
    'buffer tuning; the Gateway manages its buffers',
    I,
  ],
  [
    'proxy-http-version',
    'no-equivalent',
    'the Gateway speaks HTTP/1.1 (or the appProtocol of the Service port) to backends',
    I,
  ],
  [
    'proxy-cookie-domain',
    'no-equivalent',
    'no rewriting of Set-Cookie attributes',
    B,
  ],
  [
    'proxy-cookie-path',
    'no-equivalent',
    'no rewriting of Set-Cookie attributes',
    B,
  ],
  [
    'proxy-redirect-from',
    'no-equivalent',
    'no rewriting of the Location header of responses',
    B,
  ],
  [
    'proxy-redirect-to',
    'no-equivalent',
    'no rewriting of the Location header of responses',
    B,
  ],
  [
    'http2-push-preload',
    'no-equivalent',
    'HTTP/2 server push is gone from browsers and Envoy',
    I,
  ],
  // Canary
  [
    'canary',
    'canary',
    'weighted backendRefs and header matches in the main Ingress route',
    B,
  ],
  [
    'canary-weight',
    'canary',
    'backendRef weights (canary-weight against canary-weight-total − canary-weight)',
    B,
  ],
  ['canary-weight-total', 'canary', 'the total of the backendRef weights', B],
  [
    'canary-by-header',
    'canary',
    'a rule with a header match ("always" to the canary, "never" to the main Service)',
    B,
  ],
  [
    'canary-by-header-value',
    'canary',
    'the Exact value of the header match',
    B,
  ],
  ['canary-by-header-pattern', 'canary', 'a RegularExpression header match', B],
  [
    'canary-by-cookie',
    'no-equivalent',
    'HTTPRoute cannot match a cookie value',
    B,
  ],
  // Snippets
  [
    'configuration-snippet',
    'snippet',
    'raw nginx location configuration',
    B,
    true,
  ],
  ['server-snippet', 'snippet', 'raw nginx server configuration', B, true],
  ['stream-snippet', 'snippet', 'raw nginx stream configuration', B, true],
  [
    'auth-snippet',
    'snippet',
    'raw nginx configuration of the authentication request',
    B,
    true,
  ],
  ['modsecurity-snippet', 'snippet', 'raw ModSecurity rules', B, true],
  // Observability
  [
    'enable-access-log',
    'ignored',
    'logging; configured on the Gateway (EnvoyProxy telemetry)',
    I,
  ],
  ['enable-rewrite-log', 'ignored', 'logging', I],
  ['enable-opentracing', 'ignored', 'tracing; configured on the Gateway', I],
  ['opentracing-trust-incoming-span', 'ignored', 'tracing', I],
  ['enable-opentelemetry', 'ignored', 'tracing; configured on the Gateway', I],
  ['opentelemetry-operation-name', 'ignored', 'tracing', I],
  ['opentelemetry-trust-incoming-span', 'ignored', 'tracing', I],
  ['opentelemetry-trust-incoming-spans', 'ignored', 'tracing', I],
  ['enable-influxdb', 'ignored', 'metrics', I],
  ['influxdb-measurement', 'ignored', 'metrics', I],
  ['influxdb-port', 'ignored', 'metrics', I],
  ['influxdb-host', 'ignored', 'metrics', I],
  ['influxdb-server-name', 'ignored', 'metrics', I],
];

/**
 * The annotation table, by name without prefix.
 *
 * @public
 */
export const INGRESS_NGINX_ANNOTATIONS: Readonly<
  Record<string, IngressNginxAnnotation>
> = Object.freeze(
  Object.fromEntries(
    ROWS.map(([name, handling, gatewayApi, severity, security]) => [
      name,
      {
        name,
        handling,
        gatewayApi,
        severity: severity ?? B,
        ...(security ? { security } : {}),
      },
    ]),
  ),
);

/**
 * The default `--annotations-prefix` of ingress-nginx.
 *
 * @public
 */
export const INGRESS_NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io';

/** Annotations of other tools, read by them and not by ingress-nginx. */
export const FOREIGN_ANNOTATIONS: Record<string, string> = {
  'kubernetes.io/ingress.class':
    'the Ingress class; the routes attach to the chosen parent instead',
  'kubectl.kubernetes.io/last-applied-configuration': 'written by kubectl',
  'cert-manager.io/cluster-issuer':
    "read by cert-manager's ingress-shim (see the TLS choice)",
  'cert-manager.io/issuer':
    "read by cert-manager's ingress-shim (see the TLS choice)",
  'kubernetes.io/tls-acme':
    "read by cert-manager's ingress-shim (see the TLS choice)",
};

/** cert-manager annotations other than the issuer ones: all read by its ingress-shim. */
export const CERT_MANAGER_PREFIX = 'cert-manager.io/';
