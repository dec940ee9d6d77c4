import fs from 'fs';
import path from 'path';
import { ingress, rule } from './__corpus__/corpus';
import { INGRESS_NGINX_ANNOTATIONS } from './annotationTable';
import { translateIngress } from './translate';
import { MigrationImplementation } from './types';

/**
 * Every annotation ingress-nginx documents, copied from its "Annotations" page and its
 * "Annotations Scope and Risk" table (older names kept: clusters still carry them).
 */
const DOCUMENTED = `
app-root affinity affinity-mode affinity-canary-behavior auth-realm auth-secret auth-secret-type
auth-type auth-tls-secret auth-tls-verify-depth auth-tls-verify-client auth-tls-error-page
auth-tls-pass-certificate-to-upstream auth-tls-match-cn auth-url auth-cache-key auth-cache-duration
auth-keepalive auth-keepalive-share-vars auth-keepalive-requests auth-keepalive-timeout
auth-proxy-set-headers auth-snippet enable-global-auth backend-protocol canary canary-by-header
canary-by-header-value canary-by-header-pattern canary-by-cookie canary-weight canary-weight-total
client-body-buffer-size configuration-snippet custom-http-errors custom-headers default-backend
enable-cors cors-allow-origin cors-allow-methods cors-allow-headers cors-expose-headers
cors-allow-credentials cors-max-age force-ssl-redirect from-to-www-redirect http2-push-preload
limit-connections limit-rps limit-rpm limit-burst-multiplier limit-rate limit-rate-after
limit-whitelist limit-allowlist global-rate-limit global-rate-limit-window global-rate-limit-key
global-rate-limit-ignored-cidrs permanent-redirect permanent-redirect-code temporal-redirect
temporal-redirect-code preserve-trailing-slash proxy-body-size proxy-cookie-domain proxy-cookie-path
proxy-connect-timeout proxy-send-timeout proxy-read-timeout proxy-next-upstream
proxy-next-upstream-timeout proxy-next-upstream-tries proxy-request-buffering proxy-redirect-from
proxy-redirect-to proxy-http-version proxy-ssl-secret proxy-ssl-ciphers proxy-ssl-name
proxy-ssl-protocols proxy-ssl-verify proxy-ssl-verify-depth proxy-ssl-server-name
enable-rewrite-log rewrite-target satisfy server-alias server-snippet service-upstream
session-cookie-change-on-failure session-cookie-conditional-samesite-none session-cookie-domain
session-cookie-expires session-cookie-max-age session-cookie-name session-cookie-partitioned
session-cookie-path session-cookie-samesite session-cookie-secure ssl-redirect ssl-passthrough
stream-snippet upstream-hash-by upstream-hash-by-subset upstream-hash-by-subset-size
x-forwarded-prefix load-balance upstream-vhost denylist-source-range whitelist-source-range
allowlist-source-range proxy-buffering proxy-buffers-number proxy-buffer-size proxy-busy-buffers-size
proxy-max-temp-file-size ssl-ciphers ssl-prefer-server-ciphers connection-proxy-header
enable-access-log enable-opentracing opentracing-trust-incoming-span enable-opentelemetry
opentelemetry-trust-incoming-span opentelemetry-operation-name enable-influxdb
influxdb-measurement influxdb-port influxdb-host influxdb-server-name use-regex enable-modsecurity
enable-owasp-core-rules modsecurity-transaction-id modsecurity-snippet mirror-request-body
mirror-target mirror-host auth-signin auth-signin-redirect-param auth-method auth-response-headers
auth-request-redirect auth-always-set-cookie disable-proxy-intercept-errors fastcgi-index
fastcgi-params-configmap use-port-in-redirects
`
  .split(/\s+/)
  .filter(Boolean);

/** A value ingress-nginx accepts for each annotation whose value is not a boolean. */
const SAMPLE: Record<string, string> = {
  'app-root': '/app',
  affinity: 'cookie',
  'auth-type': 'basic',
  'auth-secret': 'basic-auth',
  'auth-url': 'http://auth.example.com/verify',
  'backend-protocol': 'GRPC',
  'canary-weight': '10',
  'canary-by-header': 'X-Canary',
  'cors-allow-origin': 'https://app.example.com',
  'custom-headers': 'shop/headers',
  'limit-rps': '5',
  'limit-rpm': '100',
  'limit-connections': '5',
  'limit-allowlist': '10.0.0.0/8',
  'limit-whitelist': '10.0.0.0/8',
  'permanent-redirect': 'https://example.com/',
  'temporal-redirect': 'https://example.com/',
  'permanent-redirect-code': '308',
  'temporal-redirect-code': '307',
  'proxy-body-size': '8m',
  'proxy-connect-timeout': '5',
  'proxy-read-timeout': '60',
  'proxy-send-timeout': '60',
  'proxy-next-upstream': 'error timeout',
  'proxy-next-upstream-tries': '3',
  'rewrite-target': '/',
  'server-alias': 'alias.example.com',
  'upstream-hash-by': '$remote_addr',
  'upstream-vhost': 'internal.example.com',
  'x-forwarded-prefix': '/prefix',
  'load-balance': 'round_robin',
  'denylist-source-range': '10.0.0.0/8',
  'whitelist-source-range': '10.0.0.0/8',
  'allowlist-source-range': '10.0.0.0/8',
  'session-cookie-name': 'route',
  'session-cookie-max-age': '3600',
  'session-cookie-expires': '3600',
};

describe('the annotation table', () => {
  it('is the one the README shows', () => {
    const readme = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Annotations'));
    const listed = [...section.matchAll(/^\| `([a-z0-9-]+)`\s*\|/gm)].map(
      m => m[1],
    );
    expect(listed.sort()).toEqual(
      Object.keys(INGRESS_NGINX_ANNOTATIONS).sort(),
    );
  });

  it('knows every annotation ingress-nginx documents', () => {
    const missing = DOCUMENTED.filter(name => !INGRESS_NGINX_ANNOTATIONS[name]);
    expect(missing).toEqual([]);
  });

  const cases: Array<[string, MigrationImplementation]> = DOCUMENTED.flatMap(
    name => [
      [name, 'envoy-gateway'],
      [name, 'gateway-api'],
    ],
  );

  it.each(cases)('never drops %s silently (%s)', (name, implementation) => {
    const result = translateIngress({
      ingress: ingress(
        'one',
        { [name]: SAMPLE[name] ?? 'true' },
        { rules: [rule('one.example.com', ['/', 'Prefix', 'web', 80])] },
      ),
      target: {
        parentRefs: [{ kind: 'Gateway', namespace: 'gateway', name: 'shared' }],
        implementation,
        tls: { mode: 'reuse-secret' },
      },
    });
    const lines = result.report.annotations;
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line.outcome).not.toBe('unknown');
    // Dropped behaviour is always a difference the user sees; the rest says what it became or why not.
    expect(
      line.outcome === 'no-equivalent' ? line.differences.length > 0 : true,
    ).toBe(true);
    expect(line.gatewayApi ?? line.reason).toBeTruthy();
    expect(
      line.differences.every(id =>
        result.report.differences.some(d => d.id === id),
      ),
    ).toBe(true);
  });
});
