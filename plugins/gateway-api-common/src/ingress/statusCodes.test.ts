/**
 * ingress-nginx's redirect codes (308 for the HTTPS and www redirects, permanent- and
 * temporal-redirect-code) through the translation: kept where the install's HTTPRoute takes
 * them and the target GatewayClass lists their feature, otherwise written as 301/302 with a
 * `redirect-status-code` difference saying which and why.
 */
import { dnsSubdomainName } from '../names';
import { ingress, rule } from './__corpus__/corpus';
import { translateIngress } from './translate';
import {
  GeneratedHTTPRoute,
  IngressTranslation,
  MigrationTarget,
} from './types';

const HOST = 'shop.example.com';
const PREFIX = 'nginx.ingress.kubernetes.io';

/** Envoy Gateway's claims: every redirect feature. */
const EVERY_CODE = [
  'Gateway',
  'HTTPRoute',
  'HTTPRoute303RedirectStatusCode',
  'HTTPRoute307RedirectStatusCode',
  'HTTPRoute308RedirectStatusCode',
  'HTTPRoutePathRedirect',
  'HTTPRoutePortRedirect',
  'HTTPRouteSchemeRedirect',
];
/** Cilium's: the scheme, path and port redirects, no extended status code. */
const CILIUM = [
  'Gateway',
  'HTTPRoute',
  'HTTPRoutePathRedirect',
  'HTTPRoutePortRedirect',
  'HTTPRouteSchemeRedirect',
];

const parentRefs: MigrationTarget['parentRefs'] = [
  {
    kind: 'Gateway',
    namespace: 'gateway',
    name: 'shared',
    httpsSectionNames: { [HOST]: 'https-shop', [`www.${HOST}`]: 'https-www' },
    httpSectionNames: { [HOST]: 'http', [`www.${HOST}`]: 'http' },
  },
];

function translate(
  annotations: Record<string, string>,
  target: Partial<MigrationTarget>,
): IngressTranslation {
  return translateIngress({
    ingress: ingress('shop', annotations, {
      tls: [{ hosts: [HOST], secretName: 'shop-tls' }],
      rules: [rule(HOST, ['/', 'Prefix', 'web', 80])],
    }),
    target: {
      parentRefs,
      implementation: 'gateway-api',
      tls: { mode: 'reuse-secret' },
      gatewayClassName: 'cilium',
      ...target,
    },
  });
}

/** The status codes of every RequestRedirect written, by route name. */
function writtenCodes(result: IngressTranslation): Record<string, number[]> {
  expect(result.status).toBe('translated');
  const routes = (result.status === 'translated' ? result.objects : []).filter(
    o => o.kind === 'HTTPRoute',
  ) as GeneratedHTTPRoute[];
  return Object.fromEntries(
    routes
      .map(r => [
        r.metadata.name,
        r.spec.rules.flatMap(routeRule =>
          (routeRule.filters ?? []).flatMap(f =>
            f.type === 'RequestRedirect' ? [f.requestRedirect.statusCode!] : [],
          ),
        ),
      ])
      .filter(([, codes]) => codes.length),
  );
}

const codeDifferences = (result: IngressTranslation) =>
  result.report.differences.filter(d => d.kind === 'redirect-status-code');

const line = (result: IngressTranslation, annotation: string) =>
  result.report.annotations.find(
    a => a.annotation === `${PREFIX}/${annotation}`,
  );

/** The targets of the per-class choice: [what, target, kept]. */
const TARGETS: Array<[string, Partial<MigrationTarget>, boolean]> = [
  [
    'v1.5+ and a class listing the codes',
    { httpRouteRedirectCodes: true, supportedFeatures: EVERY_CODE },
    true,
  ],
  [
    'v1.5+ and a class not listing them (Cilium)',
    { httpRouteRedirectCodes: true, supportedFeatures: CILIUM },
    false,
  ],
  [
    'v1.5+ and a class that lists no features yet',
    { httpRouteRedirectCodes: true, supportedFeatures: [] },
    false,
  ],
  [
    'v1.5+ and no class features given',
    { httpRouteRedirectCodes: true },
    false,
  ],
  [
    'v1.4 and a class listing the codes',
    { httpRouteRedirectCodes: false, supportedFeatures: EVERY_CODE },
    false,
  ],
];

describe('the status code of each redirect the translation writes', () => {
  it.each(TARGETS)('%s', (_, target, kept) => {
    const https = translate({}, target);
    expect(writtenCodes(https)).toEqual({
      [dnsSubdomainName('shop', 'https-redirect')]: [kept ? 308 : 301],
    });
    const permanent = translate(
      {
        'ssl-redirect': 'false',
        'permanent-redirect': 'https://new.example.com/',
        'permanent-redirect-code': '308',
      },
      target,
    );
    expect(writtenCodes(permanent)).toEqual({ shop: [kept ? 308 : 301] });
    const temporal = translate(
      {
        'ssl-redirect': 'false',
        'temporal-redirect': 'https://new.example.com/',
        'temporal-redirect-code': '307',
      },
      target,
    );
    expect(writtenCodes(temporal)).toEqual({ shop: [kept ? 307 : 302] });
    const seeOther = translate(
      {
        'ssl-redirect': 'false',
        'temporal-redirect': 'https://new.example.com/',
        'temporal-redirect-code': '303',
      },
      target,
    );
    expect(writtenCodes(seeOther)).toEqual({ shop: [kept ? 303 : 302] });
    const www = translate(
      { 'ssl-redirect': 'false', 'from-to-www-redirect': 'true' },
      target,
    );
    expect(writtenCodes(www)).toEqual({
      [dnsSubdomainName('shop', `www.${HOST}`, 'redirect')]: [kept ? 308 : 301],
    });
    // A difference says so exactly when the code is not ingress-nginx's.
    for (const [result, id] of [
      [https, 'redirect-status-code:ssl-redirect'],
      [permanent, 'redirect-status-code:permanent-redirect'],
      [temporal, 'redirect-status-code:temporal-redirect'],
      [seeOther, 'redirect-status-code:temporal-redirect'],
      [www, 'redirect-status-code:from-to-www-redirect'],
    ] as const) {
      expect(codeDifferences(result).map(d => d.id)).toEqual(kept ? [] : [id]);
      expect(result.status).toBe('translated');
    }
  });

  it('core codes are written as they are on any target, without a difference', () => {
    for (const [, target] of TARGETS) {
      const result = translate(
        {
          'ssl-redirect': 'false',
          'permanent-redirect': 'https://new.example.com/',
          'app-root': '/app',
        },
        target,
      );
      expect(writtenCodes(result)).toEqual({ shop: [302, 301] });
      expect(codeDifferences(result)).toEqual([]);
    }
  });

  it('says which code was written and why, per reason', () => {
    const permanent = {
      'ssl-redirect': 'false',
      'permanent-redirect': 'https://new.example.com/',
      'permanent-redirect-code': '308',
    };
    const messages = TARGETS.slice(1).map(
      ([, target]) => codeDifferences(translate(permanent, target))[0],
    );
    expect(messages[0]).toEqual({
      id: 'redirect-status-code:permanent-redirect',
      kind: 'redirect-status-code',
      subject: 'permanent-redirect',
      severity: 'informational',
      acceptable: true,
      accepted: false,
      message:
        'ingress-nginx redirected to https://new.example.com/ with 308; written as 301: GatewayClass cilium does not list HTTPRoute308RedirectStatusCode among its supportedFeatures, so its controller would refuse the route with 308. A client following a 301 may turn a POST into a GET, which a 308 forbids.',
    });
    expect(messages[1].message).toBe(
      'ingress-nginx redirected to https://new.example.com/ with 308; written as 301: GatewayClass cilium lists no supportedFeatures yet, so it is not known to serve HTTPRoute308RedirectStatusCode; a controller refuses a route with a code it cannot serve, and the hostname would stop answering, while 301 always serves. Migrate again once its controller lists its features to keep 308. A client following a 301 may turn a POST into a GET, which a 308 forbids.',
    );
    expect(messages[2].message).toBe(messages[1].message);
    expect(messages[3].message).toBe(
      "ingress-nginx redirected to https://new.example.com/ with 308; written as 301: the cluster's HTTPRoute takes only the status codes 301 and 302 (Gateway API before v1.5); Gateway API v1.5 or later keeps 308. A client following a 301 may turn a POST into a GET, which a 308 forbids.",
    );
    const https = codeDifferences(translate({}, TARGETS[1][1]))[0];
    expect(https.message).toMatch(
      /^ingress-nginx redirected HTTP to HTTPS for shop\.example\.com with 308; written as 301: GatewayClass cilium does not list HTTPRoute308RedirectStatusCode/,
    );
  });

  it('the report lines name the code written, not only ingress-nginx’s', () => {
    const permanent = {
      'permanent-redirect': 'https://new.example.com/',
      'permanent-redirect-code': '308',
      'force-ssl-redirect': 'true',
    };
    const cilium = translate(permanent, TARGETS[1][1]);
    expect(line(cilium, 'permanent-redirect')).toMatchObject({
      outcome: 'mapped',
      gatewayApi: 'HTTPRoute RequestRedirect filter (301 instead of 308)',
      differences: ['redirect-status-code:permanent-redirect'],
    });
    expect(line(cilium, 'permanent-redirect-code')).toMatchObject({
      outcome: 'mapped',
      gatewayApi: 'RequestRedirect statusCode 301 instead of 308',
      differences: ['redirect-status-code:permanent-redirect'],
    });
    expect(line(cilium, 'force-ssl-redirect')).toMatchObject({
      gatewayApi: `HTTPRoute on the HTTP listener redirecting ${HOST} to https (301 instead of 308)`,
      differences: ['redirect-status-code:ssl-redirect'],
    });
    const envoy = translate(permanent, TARGETS[0][1]);
    expect(line(envoy, 'permanent-redirect')).toMatchObject({
      gatewayApi: 'HTTPRoute RequestRedirect filter (308)',
      differences: [],
    });
    expect(line(envoy, 'permanent-redirect-code')).toMatchObject({
      gatewayApi: 'RequestRedirect statusCode 308',
      differences: [],
    });
    expect(line(envoy, 'force-ssl-redirect')).toMatchObject({
      gatewayApi: `HTTPRoute on the HTTP listener redirecting ${HOST} to https (308)`,
      differences: [],
    });
    const www = translate(
      { 'ssl-redirect': 'false', 'from-to-www-redirect': 'true' },
      TARGETS[1][1],
    );
    expect(line(www, 'from-to-www-redirect')).toMatchObject({
      gatewayApi: `HTTPRoute(s) redirecting www.${HOST} → ${HOST} (301 instead of 308)`,
      differences: ['redirect-status-code:from-to-www-redirect'],
    });
  });
});
