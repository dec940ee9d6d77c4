/**
 * The migration corpus: Ingresses from ingress-nginx's annotation documentation
 * (kubernetes.github.io/ingress-nginx, user guide → NGINX configuration → Annotations, and the
 * examples it links: canary, rewrite, affinity, auth, CORS, redirects, ingress path matching),
 * each with the differences the translation must name and the objects it must write.
 */
import { dnsSubdomainName } from '../../names';
import { CorpusCase, NAMESPACE, ingress, rule } from './corpus';

const GW = {
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  namespace: 'gateway',
  name: 'shared',
};
const cert = (host: string) => `default-certificate:${host}`;
/** A Gateway API v1.5+ install whose class lists every redirect feature (Envoy Gateway's claims). */
const EXTENDED_REDIRECT_CODES = {
  httpRouteRedirectCodes: true,
  supportedFeatures: [
    'Gateway',
    'HTTPRoute',
    'HTTPRoute303RedirectStatusCode',
    'HTTPRoute307RedirectStatusCode',
    'HTTPRoute308RedirectStatusCode',
    'HTTPRoutePathRedirect',
    'HTTPRoutePortRedirect',
    'HTTPRouteSchemeRedirect',
  ],
};
const route = (name: string) => `HTTPRoute/${name}`;
const svc = (name: string, port = 80) => ({ name, port });
const prefix = (value: string) => ({ path: { type: 'PathPrefix', value } });
const exact = (value: string) => ({ path: { type: 'Exact', value } });
const simple = (host: string, service = 'http-svc') => ({
  rules: [rule(host, ['/', 'Prefix', service, 80])],
});
const routeTo = (host: string, service = 'http-svc', extra: object = {}) => ({
  spec: {
    parentRefs: [GW],
    hostnames: [host],
    rules: [{ matches: [prefix('/')], backendRefs: [svc(service)], ...extra }],
  },
});
const targetRefs = (name: string) => [
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name },
];

const production = ingress(
  'production',
  {},
  simple('echo.prod.mydomain.com', 'production'),
);
const canary = (annotations: Record<string, string>) =>
  ingress(
    'canary',
    { canary: 'true', ...annotations },
    simple('echo.prod.mydomain.com', 'canary'),
  );
const ECHO = 'echo.prod.mydomain.com';

/** The corpus, in the order of the documentation. */
export const CORPUS: CorpusCase[] = [
  // Canary
  {
    name: 'canary by weight',
    doc: 'Canary; examples/canary',
    ingress: production,
    others: [canary({ 'canary-weight': '50' })],
    expect: {
      differences: [cert(ECHO)],
      objects: {
        [route('production')]: {
          spec: {
            hostnames: [ECHO],
            rules: [
              {
                matches: [prefix('/')],
                backendRefs: [
                  { ...svc('production'), weight: 50 },
                  { ...svc('canary'), weight: 50 },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'canary by weight with a total',
    doc: 'Canary (canary-weight-total)',
    ingress: production,
    others: [canary({ 'canary-weight': '5', 'canary-weight-total': '1000' })],
    expect: {
      differences: [cert(ECHO)],
      objects: {
        [route('production')]: {
          spec: {
            rules: [
              {
                backendRefs: [
                  { ...svc('production'), weight: 995 },
                  { ...svc('canary'), weight: 5 },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'canary by header (always / never)',
    doc: 'Canary (canary-by-header)',
    ingress: production,
    others: [canary({ 'canary-by-header': 'X-Canary' })],
    expect: {
      differences: [cert(ECHO)],
      objects: {
        [route('production')]: {
          spec: {
            rules: [
              {
                matches: [
                  {
                    ...prefix('/'),
                    headers: [
                      { type: 'Exact', name: 'X-Canary', value: 'always' },
                    ],
                  },
                ],
                backendRefs: [svc('canary')],
              },
              {
                matches: [
                  {
                    ...prefix('/'),
                    headers: [
                      { type: 'Exact', name: 'X-Canary', value: 'never' },
                    ],
                  },
                  prefix('/'),
                ],
                backendRefs: [svc('production')],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'canary by header value',
    doc: 'Canary (canary-by-header-value)',
    ingress: production,
    others: [
      canary({
        'canary-by-header': 'X-Version',
        'canary-by-header-value': 'v2',
        'canary-weight': '10',
      }),
    ],
    expect: {
      differences: [cert(ECHO)],
      objects: {
        [route('production')]: {
          spec: {
            rules: [
              {
                matches: [
                  {
                    ...prefix('/'),
                    headers: [
                      { type: 'Exact', name: 'X-Version', value: 'v2' },
                    ],
                  },
                ],
                backendRefs: [svc('canary')],
              },
              {
                matches: [prefix('/')],
                backendRefs: [
                  { ...svc('production'), weight: 90 },
                  { ...svc('canary'), weight: 10 },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'canary by header pattern',
    doc: 'Canary (canary-by-header-pattern)',
    ingress: production,
    others: [
      canary({
        'canary-by-header': 'X-Version',
        'canary-by-header-pattern': '^(v2|beta)$',
      }),
    ],
    expect: {
      differences: [cert(ECHO)],
      objects: {
        [route('production')]: {
          spec: {
            rules: [
              {
                matches: [
                  {
                    ...prefix('/'),
                    headers: [
                      {
                        type: 'RegularExpression',
                        name: 'X-Version',
                        value: '^(v2|beta)$',
                      },
                    ],
                  },
                ],
                backendRefs: [svc('canary')],
              },
              { matches: [prefix('/')], backendRefs: [svc('production')] },
            ],
          },
        },
      },
    },
  },
  {
    name: 'canary by header pattern in PCRE only',
    doc: 'Canary (canary-by-header-pattern is PCRE)',
    ingress: production,
    others: [
      canary({
        'canary-by-header': 'X-Version',
        'canary-by-header-pattern': '^(?!stable).*',
      }),
    ],
    expect: {
      differences: [
        cert(ECHO),
        'pcre-not-re2:shop/canary:canary-by-header-pattern',
      ],
      refused: ['pcre-not-re2:shop/canary:canary-by-header-pattern'],
    },
  },
  {
    name: 'canary by cookie',
    doc: 'Canary (canary-by-cookie)',
    ingress: production,
    others: [
      canary({ 'canary-by-cookie': 'use_canary', 'canary-weight': '10' }),
    ],
    expect: {
      differences: [cert(ECHO), 'no-equivalent:shop/canary:canary-by-cookie'],
      objects: {
        [route('production')]: {
          spec: {
            rules: [
              {
                backendRefs: [
                  { ...svc('production'), weight: 90 },
                  { ...svc('canary'), weight: 10 },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'the canary Ingress itself',
    doc: 'Canary',
    ingress: canary({ 'canary-weight': '20' }),
    others: [production],
    expect: {
      differences: [cert(ECHO), 'canary-ingress'],
      refused: ['canary-ingress'],
      annotations: { canary: 'mapped', 'canary-weight': 'mapped' },
    },
  },
  // Rewrite
  {
    name: 'rewrite with the capture-group example',
    doc: 'Rewrite; examples/rewrite',
    ingress: ingress(
      'rewrite',
      { 'use-regex': 'true', 'rewrite-target': '/$2' },
      {
        rules: [
          rule('rewrite.bar.com', [
            '/something(/|$)(.*)',
            'ImplementationSpecific',
            'http-svc',
            80,
          ]),
        ],
      },
    ),
    expect: {
      differences: [cert('rewrite.bar.com'), 'host-wide-regex:rewrite.bar.com'],
      annotations: { 'use-regex': 'mapped', 'rewrite-target': 'mapped' },
      objects: {
        [route('rewrite')]: {
          spec: {
            rules: [
              {
                matches: [prefix('/something')],
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: {
                      path: {
                        type: 'ReplacePrefixMatch',
                        replacePrefixMatch: '/',
                      },
                    },
                  },
                ],
                backendRefs: [svc('http-svc')],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'rewrite without capture groups',
    doc: 'Rewrite',
    ingress: ingress(
      'api',
      { 'rewrite-target': '/' },
      { rules: [rule('api.example.com', ['/api', 'Prefix', 'api', 8080])] },
    ),
    expect: {
      differences: [cert('api.example.com'), 'host-wide-regex:api.example.com'],
      objects: {
        [route('api')]: {
          spec: {
            rules: [
              {
                matches: [prefix('/api')],
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: {
                      path: { type: 'ReplaceFullPath', replaceFullPath: '/' },
                    },
                  },
                ],
                backendRefs: [svc('api', 8080)],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'rewrite with another capture group',
    doc: 'Rewrite',
    ingress: ingress(
      'api',
      { 'rewrite-target': '/v1/$1' },
      {
        rules: [
          rule('api.example.com', [
            '/api/(.*)',
            'ImplementationSpecific',
            'api',
            8080,
          ]),
        ],
      },
    ),
    expect: {
      differences: [
        cert('api.example.com'),
        'host-wide-regex:api.example.com',
        'no-equivalent:rewrite-target:api.example.com/api/(.*)',
        'regex-path:api.example.com/api/(.*)',
      ],
      objects: {
        [route('api')]: {
          spec: {
            rules: [
              {
                matches: [
                  {
                    path: {
                      type: 'RegularExpression',
                      value: '(?i)(?:/api/(.*)).*',
                    },
                  },
                ],
                backendRefs: [svc('api', 8080)],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'app-root',
    doc: 'Rewrite (app-root); examples/rewrite',
    ingress: ingress(
      'approot',
      { 'app-root': '/app1' },
      simple('approot.bar.com'),
    ),
    expect: {
      differences: [cert('approot.bar.com')],
      annotations: { 'app-root': 'mapped' },
      objects: {
        [route('approot')]: {
          spec: {
            rules: [
              {
                matches: [exact('/')],
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: {
                      path: {
                        type: 'ReplaceFullPath',
                        replaceFullPath: '/app1',
                      },
                      statusCode: 302,
                    },
                  },
                ],
              },
              { matches: [prefix('/')], backendRefs: [svc('http-svc')] },
            ],
          },
        },
      },
    },
  },
  // Session affinity
  {
    name: 'cookie affinity',
    doc: 'Session Affinity; examples/affinity/cookie',
    ingress: ingress(
      'nginx-test',
      {
        affinity: 'cookie',
        'session-cookie-name': 'route',
        'session-cookie-expires': '172800',
        'session-cookie-max-age': '172800',
      },
      simple('stickyingress.example.com'),
    ),
    expect: {
      differences: [cert('stickyingress.example.com')],
      annotations: {
        affinity: 'mapped',
        'session-cookie-name': 'mapped',
        'session-cookie-expires': 'mapped',
        'session-cookie-max-age': 'mapped',
      },
      objects: {
        [route('nginx-test')]: routeTo('stickyingress.example.com'),
        'BackendTrafficPolicy/nginx-test': {
          spec: {
            targetRefs: targetRefs('nginx-test'),
            loadBalancer: {
              type: 'ConsistentHash',
              consistentHash: {
                type: 'Cookie',
                cookie: { name: 'route', ttl: '48h' },
              },
            },
          },
        },
      },
    },
  },
  {
    name: 'cookie affinity with cookie attributes',
    doc: 'Cookie affinity',
    ingress: ingress(
      'sticky',
      {
        affinity: 'cookie',
        'session-cookie-path': '/',
        'session-cookie-samesite': 'None',
        'session-cookie-conditional-samesite-none': 'true',
      },
      simple('sticky.example.com'),
    ),
    expect: {
      differences: [
        cert('sticky.example.com'),
        'no-equivalent:session-cookie-path',
        'no-equivalent:session-cookie-samesite',
        'no-equivalent:session-cookie-conditional-samesite-none',
      ],
      objects: {
        [route('sticky')]: routeTo('sticky.example.com'),
        'BackendTrafficPolicy/sticky': {
          spec: {
            loadBalancer: {
              type: 'ConsistentHash',
              consistentHash: {
                type: 'Cookie',
                cookie: { name: 'INGRESSCOOKIE' },
              },
            },
          },
        },
      },
    },
  },
  // Authentication
  {
    name: 'basic authentication',
    doc: 'Authentication; examples/auth/basic',
    ingress: ingress(
      'ingress-with-auth',
      {
        'auth-type': 'basic',
        'auth-secret': 'basic-auth',
        'auth-realm': 'Authentication Required - foo',
      },
      simple('foo.bar.com'),
    ),
    expect: {
      differences: [
        cert('foo.bar.com'),
        `basic-auth-secret-format:${NAMESPACE}/basic-auth`,
      ],
      annotations: {
        'auth-type': 'mapped',
        'auth-secret': 'mapped',
        'auth-realm': 'ignored',
      },
      objects: {
        [route('ingress-with-auth')]: routeTo('foo.bar.com'),
        'SecurityPolicy/ingress-with-auth': {
          spec: {
            targetRefs: targetRefs('ingress-with-auth'),
            basicAuth: { users: { name: 'basic-auth' } },
          },
        },
      },
    },
  },
  {
    name: 'digest authentication',
    doc: 'Authentication (auth-type digest)',
    ingress: ingress(
      'digest',
      { 'auth-type': 'digest', 'auth-secret': 'digest-auth' },
      simple('foo.bar.com'),
    ),
    expect: {
      differences: [cert('foo.bar.com'), 'no-equivalent:auth-type'],
      annotations: { 'auth-type': 'no-equivalent', 'auth-secret': 'ignored' },
      objects: { [route('digest')]: routeTo('foo.bar.com') },
    },
  },
  {
    name: 'basic authentication on another implementation',
    doc: 'Authentication',
    ingress: ingress(
      'ingress-with-auth',
      { 'auth-type': 'basic', 'auth-secret': 'basic-auth' },
      simple('foo.bar.com'),
    ),
    target: { implementation: 'gateway-api' },
    expect: {
      differences: [
        cert('foo.bar.com'),
        'no-equivalent-on-implementation:auth-type',
        'no-equivalent-on-implementation:auth-secret',
      ],
      objects: { [route('ingress-with-auth')]: routeTo('foo.bar.com') },
    },
  },
  {
    name: 'external authentication',
    doc: 'External Authentication; examples/auth/oauth-external-auth',
    ingress: ingress(
      'external-auth-oauth2',
      {
        'auth-url': 'https://$host/oauth2/auth',
        'auth-signin': 'https://$host/oauth2/start?rd=$escaped_request_uri',
        'auth-response-headers': 'X-Auth-Request-User',
      },
      simple('dashboard.example.com', 'kubernetes-dashboard'),
    ),
    expect: {
      differences: [
        cert('dashboard.example.com'),
        'no-equivalent:auth-url',
        'no-equivalent:auth-signin',
        'no-equivalent:auth-response-headers',
      ],
      objects: {
        [route('external-auth-oauth2')]: routeTo(
          'dashboard.example.com',
          'kubernetes-dashboard',
        ),
      },
    },
  },
  {
    name: 'client certificate authentication',
    doc: 'Client Certificate Authentication; examples/auth/client-certs',
    ingress: ingress(
      'client-certs',
      {
        'auth-tls-secret': 'default/ca-secret',
        'auth-tls-verify-client': 'on',
        'auth-tls-verify-depth': '1',
        'auth-tls-pass-certificate-to-upstream': 'true',
      },
      simple('mydomain.com'),
    ),
    expect: {
      differences: [
        cert('mydomain.com'),
        'no-equivalent:auth-tls-secret',
        'no-equivalent:auth-tls-verify-client',
        'no-equivalent:auth-tls-verify-depth',
        'no-equivalent:auth-tls-pass-certificate-to-upstream',
      ],
      objects: { [route('client-certs')]: routeTo('mydomain.com') },
    },
  },
  // Upstream hashing, load balancing, vhost
  {
    name: 'upstream hash by request URI',
    doc: 'Custom NGINX upstream hashing',
    ingress: ingress(
      'hash',
      { 'upstream-hash-by': '$request_uri' },
      simple('hash.example.com'),
    ),
    expect: {
      differences: [cert('hash.example.com'), 'no-equivalent:upstream-hash-by'],
      objects: { [route('hash')]: routeTo('hash.example.com') },
    },
  },
  {
    name: 'upstream hash by client address',
    doc: 'Custom NGINX upstream hashing',
    ingress: ingress(
      'hash',
      { 'upstream-hash-by': '$remote_addr' },
      simple('hash.example.com'),
    ),
    expect: {
      differences: [cert('hash.example.com')],
      objects: {
        [route('hash')]: routeTo('hash.example.com'),
        'BackendTrafficPolicy/hash': {
          spec: {
            loadBalancer: {
              type: 'ConsistentHash',
              consistentHash: { type: 'SourceIP' },
            },
          },
        },
      },
    },
  },
  {
    name: 'load balancing with ewma',
    doc: 'Custom NGINX load balancing',
    ingress: ingress(
      'lb',
      { 'load-balance': 'ewma' },
      simple('lb.example.com'),
    ),
    expect: {
      differences: [cert('lb.example.com'), 'no-equivalent:load-balance'],
      objects: { [route('lb')]: routeTo('lb.example.com') },
    },
  },
  {
    name: 'upstream vhost',
    doc: 'Custom NGINX upstream vhost',
    ingress: ingress(
      'vhost',
      { 'upstream-vhost': 'internal.example.com' },
      simple('public.example.com'),
    ),
    expect: {
      differences: [cert('public.example.com')],
      annotations: { 'upstream-vhost': 'mapped' },
      objects: {
        [route('vhost')]: routeTo('public.example.com', 'http-svc', {
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { hostname: 'internal.example.com' },
            },
          ],
        }),
      },
    },
  },
  // Backend protocol
  {
    name: 'HTTPS backend',
    doc: 'Backend Protocol',
    ingress: ingress(
      'secure-backend',
      { 'backend-protocol': 'HTTPS' },
      simple('secure.example.com'),
    ),
    expect: {
      differences: [
        cert('secure.example.com'),
        'no-equivalent:backend-protocol',
      ],
      annotations: { 'backend-protocol': 'no-equivalent' },
    },
  },
  {
    name: 'FastCGI backend',
    doc: 'Backend Protocol; user-guide/fcgi-services',
    ingress: ingress(
      'example-app',
      {
        'backend-protocol': 'FCGI',
        'fastcgi-index': 'index.php',
        'fastcgi-params-configmap': 'example-cm',
      },
      simple('app.example.com', 'example-service'),
    ),
    expect: {
      differences: [
        cert('app.example.com'),
        'no-equivalent:backend-protocol',
        'no-equivalent:fastcgi-index',
        'no-equivalent:fastcgi-params-configmap',
      ],
    },
  },
  // Snippets
  {
    name: 'configuration snippet',
    doc: 'Configuration snippet',
    ingress: ingress(
      'snippet',
      { 'configuration-snippet': 'more_set_headers "Request-Id: $req_id";' },
      simple('snippet.example.com'),
    ),
    expect: {
      refused: ['configuration-injection:configuration-snippet'],
      differences: [
        cert('snippet.example.com'),
        'configuration-injection:configuration-snippet',
      ],
      annotations: { 'configuration-snippet': 'no-equivalent' },
    },
  },
  {
    name: 'server snippet',
    doc: 'Server snippet',
    ingress: ingress(
      'mobile',
      {
        'server-snippet':
          'set $agentflag 0;\nif ($http_user_agent ~* "(Mobile)" ){ set $agentflag 1; }\nif ( $agentflag = 1 ) { return 301 https://m.example.com; }',
      },
      simple('www.example.com'),
    ),
    expect: {
      refused: ['configuration-injection:server-snippet'],
      differences: [
        cert('www.example.com'),
        'configuration-injection:server-snippet',
      ],
    },
  },
  {
    name: 'ModSecurity',
    doc: 'ModSecurity',
    ingress: ingress(
      'waf',
      {
        'enable-modsecurity': 'true',
        'enable-owasp-core-rules': 'true',
        'modsecurity-snippet': 'SecRuleEngine On',
      },
      simple('waf.example.com'),
    ),
    expect: {
      refused: ['configuration-injection:modsecurity-snippet'],
      differences: [
        cert('waf.example.com'),
        'no-equivalent:enable-modsecurity',
        'no-equivalent:enable-owasp-core-rules',
        'configuration-injection:modsecurity-snippet',
      ],
    },
  },
  // Errors and default backend
  {
    name: 'custom HTTP errors with a default backend',
    doc: 'Custom HTTP Errors; Default Backend',
    ingress: ingress(
      'errors',
      { 'custom-http-errors': '404,415', 'default-backend': 'error-pages' },
      simple('errors.example.com'),
    ),
    expect: {
      differences: [
        cert('errors.example.com'),
        'no-equivalent:custom-http-errors',
        'no-equivalent:default-backend',
      ],
    },
  },
  // CORS
  {
    name: 'CORS as the HTTPRoute filter',
    doc: 'Enable CORS',
    ingress: ingress(
      'cors',
      {
        'enable-cors': 'true',
        'cors-allow-origin':
          'https://origin-site.com:4443, http://origin-site.com, https://*.example.org:1199',
        'cors-allow-methods': 'PUT, GET, POST, OPTIONS',
        'cors-allow-credentials': 'false',
        'cors-max-age': '600',
      },
      simple('cors.example.com'),
    ),
    target: { httpRouteCors: true },
    expect: {
      differences: [cert('cors.example.com')],
      annotations: {
        'enable-cors': 'mapped',
        'cors-allow-origin': 'mapped',
        'cors-allow-methods': 'mapped',
        'cors-allow-credentials': 'mapped',
        'cors-max-age': 'mapped',
      },
      objects: {
        [route('cors')]: routeTo('cors.example.com', 'http-svc', {
          filters: [
            {
              type: 'CORS',
              cors: {
                allowOrigins: [
                  'https://origin-site.com:4443',
                  'http://origin-site.com',
                  'https://*.example.org:1199',
                ],
                allowMethods: ['PUT', 'GET', 'POST', 'OPTIONS'],
                allowHeaders: [
                  'DNT',
                  'Keep-Alive',
                  'User-Agent',
                  'X-Requested-With',
                  'If-Modified-Since',
                  'Cache-Control',
                  'Content-Type',
                  'Range',
                  'Authorization',
                ],
                allowCredentials: false,
                maxAge: 600,
              },
            },
          ],
        }),
      },
    },
  },
  {
    name: 'CORS as an Envoy Gateway SecurityPolicy',
    doc: 'Enable CORS (defaults)',
    ingress: ingress(
      'cors',
      {
        'enable-cors': 'true',
        'cors-expose-headers': '*, X-CustomResponseHeader',
      },
      simple('cors.example.com'),
    ),
    expect: {
      differences: [cert('cors.example.com')],
      objects: {
        [route('cors')]: routeTo('cors.example.com'),
        'SecurityPolicy/cors': {
          spec: {
            cors: {
              allowOrigins: ['*'],
              allowMethods: [
                'GET',
                'PUT',
                'POST',
                'DELETE',
                'PATCH',
                'OPTIONS',
              ],
              exposeHeaders: ['*', 'X-CustomResponseHeader'],
              allowCredentials: true,
              maxAge: '480h',
            },
          },
        },
      },
    },
  },
  {
    name: 'CORS on an install without the CORS filter',
    doc: 'Enable CORS',
    ingress: ingress(
      'cors',
      { 'enable-cors': 'true', 'cors-allow-origin': 'https://app.example.com' },
      simple('cors.example.com'),
    ),
    target: { implementation: 'gateway-api' },
    expect: {
      differences: [
        cert('cors.example.com'),
        'no-equivalent-on-implementation:enable-cors',
      ],
      annotations: {
        'enable-cors': 'no-equivalent',
        'cors-allow-origin': 'no-equivalent',
      },
      objects: { [route('cors')]: routeTo('cors.example.com') },
    },
  },
  {
    name: 'CORS with an origin without scheme',
    doc: 'Enable CORS (cors-allow-origin format)',
    ingress: ingress(
      'cors',
      { 'enable-cors': 'true', 'cors-allow-origin': 'origin-site.com' },
      simple('cors.example.com'),
    ),
    expect: {
      differences: [
        cert('cors.example.com'),
        'invalid-annotation:cors-allow-origin',
        'no-equivalent:enable-cors',
      ],
      objects: { [route('cors')]: routeTo('cors.example.com') },
    },
  },
  {
    name: 'CORS settings without enable-cors',
    doc: 'Enable CORS',
    ingress: ingress(
      'cors',
      { 'cors-allow-origin': 'https://app.example.com' },
      simple('cors.example.com'),
    ),
    expect: {
      differences: [cert('cors.example.com')],
      annotations: { 'cors-allow-origin': 'ignored' },
      objects: { [route('cors')]: routeTo('cors.example.com') },
    },
  },
  // Server alias, buffers
  {
    name: 'server alias',
    doc: 'Server Alias',
    ingress: ingress(
      'alias',
      { 'server-alias': 'www.foo.com, foo.net' },
      simple('foo.com'),
    ),
    expect: {
      differences: [cert('foo.com'), cert('www.foo.com'), cert('foo.net')],
      objects: {
        [route('alias')]: {
          spec: { hostnames: ['foo.com', 'www.foo.com', 'foo.net'] },
        },
      },
    },
  },
  {
    name: 'client body buffer size',
    doc: 'Client Body Buffer Size',
    ingress: ingress(
      'buffer',
      { 'client-body-buffer-size': '1M' },
      simple('buffer.example.com'),
    ),
    expect: {
      differences: [
        cert('buffer.example.com'),
        'no-equivalent:client-body-buffer-size',
      ],
      annotations: { 'client-body-buffer-size': 'no-equivalent' },
      objects: { [route('buffer')]: routeTo('buffer.example.com') },
    },
  },
  // Rate limiting
  {
    name: 'rate limit per second and connections',
    doc: 'Rate Limiting',
    ingress: ingress(
      'rate',
      { 'limit-rps': '5', 'limit-connections': '10' },
      simple('rate.example.com'),
    ),
    expect: {
      differences: [
        cert('rate.example.com'),
        'rate-limit-per-client:limit-rps',
        'no-equivalent:limit-connections',
      ],
      objects: {
        [route('rate')]: routeTo('rate.example.com'),
        'BackendTrafficPolicy/rate': {
          spec: {
            targetRefs: targetRefs('rate'),
            rateLimit: {
              local: { rules: [{ limit: { requests: 5, unit: 'Second' } }] },
            },
          },
        },
      },
    },
  },
  {
    name: 'rate limit per minute with an allowlist',
    doc: 'Rate Limiting (limit-allowlist)',
    ingress: ingress(
      'rate',
      {
        'limit-rpm': '300',
        'limit-allowlist': '10.0.0.0/8, 192.168.1.1',
        'limit-burst-multiplier': '3',
      },
      simple('rate.example.com'),
    ),
    expect: {
      differences: [
        cert('rate.example.com'),
        'rate-limit-per-client:limit-rpm',
      ],
      annotations: {
        'limit-rpm': 'mapped',
        'limit-allowlist': 'mapped',
        'limit-burst-multiplier': 'mapped',
      },
      objects: {
        [route('rate')]: routeTo('rate.example.com'),
        'BackendTrafficPolicy/rate': {
          spec: {
            rateLimit: {
              local: {
                rules: [
                  {
                    clientSelectors: [
                      {
                        sourceCIDR: {
                          type: 'Exact',
                          value: '10.0.0.0/8',
                          invert: true,
                        },
                      },
                      {
                        sourceCIDR: {
                          type: 'Exact',
                          value: '192.168.1.1/32',
                          invert: true,
                        },
                      },
                    ],
                    limit: { requests: 300, unit: 'Minute' },
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
  {
    name: 'global rate limit',
    doc: 'Global Rate Limiting',
    ingress: ingress(
      'global',
      { 'global-rate-limit': '100', 'global-rate-limit-window': '1m' },
      simple('global.example.com'),
    ),
    expect: {
      differences: [
        cert('global.example.com'),
        'no-equivalent:global-rate-limit',
        'no-equivalent:global-rate-limit-window',
      ],
    },
  },
  // Redirects
  {
    name: 'permanent redirect',
    doc: 'Permanent Redirect',
    ingress: ingress(
      'moved',
      { 'permanent-redirect': 'https://www.google.com' },
      simple('old.example.com'),
    ),
    expect: {
      differences: [cert('old.example.com')],
      annotations: { 'permanent-redirect': 'mapped' },
      objects: {
        [route('moved')]: {
          spec: {
            rules: [
              {
                matches: [prefix('/')],
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: {
                      scheme: 'https',
                      hostname: 'www.google.com',
                      path: { type: 'ReplaceFullPath', replaceFullPath: '/' },
                      statusCode: 301,
                    },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'permanent redirect with code 308',
    doc: 'Permanent Redirect Code',
    ingress: ingress(
      'moved',
      {
        'permanent-redirect': 'https://new.example.com/docs',
        'permanent-redirect-code': '308',
      },
      simple('old.example.com'),
    ),
    target: EXTENDED_REDIRECT_CODES,
    expect: {
      differences: [cert('old.example.com')],
      annotations: {
        'permanent-redirect': 'mapped',
        'permanent-redirect-code': 'mapped',
      },
      objects: {
        [route('moved')]: {
          spec: {
            rules: [
              {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: {
                      hostname: 'new.example.com',
                      path: {
                        type: 'ReplaceFullPath',
                        replaceFullPath: '/docs',
                      },
                      statusCode: 308,
                    },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'temporal redirect',
    doc: 'Temporal Redirect',
    ingress: ingress(
      'maintenance',
      { 'temporal-redirect': 'https://status.example.com/' },
      simple('app.example.com'),
    ),
    expect: {
      differences: [cert('app.example.com')],
      objects: {
        [route('maintenance')]: {
          spec: {
            rules: [
              {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: {
                      hostname: 'status.example.com',
                      statusCode: 302,
                    },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'redirect to a URL with nginx variables',
    doc: 'Permanent Redirect',
    ingress: ingress(
      'moved',
      { 'permanent-redirect': 'https://new.example.com$request_uri' },
      simple('old.example.com'),
    ),
    expect: {
      differences: [
        cert('old.example.com'),
        'invalid-annotation:permanent-redirect',
      ],
      objects: { [route('moved')]: routeTo('old.example.com') },
    },
  },
  {
    name: 'HTTPS redirect by default for a TLS host',
    doc: 'Server-side HTTPS enforcement through redirect',
    ingress: ingress(
      'secure',
      {},
      {
        tls: [{ hosts: ['secure.example.com'], secretName: 'secure-tls' }],
        ...simple('secure.example.com'),
      },
    ),
    target: {
      parentRefs: [
        {
          kind: 'Gateway',
          namespace: 'gateway',
          name: 'shared',
          httpsSectionNames: { 'secure.example.com': 'https-secure' },
          httpSectionNames: { 'secure.example.com': 'http' },
        },
      ],
    },
    expect: {
      differences: [
        'ssl-redirect-default:secure.example.com',
        'secret-reference-grant:shop/secure-tls',
        // An install without 308 (the corpus's default target): written as 301, and said.
        'redirect-status-code:ssl-redirect',
      ],
      objects: {
        [route('secure')]: {
          spec: {
            parentRefs: [{ ...GW, sectionName: 'https-secure' }],
            hostnames: ['secure.example.com'],
          },
        },
        [route(dnsSubdomainName('secure', 'https-redirect'))]: {
          spec: {
            parentRefs: [{ ...GW, sectionName: 'http' }],
            hostnames: ['secure.example.com'],
            rules: [
              {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { scheme: 'https', statusCode: 301 },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'HTTPS redirect without the HTTP listener',
    doc: 'Server-side HTTPS enforcement through redirect',
    ingress: ingress(
      'secure',
      {},
      {
        tls: [{ hosts: ['secure.example.com'], secretName: 'secure-tls' }],
        ...simple('secure.example.com'),
      },
    ),
    expect: {
      differences: [
        'secret-reference-grant:shop/secure-tls',
        'ssl-redirect-default:secure.example.com',
        'ssl-redirect-needs-http-listener:secure.example.com',
      ],
      objects: { [route('secure')]: routeTo('secure.example.com') },
    },
  },
  {
    name: 'ssl-redirect off',
    doc: 'Server-side HTTPS enforcement through redirect (ssl-redirect: "false")',
    ingress: ingress(
      'plain',
      { 'ssl-redirect': 'false' },
      {
        tls: [{ hosts: ['plain.example.com'], secretName: 'plain-tls' }],
        ...simple('plain.example.com'),
      },
    ),
    target: {
      parentRefs: [
        {
          kind: 'Gateway',
          namespace: 'gateway',
          name: 'shared',
          httpsSectionNames: { 'plain.example.com': 'https-plain' },
          httpSectionNames: { 'plain.example.com': 'http' },
        },
      ],
    },
    expect: {
      differences: ['secret-reference-grant:shop/plain-tls'],
      annotations: { 'ssl-redirect': 'mapped' },
      objects: {
        [route('plain')]: {
          spec: {
            parentRefs: [
              { ...GW, sectionName: 'https-plain' },
              { ...GW, sectionName: 'http' },
            ],
          },
        },
      },
    },
  },
  {
    name: 'forced HTTPS redirect without TLS',
    doc: 'Server-side HTTPS enforcement through redirect (force-ssl-redirect)',
    ingress: ingress(
      'offload',
      { 'force-ssl-redirect': 'true', 'preserve-trailing-slash': 'true' },
      simple('offload.example.com'),
    ),
    target: {
      parentRefs: [
        {
          kind: 'Gateway',
          namespace: 'gateway',
          name: 'shared',
          httpsSectionNames: { 'offload.example.com': 'https' },
          httpSectionNames: { 'offload.example.com': 'http' },
        },
      ],
      ...EXTENDED_REDIRECT_CODES,
    },
    expect: {
      differences: [cert('offload.example.com')],
      annotations: {
        'force-ssl-redirect': 'mapped',
        'preserve-trailing-slash': 'mapped',
      },
      objects: {
        [route('offload')]: {
          spec: { parentRefs: [{ ...GW, sectionName: 'https' }] },
        },
        [route(dnsSubdomainName('offload', 'https-redirect'))]: {
          spec: {
            rules: [
              {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { scheme: 'https', statusCode: 308 },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'redirect from www',
    doc: 'Redirect from/to www',
    ingress: ingress(
      'www',
      { 'from-to-www-redirect': 'true' },
      simple('foo.com'),
    ),
    expect: {
      // ingress-nginx's 308 is written as 301 on the default target (an install without 308).
      differences: [
        cert('foo.com'),
        'redirect-status-code:from-to-www-redirect',
      ],
      objects: {
        [route('www')]: routeTo('foo.com'),
        [route(dnsSubdomainName('www', 'www.foo.com', 'redirect'))]: {
          spec: {
            hostnames: ['www.foo.com'],
            rules: [
              {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { hostname: 'foo.com', statusCode: 301 },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  // Source ranges
  {
    name: 'denylist source range',
    doc: 'Denylist source range',
    ingress: ingress(
      'deny',
      { 'denylist-source-range': '10.0.0.0/24,172.10.0.1' },
      simple('deny.example.com'),
    ),
    expect: {
      differences: [cert('deny.example.com')],
      objects: {
        [route('deny')]: routeTo('deny.example.com'),
        'SecurityPolicy/deny': {
          spec: {
            authorization: {
              defaultAction: 'Allow',
              rules: [
                {
                  name: 'denylist-source-range',
                  action: 'Deny',
                  principal: { clientCIDRs: ['10.0.0.0/24', '172.10.0.1/32'] },
                },
              ],
            },
          },
        },
      },
    },
  },
  {
    name: 'whitelist source range',
    doc: 'Whitelist source range',
    ingress: ingress(
      'allow',
      { 'whitelist-source-range': '10.0.0.0/24,172.10.0.1' },
      simple('allow.example.com'),
    ),
    expect: {
      differences: [cert('allow.example.com')],
      objects: {
        [route('allow')]: routeTo('allow.example.com'),
        'SecurityPolicy/allow': {
          spec: {
            authorization: {
              defaultAction: 'Deny',
              rules: [
                {
                  name: 'allowlist-source-range',
                  action: 'Allow',
                  principal: { clientCIDRs: ['10.0.0.0/24', '172.10.0.1/32'] },
                },
              ],
            },
          },
        },
      },
    },
  },
  {
    name: 'allowlist source range on another implementation',
    doc: 'Whitelist source range',
    ingress: ingress(
      'allow',
      { 'allowlist-source-range': '10.0.0.0/24' },
      simple('allow.example.com'),
    ),
    target: { implementation: 'gateway-api' },
    expect: {
      differences: [
        cert('allow.example.com'),
        'no-equivalent-on-implementation:allowlist-source-range',
      ],
    },
  },
  {
    name: 'allowlist with a malformed CIDR',
    doc: 'Whitelist source range',
    ingress: ingress(
      'allow',
      { 'allowlist-source-range': '10.0.0.0/33' },
      simple('allow.example.com'),
    ),
    expect: {
      differences: [
        cert('allow.example.com'),
        'invalid-annotation:allowlist-source-range',
      ],
      refused: ['invalid-annotation:allowlist-source-range'],
    },
  },
  // Timeouts and retries
  {
    name: 'custom timeouts on Envoy Gateway',
    doc: 'Custom timeouts',
    ingress: ingress(
      'slow',
      {
        'proxy-connect-timeout': '15',
        'proxy-read-timeout': '120',
        'proxy-send-timeout': '60',
      },
      simple('slow.example.com'),
    ),
    expect: {
      differences: [cert('slow.example.com'), 'timeout-per-read'],
      annotations: {
        'proxy-connect-timeout': 'mapped',
        'proxy-read-timeout': 'mapped',
        'proxy-send-timeout': 'mapped',
      },
      objects: {
        [route('slow')]: routeTo('slow.example.com'),
        'BackendTrafficPolicy/slow': {
          spec: {
            timeout: {
              tcp: { connectTimeout: '15s' },
              http: { streamIdleTimeout: '2m' },
            },
          },
        },
      },
    },
  },
  {
    name: 'custom timeouts on another implementation',
    doc: 'Custom timeouts',
    ingress: ingress(
      'slow',
      { 'proxy-connect-timeout': '5', 'proxy-read-timeout': '3600' },
      simple('slow.example.com'),
    ),
    target: { implementation: 'gateway-api' },
    expect: {
      differences: [
        cert('slow.example.com'),
        'timeout-per-read',
        'no-equivalent-on-implementation:proxy-connect-timeout',
      ],
      objects: {
        [route('slow')]: routeTo('slow.example.com', 'http-svc', {
          timeouts: { backendRequest: '1h' },
        }),
      },
    },
  },
  {
    name: 'retries on the next upstream',
    doc: 'Custom timeouts (proxy-next-upstream)',
    ingress: ingress(
      'retry',
      {
        'proxy-next-upstream': 'error timeout http_502',
        'proxy-next-upstream-tries': '3',
      },
      simple('retry.example.com'),
    ),
    expect: {
      differences: [cert('retry.example.com')],
      objects: {
        [route('retry')]: routeTo('retry.example.com'),
        'BackendTrafficPolicy/retry': {
          spec: {
            retry: {
              numRetries: 2,
              retryOn: {
                triggers: [
                  'connect-failure',
                  'reset',
                  'retriable-status-codes',
                ],
                httpStatusCodes: [502],
              },
            },
          },
        },
      },
    },
  },
  // Proxy rewriting of responses, body size
  {
    name: 'proxy redirect',
    doc: 'Proxy redirect',
    ingress: ingress(
      'redirects',
      {
        'proxy-redirect-from': 'http://internal/',
        'proxy-redirect-to': 'https://public.example.com/',
      },
      simple('public.example.com'),
    ),
    expect: {
      differences: [
        cert('public.example.com'),
        'no-equivalent:proxy-redirect-from',
        'no-equivalent:proxy-redirect-to',
      ],
    },
  },
  {
    name: 'proxy cookie domain and path',
    doc: 'Proxy cookie domain; Proxy cookie path',
    ingress: ingress(
      'cookies',
      {
        'proxy-cookie-domain': 'localhost example.org',
        'proxy-cookie-path': '/ /app',
      },
      simple('cookies.example.com'),
    ),
    expect: {
      differences: [
        cert('cookies.example.com'),
        'no-equivalent:proxy-cookie-domain',
        'no-equivalent:proxy-cookie-path',
      ],
    },
  },
  {
    name: 'custom max body size',
    doc: 'Custom max body size',
    ingress: ingress(
      'upload',
      { 'proxy-body-size': '8m' },
      simple('upload.example.com'),
    ),
    expect: {
      differences: [cert('upload.example.com')],
      objects: {
        [route('upload')]: routeTo('upload.example.com'),
        'BackendTrafficPolicy/upload': {
          spec: { requestBuffer: { limit: '8Mi' } },
        },
      },
    },
  },
  {
    name: 'custom max body size on another implementation',
    doc: 'Custom max body size',
    ingress: ingress(
      'upload',
      { 'proxy-body-size': '8m' },
      simple('upload.example.com'),
    ),
    target: { implementation: 'gateway-api' },
    expect: {
      differences: [
        cert('upload.example.com'),
        'no-equivalent-on-implementation:proxy-body-size',
      ],
    },
  },
  // Logging and tracing
  {
    name: 'access log, OpenTelemetry and the legacy class annotation',
    doc: 'Enable Access Log; Enable Opentelemetry',
    ingress: ingress(
      'observed',
      {
        'enable-access-log': 'false',
        'enable-opentelemetry': 'true',
        'kubernetes.io/ingress.class': 'nginx',
      },
      simple('observed.example.com'),
    ),
    expect: {
      differences: [cert('observed.example.com')],
      annotations: {
        'enable-access-log': 'ignored',
        'enable-opentelemetry': 'ignored',
        'kubernetes.io/ingress.class': 'ignored',
      },
      objects: { [route('observed')]: routeTo('observed.example.com') },
    },
  },
  // Headers
  {
    name: 'X-Forwarded-Prefix',
    doc: 'X-Forwarded-Prefix Header',
    ingress: ingress(
      'prefixed',
      { 'x-forwarded-prefix': '/path' },
      simple('prefixed.example.com'),
    ),
    expect: {
      differences: [cert('prefixed.example.com')],
      objects: {
        [route('prefixed')]: routeTo('prefixed.example.com', 'http-svc', {
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: {
                set: [{ name: 'X-Forwarded-Prefix', value: '/path' }],
              },
            },
          ],
        }),
      },
    },
  },
  {
    name: 'custom headers from a ConfigMap',
    doc: 'Custom Headers; examples/customization/custom-headers',
    ingress: ingress(
      'headers',
      { 'custom-headers': `${NAMESPACE}/custom-headers` },
      simple('headers.example.com'),
    ),
    configMaps: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: NAMESPACE, name: 'custom-headers' },
        data: { 'X-Using-Nginx-Controller': 'true', 'X-Frame-Options': 'DENY' },
      },
    ],
    expect: {
      differences: [cert('headers.example.com')],
      objects: {
        [route('headers')]: routeTo('headers.example.com', 'http-svc', {
          filters: [
            {
              type: 'ResponseHeaderModifier',
              responseHeaderModifier: {
                set: [
                  { name: 'X-Frame-Options', value: 'DENY' },
                  { name: 'X-Using-Nginx-Controller', value: 'true' },
                ],
              },
            },
          ],
        }),
      },
    },
  },
  {
    name: 'custom headers from a ConfigMap not given',
    doc: 'Custom Headers',
    ingress: ingress(
      'headers',
      { 'custom-headers': 'other/custom-headers' },
      simple('headers.example.com'),
    ),
    expect: {
      differences: [
        cert('headers.example.com'),
        'invalid-annotation:custom-headers',
      ],
    },
  },
  // Regular expressions and path matching
  {
    name: 'use-regex path',
    doc: 'Use Regex; user-guide/ingress-path-matching',
    ingress: ingress(
      'test-ingress',
      { 'use-regex': 'true' },
      {
        rules: [
          rule('test.com', [
            '/foo/bar/[A-Z0-9]{3}',
            'ImplementationSpecific',
            'test',
            80,
          ]),
        ],
      },
    ),
    expect: {
      differences: [
        cert('test.com'),
        'host-wide-regex:test.com',
        'regex-path:test.com/foo/bar/[A-Z0-9]{3}',
      ],
      objects: {
        [route('test-ingress')]: {
          spec: {
            rules: [
              {
                matches: [
                  {
                    path: {
                      type: 'RegularExpression',
                      value: '(?i)(?:/foo/bar/[A-Z0-9]{3}).*',
                    },
                  },
                ],
                backendRefs: [svc('test')],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'use-regex path in PCRE only',
    doc: 'Use Regex (PCRE)',
    ingress: ingress(
      'pcre',
      { 'use-regex': 'true' },
      {
        rules: [
          rule('test.com', [
            '/(?<!admin)/api',
            'ImplementationSpecific',
            'test',
            80,
          ]),
        ],
      },
    ),
    expect: {
      // The host's only path cannot be migrated, so the host has no route and no TLS line.
      differences: [
        'host-wide-regex:test.com',
        'pcre-not-re2:test.com/(?<!admin)/api',
      ],
      refused: ['pcre-not-re2:test.com/(?<!admin)/api'],
    },
  },
  {
    name: 'ImplementationSpecific path is a character prefix',
    doc: 'user-guide/ingress-path-matching',
    ingress: ingress(
      'legacy',
      {},
      {
        rules: [
          rule(
            'example.com',
            ['/foo', 'ImplementationSpecific', 'foo', 80],
            ['/exact', 'Exact', 'foo', 80],
          ),
        ],
      },
    ),
    expect: {
      differences: [
        cert('example.com'),
        'implementation-specific-prefix:example.com/foo',
      ],
      objects: {
        [route('legacy')]: {
          spec: {
            rules: [
              {
                matches: [prefix('/foo'), exact('/exact')],
                backendRefs: [svc('foo')],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'regex on the host from another Ingress',
    doc: 'Use Regex (host-wide)',
    ingress: ingress(
      'web',
      {},
      { rules: [rule('shared.example.com', ['/web', 'Prefix', 'web', 80])] },
    ),
    others: [
      ingress(
        'regex-owner',
        { 'use-regex': 'true' },
        {
          rules: [
            rule('shared.example.com', [
              '/api/v[0-9]+',
              'ImplementationSpecific',
              'api',
              80,
            ]),
          ],
        },
      ),
    ],
    expect: {
      differences: [
        cert('shared.example.com'),
        'host-wide-regex:shared.example.com',
      ],
    },
  },
  {
    name: 'wildcard host',
    doc: 'Ingress host wildcards',
    ingress: ingress('wild', {}, simple('*.foo.com')),
    expect: {
      differences: [cert('*.foo.com'), 'wildcard-host-depth:*.foo.com'],
      objects: { [route('wild')]: routeTo('*.foo.com') },
    },
  },
  {
    name: 'the same host and path in two Ingresses',
    doc: 'Ingress merging of one host',
    ingress: ingress('app', {}, simple('dup.example.com', 'app')),
    others: [ingress('legacy-app', {}, simple('dup.example.com', 'legacy'))],
    expect: {
      differences: [
        cert('dup.example.com'),
        'duplicate-host-path:dup.example.com/',
      ],
    },
  },
  {
    name: 'only a default backend',
    doc: 'Default Backend (spec.defaultBackend)',
    ingress: ingress(
      'catch-all',
      {},
      {
        defaultBackend: {
          service: { name: 'default-http-backend', port: { number: 80 } },
        },
      },
    ),
    expect: {
      differences: ['default-backend', 'catch-all-host'],
      objects: {
        [route('catch-all')]: {
          spec: {
            parentRefs: [GW],
            rules: [
              {
                matches: [prefix('/')],
                backendRefs: [svc('default-http-backend')],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a default backend beside host rules',
    doc: 'Default Backend (spec.defaultBackend)',
    ingress: ingress(
      'with-default',
      {},
      {
        defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
        rules: [rule('app.example.com', ['/api', 'Prefix', 'api', 80])],
      },
    ),
    expect: {
      differences: [cert('app.example.com'), 'default-backend'],
      objects: {
        [route('with-default')]: {
          spec: {
            rules: [
              { matches: [prefix('/api')], backendRefs: [svc('api')] },
              { matches: [prefix('/')], backendRefs: [svc('fallback')] },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a rule without host',
    doc: 'Ingress rules without host',
    ingress: ingress(
      'any-host',
      {},
      { rules: [rule(undefined, ['/', 'Prefix', 'web', 80])] },
    ),
    expect: {
      differences: ['catch-all-host'],
      objects: {
        [route('any-host')]: {
          spec: { parentRefs: [GW], rules: [{ backendRefs: [svc('web')] }] },
        },
      },
    },
  },
  // Backends
  {
    name: 'a resource backend',
    doc: 'Ingress resource backends',
    ingress: ingress(
      'static',
      {},
      {
        rules: [
          {
            host: 'static.example.com',
            http: {
              paths: [
                {
                  path: '/icons',
                  pathType: 'ImplementationSpecific',
                  backend: {
                    resource: {
                      apiGroup: 'k8s.example.com',
                      kind: 'StorageBucket',
                      name: 'icon-assets',
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    ),
    expect: {
      differences: ['unsupported-backend:Path static.example.com/icons'],
      refused: ['unsupported-backend:Path static.example.com/icons'],
    },
  },
  {
    name: 'a named Service port',
    doc: 'Ingress backends by port name',
    ingress: ingress(
      'named',
      {},
      { rules: [rule('named.example.com', ['/', 'Prefix', 'web', 'http'])] },
    ),
    services: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { namespace: NAMESPACE, name: 'web' },
        spec: { ports: [{ name: 'http', port: 8080 }] },
      },
    ],
    expect: {
      differences: [cert('named.example.com')],
      objects: {
        [route('named')]: {
          spec: { rules: [{ backendRefs: [svc('web', 8080)] }] },
        },
      },
    },
  },
  {
    name: 'a named Service port without the Service',
    doc: 'Ingress backends by port name',
    ingress: ingress(
      'named',
      {},
      { rules: [rule('named.example.com', ['/', 'Prefix', 'web', 'http'])] },
    ),
    expect: {
      differences: ['unsupported-backend:Path named.example.com/'],
      refused: ['unsupported-backend:Path named.example.com/'],
    },
  },
  // Unknown, mirror, passthrough, upstream
  {
    name: 'an annotation ingress-nginx does not document',
    doc: 'Annotations (secure-backends was removed)',
    ingress: ingress(
      'old',
      { 'secure-backends': 'true' },
      simple('old.example.com'),
    ),
    expect: {
      differences: [
        cert('old.example.com'),
        'unknown-annotation:secure-backends',
      ],
      annotations: { 'secure-backends': 'unknown' },
    },
  },
  {
    name: 'mirror',
    doc: 'Mirror',
    ingress: ingress(
      'mirror',
      {
        'mirror-target': 'https://test.env.com/$request_uri',
        'mirror-request-body': 'off',
      },
      simple('mirror.example.com'),
    ),
    expect: {
      differences: [
        cert('mirror.example.com'),
        'no-equivalent:mirror-target',
        'no-equivalent:mirror-request-body',
      ],
    },
  },
  {
    name: 'SSL passthrough',
    doc: 'SSL Passthrough',
    ingress: ingress(
      'passthrough',
      { 'ssl-passthrough': 'true' },
      simple('pass.example.com'),
    ),
    expect: {
      differences: [cert('pass.example.com'), 'no-equivalent:ssl-passthrough'],
    },
  },
  {
    name: 'service upstream and HTTP/2 push',
    doc: 'Service Upstream; HTTP2 Push Preload',
    ingress: ingress(
      'upstream',
      { 'service-upstream': 'true', 'http2-push-preload': 'true' },
      simple('upstream.example.com'),
    ),
    expect: {
      differences: [
        cert('upstream.example.com'),
        'no-equivalent:service-upstream',
        'no-equivalent:http2-push-preload',
      ],
      objects: { [route('upstream')]: routeTo('upstream.example.com') },
    },
  },
  // Classes, TLS choices, layouts
  {
    name: 'an Ingress of another controller',
    doc: 'IngressClass',
    ingress: ingress('traefik-app', {}, simple('traefik.example.com')),
    ingressClass: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'traefik' },
      spec: { controller: 'traefik.io/ingress-controller' },
    },
    expect: {
      differences: [cert('traefik.example.com'), 'not-ingress-nginx'],
      refused: ['not-ingress-nginx'],
    },
  },
  {
    name: 'cert-manager Certificates for the Gateway',
    doc: 'TLS/HTTPS with cert-manager (cert-manager.io/cluster-issuer)',
    ingress: ingress(
      'tls-app',
      { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
      {
        tls: [{ hosts: ['tls.example.com'], secretName: 'tls-app-tls' }],
        ...simple('tls.example.com'),
      },
    ),
    target: {
      tls: {
        mode: 'cert-manager',
        issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
      },
    },
    expect: {
      differences: [
        'ssl-redirect-default:tls.example.com',
        'ssl-redirect-needs-http-listener:tls.example.com',
        `cert-manager-owned-certificate:${NAMESPACE}/tls-app`,
      ],
      annotations: { 'cert-manager.io/cluster-issuer': 'ignored' },
      objects: {
        [route('tls-app')]: routeTo('tls.example.com'),
        [`Certificate/${dnsSubdomainName(
          'tls-app',
          'tls-app-tls',
          'gateway',
        )}`]: {
          metadata: { namespace: 'gateway' },
          spec: {
            secretName: dnsSubdomainName('tls-app', 'tls-app-tls', 'gateway'),
            dnsNames: ['tls.example.com'],
            issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
          },
        },
      },
    },
  },
  {
    name: 'cert-manager owned Secrets reused',
    doc: 'TLS/HTTPS with cert-manager',
    ingress: ingress(
      'tls-app',
      { 'cert-manager.io/issuer': 'letsencrypt', 'ssl-redirect': 'false' },
      {
        tls: [{ hosts: ['tls.example.com'], secretName: 'tls-app-tls' }],
        ...simple('tls.example.com'),
      },
    ),
    expect: {
      differences: [
        'secret-reference-grant:shop/tls-app-tls',
        `cert-manager-owned-certificate:${NAMESPACE}/tls-app`,
      ],
      objects: { [route('tls-app')]: routeTo('tls.example.com') },
    },
  },
  {
    name: 'hosts with different paths',
    doc: 'Name based virtual hosting',
    ingress: ingress(
      'vhosts',
      {},
      {
        rules: [
          rule('foo.bar.com', ['/', 'Prefix', 'service1', 80]),
          rule('bar.foo.com', ['/', 'Prefix', 'service2', 80]),
        ],
      },
    ),
    expect: {
      differences: [cert('foo.bar.com'), cert('bar.foo.com')],
      objects: {
        [route(dnsSubdomainName('vhosts', 'foo.bar.com'))]: routeTo(
          'foo.bar.com',
          'service1',
        ),
        [route(dnsSubdomainName('vhosts', 'bar.foo.com'))]: routeTo(
          'bar.foo.com',
          'service2',
        ),
      },
    },
  },
  {
    name: 'hosts with the same paths',
    doc: 'Name based virtual hosting',
    ingress: ingress(
      'twins',
      {},
      {
        rules: [
          rule('a.example.com', ['/', 'Prefix', 'web', 80]),
          rule('b.example.com', ['/', 'Prefix', 'web', 80]),
        ],
      },
    ),
    expect: {
      differences: [cert('a.example.com'), cert('b.example.com')],
      objects: {
        [route('twins')]: {
          spec: { hostnames: ['a.example.com', 'b.example.com'] },
        },
      },
    },
  },
  {
    name: 'a ListenerSet parent',
    doc: 'Server-side HTTPS enforcement through redirect',
    ingress: ingress(
      'team',
      {},
      {
        tls: [{ hosts: ['app.team-a.example.org'], secretName: 'app-tls' }],
        ...simple('app.team-a.example.org'),
      },
    ),
    target: {
      parentRefs: [
        {
          kind: 'ListenerSet',
          namespace: NAMESPACE,
          name: 'team-a',
          httpsSectionNames: { 'app.team-a.example.org': 'app-https' },
          httpSectionNames: { 'app.team-a.example.org': 'app-http' },
        },
      ],
    },
    expect: {
      differences: [
        'ssl-redirect-default:app.team-a.example.org',
        'redirect-status-code:ssl-redirect',
      ],
      objects: {
        [route('team')]: {
          spec: {
            parentRefs: [
              {
                group: 'gateway.networking.k8s.io',
                kind: 'ListenerSet',
                namespace: NAMESPACE,
                name: 'team-a',
                sectionName: 'app-https',
              },
            ],
          },
        },
        [route(dnsSubdomainName('team', 'https-redirect'))]: {
          spec: {
            parentRefs: [
              { kind: 'ListenerSet', name: 'team-a', sectionName: 'app-http' },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a custom annotation prefix',
    doc: 'Annotations (--annotations-prefix)',
    ingress: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'prefixed',
        namespace: NAMESPACE,
        annotations: {
          'custom.example.com/x-forwarded-prefix': '/shop',
          'nginx.ingress.kubernetes.io/x-forwarded-prefix': '/ignored',
        },
      },
      spec: simple('prefix.example.com'),
    },
    annotationPrefix: 'custom.example.com',
    expect: {
      differences: [cert('prefix.example.com')],
      annotations: {
        'custom.example.com/x-forwarded-prefix': 'mapped',
        'nginx.ingress.kubernetes.io/x-forwarded-prefix': 'unknown',
      },
      objects: {
        [route('prefixed')]: routeTo('prefix.example.com', 'http-svc', {
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: {
                set: [{ name: 'X-Forwarded-Prefix', value: '/shop' }],
              },
            },
          ],
        }),
      },
    },
  },
  {
    name: 'an invalid host',
    doc: 'Ingress rules',
    ingress: ingress('bad-host', {}, simple('10.0.0.1')),
    expect: {
      differences: ['invalid-host:10.0.0.1'],
      refused: ['invalid-host:10.0.0.1'],
    },
  },
];
