/**
 * Redirects checked against the target GatewayClass's supportedFeatures: the HTTP → HTTPS
 * redirect route is an acceptable loss, a redirect the host answers with is not.
 */
import { GATEWAY_API_ANNOTATIONS } from '../annotations';
import { ingress, rule } from './__corpus__/corpus';
import { translateIngress } from './translate';
import {
  GeneratedHTTPRoute,
  IngressTranslation,
  MigrationTarget,
} from './types';
import { Ingress } from '../types/ingress';

/** Cilium's redirect features (Gateway API v1.4.1): no 303/307/308 status code (written as 301/302). */
const WITHOUT_308 = [
  'Gateway',
  'HTTPRoute',
  'HTTPRoutePathRedirect',
  'HTTPRoutePortRedirect',
  'HTTPRouteSchemeRedirect',
];
/** A controller that redirects only to another hostname (and every status code). */
const WITHOUT_SCHEME = [
  'Gateway',
  'HTTPRoute',
  'HTTPRoute303RedirectStatusCode',
  'HTTPRoute307RedirectStatusCode',
  'HTTPRoute308RedirectStatusCode',
  'HTTPRoutePortRedirect',
];

const HOST = 'shop.example.com';
const sections: MigrationTarget['parentRefs'] = [
  {
    kind: 'Gateway',
    namespace: 'gateway',
    name: 'shared',
    httpsSectionNames: { [HOST]: 'https-shop' },
    httpSectionNames: { [HOST]: 'http' },
  },
];
const tlsSpec = {
  tls: [{ hosts: [HOST], secretName: 'shop-tls' }],
  rules: [rule(HOST, ['/', 'Prefix', 'web', 80])],
};

function translate(
  subject: Ingress,
  target: Partial<MigrationTarget>,
  accepted: string[] = [],
): IngressTranslation {
  return translateIngress({
    ingress: subject,
    target: {
      parentRefs: sections,
      implementation: 'gateway-api',
      tls: { mode: 'reuse-secret' },
      gatewayClassName: 'limited',
      httpRouteRedirectCodes: true,
      ...target,
      acceptedDifferences: accepted,
    },
  });
}

const difference = (result: IngressTranslation, id: string) =>
  result.report.differences.find(d => d.id === id);
const routes = (result: IngressTranslation) =>
  result.status === 'translated'
    ? (result.objects.filter(
        o => o.kind === 'HTTPRoute',
      ) as GeneratedHTTPRoute[])
    : [];

describe('the HTTP → HTTPS redirect route on a class that cannot serve it', () => {
  it.each([['HTTPRouteSchemeRedirect', WITHOUT_SCHEME]])(
    'lacking %s: blocking until accepted; accepted, no redirect route and no plain HTTP',
    (feature, supportedFeatures) => {
      const subject = ingress('shop', {}, tlsSpec);
      const id = `https-redirect-unsupported:${HOST}`;
      const blocked = translate(subject, { supportedFeatures });
      expect(blocked.status).toBe('blocked');
      expect(difference(blocked, id)).toMatchObject({
        kind: 'https-redirect-unsupported',
        severity: 'blocking',
        acceptable: true,
        accepted: false,
      });
      expect(difference(blocked, id)?.message).toBe(
        `ingress-nginx redirected HTTP to HTTPS for ${HOST}; GatewayClass limited does not list ${feature} among its supportedFeatures, so its controller would refuse the route. Accepted, no redirect route is written and plain HTTP on ${HOST} is no longer redirected (nor served); redirect at the load balancer in front instead, or migrate to a GatewayClass that supports it.`,
      );
      // It does not promise the redirect it cannot keep.
      expect(difference(blocked, `ssl-redirect-default:${HOST}`)).toBe(
        undefined,
      );

      const accepted = translate(subject, { supportedFeatures }, [id]);
      expect(accepted.status).toBe('translated');
      const written = routes(accepted);
      expect(written.map(r => r.metadata.name)).toEqual(['shop']);
      // The main route stays on the HTTPS listener only.
      expect(written[0].spec.parentRefs.map(p => p.sectionName)).toEqual([
        'https-shop',
      ]);
      expect(
        JSON.parse(
          written[0].metadata.annotations![
            GATEWAY_API_ANNOTATIONS.acceptedDifferences
          ],
        ),
      ).toContain(id);
      expect(accepted.report.tls[0]).toMatchObject({
        hostname: HOST,
        httpsRedirect: false,
      });
    },
  );

  it('force-ssl-redirect without listener names: the class, not the listener, is the reason', () => {
    const subject = ingress(
      'plain',
      { 'force-ssl-redirect': 'true' },
      { rules: [rule(HOST, ['/', 'Prefix', 'web', 80])] },
    );
    const target: Partial<MigrationTarget> = {
      parentRefs: [{ kind: 'Gateway', namespace: 'gateway', name: 'shared' }],
    };
    const limited = translate(subject, {
      ...target,
      supportedFeatures: WITHOUT_SCHEME,
    });
    expect(limited.report.differences.map(d => d.kind)).toContain(
      'https-redirect-unsupported',
    );
    expect(limited.report.differences.map(d => d.kind)).not.toContain(
      'ssl-redirect-needs-http-listener',
    );
    const line = limited.report.annotations.find(a =>
      a.annotation.endsWith('/force-ssl-redirect'),
    );
    expect(line).toMatchObject({
      outcome: 'mapped',
      gatewayApi:
        'no redirect route: the GatewayClass does not support it (HTTPRouteSchemeRedirect)',
      differences: [`https-redirect-unsupported:${HOST}`],
    });
    // A class that supports it: the listener names are what is missing.
    const able = translate(subject, {
      ...target,
      supportedFeatures: [...WITHOUT_SCHEME, 'HTTPRouteSchemeRedirect'],
    });
    expect(able.report.differences.map(d => d.kind)).toContain(
      'ssl-redirect-needs-http-listener',
    );
    expect(able.report.differences.map(d => d.kind)).not.toContain(
      'https-redirect-unsupported',
    );
  });

  it('writes the redirect route where the class lists the features, lists none yet, or lacks only the 308 code (written as 301)', () => {
    const subject = ingress('shop', {}, tlsSpec);
    for (const supportedFeatures of [
      undefined,
      [],
      WITHOUT_308,
      [...WITHOUT_308, 'HTTPRoute308RedirectStatusCode'],
    ]) {
      const result = translate(subject, { supportedFeatures });
      expect(result.status).toBe('translated');
      expect(routes(result).map(r => r.metadata.name)).toEqual([
        'shop',
        expect.stringMatching(/^shop-https-redirect-/),
      ]);
    }
    // Before Gateway API v1.5 the redirect is a 301, which a class without 308 serves.
    const v14 = translate(subject, {
      supportedFeatures: WITHOUT_308,
      httpRouteRedirectCodes: false,
    });
    expect(routes(v14)[1].spec.rules[0].filters).toEqual([
      {
        type: 'RequestRedirect',
        requestRedirect: { scheme: 'https', statusCode: 301 },
      },
    ]);
  });
});

describe('a redirect the host answers with, on a class that cannot serve it', () => {
  const plain = { rules: [rule(HOST, ['/', 'Prefix', 'web', 80])] };

  it.each<[string, Record<string, string>, string[], string, string]>([
    [
      'temporal-redirect lacking the scheme redirect',
      { 'temporal-redirect': 'https://new.example.com/sale' },
      WITHOUT_SCHEME,
      'temporal-redirect',
      `nginx.ingress.kubernetes.io/temporal-redirect makes ${HOST} answer with a redirect; GatewayClass limited does not list HTTPRoutePathRedirect, HTTPRouteSchemeRedirect among its supportedFeatures, so its controller would refuse the route, and ${HOST} would stop answering. Redirect elsewhere than through the Gateway (the application, or the load balancer in front), then remove temporal-redirect from the Ingress, or migrate to a GatewayClass that supports it.`,
    ],
    [
      'app-root lacking the path redirect',
      { 'app-root': '/app' },
      WITHOUT_SCHEME,
      'app-root',
      `nginx.ingress.kubernetes.io/app-root makes ${HOST} answer with a redirect; GatewayClass limited does not list HTTPRoutePathRedirect among its supportedFeatures, so its controller would refuse the route, and ${HOST} would stop answering. Remove app-root from the Ingress (/ then reaches the backend, which can redirect itself), or migrate to a GatewayClass that supports it.`,
    ],
  ])(
    '%s: blocked and not acceptable, even accepted',
    (_, annotations, supportedFeatures, annotation, message) => {
      const subject = ingress('moved', annotations, plain);
      const id = `redirect-unsupported:${annotation}`;
      const result = translate(subject, { supportedFeatures }, [id]);
      expect(result.status).toBe('blocked');
      expect(result.status === 'blocked' ? result.blocking : []).toEqual([
        {
          id,
          kind: 'redirect-unsupported',
          severity: 'blocking',
          acceptable: false,
          subject: annotation,
          message,
          accepted: false,
        },
      ]);
      expect(
        result.report.annotations.find(
          a => a.annotation === `nginx.ingress.kubernetes.io/${annotation}`,
        )?.differences,
      ).toContain(id);
      // A class that lists the features, or none yet, serves it.
      for (const full of [
        undefined,
        [...WITHOUT_308, ...WITHOUT_SCHEME, 'HTTPRoutePathRedirect'],
      ]) {
        expect(translate(subject, { supportedFeatures: full }).status).toBe(
          'translated',
        );
      }
    },
  );

  it('a core redirect passes a class without extended features: from-to-www-redirect as a 301 to the host', () => {
    const result = translate(
      ingress(
        'moved',
        {
          'from-to-www-redirect': 'true',
        },
        plain,
      ),
      {
        supportedFeatures: ['Gateway', 'HTTPRoute'],
        httpRouteRedirectCodes: false,
      },
    );
    expect(result.status).toBe('translated');
    expect(routes(result).map(r => r.spec.hostnames)).toEqual([
      [HOST],
      [`www.${HOST}`],
    ]);
  });
});
