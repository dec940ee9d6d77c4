/**
 * The ingress-nginx Ingress → Gateway API translation: paths to HTTPRoute rules, annotations to
 * filters and Envoy Gateway policies, TLS to listener Secrets or Certificates, and every
 * behaviour that changes on the way named as a difference the user must accept.
 */
import { hostnameMatches } from '../hostnameMatch';
import { dnsSubdomainName } from '../names';
import { GATEWAY_API_GROUP } from '../types/gatewayApi';
import {
  GeneratedCertificate,
  GeneratedEnvoyPolicy,
  GeneratedHTTPRoute,
  GeneratedObject,
  HostnameTls,
  IngressMigrationInput,
  IngressTranslation,
} from './types';
import { parseBoolean } from './values';
import { Translation, uniq } from './context';
import { pathEntries } from './entries';
import { hostDifferences } from './hostDifferences';
import { MAX_HOSTNAMES, metadata, parentRefs, planRoutes } from './routes';
import { buildRules, redirectRule } from './rules';
import {
  statusCodeDifference,
  statusCodeText,
  writtenStatusCode,
} from './statusCodes';
import {
  httpsRedirectMissing,
  httpsRedirectUnsupported,
  unsupportedHostRedirects,
} from './redirectSupport';

const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
const MAX_RULES = 16;
const MAX_MATCHES = 128;

/**
 * Translates one ingress-nginx Ingress into Gateway API objects for the given target, with a
 * report of every path and annotation. Pure: it reads only its input. Whatever the Ingress says,
 * it answers `translated` or `blocked` with the reasons; it throws only for a call no cluster
 * object can make (an Ingress without name or namespace, a target without parentRefs).
 *
 * @public
 */
export function translateIngress(
  input: IngressMigrationInput,
): IngressTranslation {
  const t = new Translation(input);
  const { target } = input;
  const spec = t.ingress.spec ?? {};
  const f = t.features;

  const controller = input.ingressClass?.spec?.controller;
  if (controller && controller !== INGRESS_NGINX_CONTROLLER) {
    t.differences.add('not-ingress-nginx', {
      acceptable: false,
      message: `${t.ref} belongs to IngressClass ${input.ingressClass?.metadata?.name} of controller ${controller}, not ingress-nginx; its annotations mean something else, so it cannot be migrated with ingress-nginx's rules.`,
    });
  }
  if (f.canary) {
    t.differences.add('canary-ingress', {
      acceptable: false,
      message: `${t.ref} is a canary (canary: "true"); it is migrated with the Ingress it is a canary of, whose route gets its weights and header matches. Migrate that Ingress instead.`,
    });
  }

  const groups = pathEntries(t);
  hostDifferences(t, groups);

  // TLS: which hosts have a certificate, and which are redirected to HTTPS.
  const tlsEntries = (spec.tls ?? []).map(entry => ({
    secretName: entry.secretName,
    hosts: (entry.hosts ?? [])
      .map(h => t.host(h))
      .filter((h): h is string => !!h),
  }));
  const tlsFor = (host: string) =>
    tlsEntries.find(e => e.hosts.some(h => hostnameMatches(h, host)));
  const redirectedByNginx = (host: string) =>
    f.forceSslRedirect || (!!tlsFor(host) && f.sslRedirect !== false);
  const sectionsKnown = (host: string) =>
    target.parentRefs.every(
      p => p.httpSectionNames?.[host] && p.httpsSectionNames?.[host],
    );
  // A class that cannot serve the redirect route: the host is neither redirected nor served
  // over plain HTTP (serving it there would expose what ingress-nginx only served over HTTPS).
  const httpsMissing = httpsRedirectMissing(t);
  const redirectRouted = (host: string) =>
    redirectedByNginx(host) && sectionsKnown(host) && !httpsMissing.length;
  const httpNotServed = (host: string) =>
    redirectRouted(host) || (redirectedByNginx(host) && !!httpsMissing.length);

  const { plans, split } = planRoutes(t, groups, redirectedByNginx);
  if (f.serverAliases.length) {
    const target0 = plans.filter(p => p.hostnames.length);
    if (target0.length === 1) {
      const aliases = f.serverAliases
        .map(a => t.host(a))
        .filter((a): a is string => !!a);
      target0[0].hostnames = uniq([...target0[0].hostnames, ...aliases]);
      t.reader.mapped(
        'server-alias',
        `more hostnames on HTTPRoute ${target0[0].name}`,
      );
    } else {
      t.reader.dropped(
        'server-alias',
        'the Ingress has several host routes, and an alias belongs to one of them',
      );
    }
  }

  const tls: HostnameTls[] = [];
  const certificates: GeneratedCertificate[] = [];
  const certNamespace =
    target.tls.mode === 'cert-manager'
      ? target.tls.namespace ?? target.parentRefs[0].namespace
      : '';
  const certName = (index: number) =>
    dnsSubdomainName(
      t.name,
      tlsEntries[index].secretName ?? `tls-${index}`,
      'gateway',
    );
  const allHosts = uniq(plans.flatMap(p => p.hostnames));
  const httpsRedirectDifferences: string[] = [];
  for (const host of allHosts) {
    const entry = tlsFor(host);
    const index = entry ? tlsEntries.indexOf(entry) : -1;
    const line: HostnameTls = {
      hostname: host,
      httpsRedirect: redirectRouted(host),
    };
    if (entry && target.tls.mode === 'cert-manager') {
      line.secret = { namespace: certNamespace, name: certName(index) };
      line.certificate = { namespace: certNamespace, name: certName(index) };
    } else if (entry?.secretName) {
      line.secret = { namespace: t.namespace, name: entry.secretName };
      const elsewhere = uniq(
        target.parentRefs
          .map(p => p.namespace)
          .filter(ns => ns !== t.namespace),
      );
      if (elsewhere.length) {
        t.differences.add('secret-reference-grant', {
          subject: `${t.namespace}/${entry.secretName}`,
          severity: 'informational',
          message: `The listener for ${host} lives in ${elsewhere.join(
            ', ',
          )} and reads Secret ${t.namespace}/${
            entry.secretName
          } of the Ingress's namespace; that takes a ReferenceGrant in ${
            t.namespace
          }, or a copy of the Secret next to the listener.`,
        });
      }
    }
    if (!line.secret) {
      t.differences.add('default-certificate', {
        subject: host,
        severity: 'informational',
        message: `${host} has no TLS Secret on the Ingress: ingress-nginx still answered HTTPS for it with its default certificate, which browsers distrust; on the Gateway it gets HTTPS only from a listener with a certificate for it.`,
      });
    }
    if (redirectedByNginx(host) && httpsMissing.length) {
      httpsRedirectDifferences.push(
        httpsRedirectUnsupported(t, host, httpsMissing),
      );
    } else if (redirectedByNginx(host)) {
      if (f.sslRedirect === undefined && !f.forceSslRedirect) {
        t.differences.add('ssl-redirect-default', {
          subject: host,
          severity: 'informational',
          message: `ingress-nginx redirected HTTP to HTTPS for ${host} by default, as it has TLS; the migration keeps that redirect. Set ssl-redirect: "false" on the Ingress to serve HTTP instead.`,
        });
      }
      if (!sectionsKnown(host)) {
        t.differences.add('ssl-redirect-needs-http-listener', {
          subject: host,
          message: `ingress-nginx redirected HTTP to HTTPS for ${host}; a redirect route needs the names of the host's HTTP and HTTPS listeners, which were not given. Accept if the Gateway already redirects HTTP to HTTPS for every host.`,
        });
      }
    }
    tls.push(line);
  }
  if (target.tls.mode === 'cert-manager') {
    const { issuerRef } = target.tls;
    tlsEntries.forEach((entry, index) => {
      if (!entry.hosts.length) return;
      certificates.push({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: metadata(t, certName(index), certNamespace, []),
        spec: { secretName: certName(index), dnsNames: entry.hosts, issuerRef },
      });
    });
  }
  // ingress-nginx redirects to HTTPS with 308 (its http-redirect-code); the route may not.
  const routed = allHosts.filter(redirectRouted);
  const httpsCode = writtenStatusCode(target, 308);
  const httpsCodeDifference = routed.length
    ? statusCodeDifference(
        t.differences,
        target,
        'ssl-redirect',
        `HTTP to HTTPS for ${routed.join(', ')}`,
        httpsCode,
      )
    : undefined;
  for (const name of ['ssl-redirect', 'force-ssl-redirect']) {
    if (t.reader.has(name) && !t.reader.mappings.has(t.reader.key(name))) {
      let gatewayApi = routed.length
        ? `HTTPRoute on the HTTP listener redirecting ${routed.join(
            ', ',
          )} to https (${statusCodeText(httpsCode)})`
        : 'no redirect route (HTTP listener not named, or no TLS host)';
      if (httpsRedirectDifferences.length) {
        gatewayApi = `no redirect route: the GatewayClass does not support it (${httpsMissing.join(
          ', ',
        )})`;
      }
      t.reader.mapped(name, gatewayApi, undefined, [
        ...httpsRedirectDifferences,
        ...(httpsCodeDifference ? [httpsCodeDifference] : []),
      ]);
    }
  }
  const annotations = t.input.ingress.metadata?.annotations ?? {};
  const shim =
    ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'].find(
      k => annotations[k],
    ) ??
    (parseBoolean(annotations['kubernetes.io/tls-acme'])
      ? 'kubernetes.io/tls-acme'
      : undefined);
  if (shim) {
    const secrets = tlsEntries
      .map(e => e.secretName)
      .filter(Boolean)
      .join(', ');
    t.differences.add('cert-manager-owned-certificate', {
      subject: t.ref,
      severity:
        target.tls.mode === 'reuse-secret' ? 'blocking' : 'informational',
      message:
        target.tls.mode === 'reuse-secret'
          ? `cert-manager issues the certificates of ${t.ref} (${shim}) through Certificates owned by the Ingress: deleting the Ingress deletes them, and Secret(s) ${secrets} stop renewing and expire. Choose cert-manager certificates for the Gateway, or create Certificates for those Secrets before deleting the Ingress.`
          : `cert-manager issues the certificates of ${t.ref} (${shim}) through Certificates owned by the Ingress; the new Certificates replace them. Delete the Ingress only once they are Ready.`,
    });
  }

  // The www redirect is written per host; its hostnames are the other form of each host.
  const wwwRoutes: Array<{ name: string; from: string; to: string }> = [];
  if (f.fromToWww) {
    for (const host of allHosts.filter(h => !h.startsWith('*.'))) {
      const from = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
      if (!allHosts.includes(from))
        wwwRoutes.push({
          name: dnsSubdomainName(t.name, from, 'redirect'),
          from,
          to: host,
        });
    }
    // ingress-nginx answers the other name with 308 too.
    const wwwCode = writtenStatusCode(target, 308);
    const redirects = wwwRoutes.map(r => `${r.from} → ${r.to}`).join(', ');
    const wwwCodeDifference = wwwRoutes.length
      ? statusCodeDifference(
          t.differences,
          target,
          'from-to-www-redirect',
          redirects,
          wwwCode,
        )
      : undefined;
    t.reader.mapped(
      'from-to-www-redirect',
      `HTTPRoute(s) redirecting ${redirects} (${statusCodeText(wwwCode)})`,
      'the listener serving the www name needs a certificate for it',
      wwwCodeDifference ? [wwwCodeDifference] : [],
    );
  }

  const routeHosts = uniq(
    plans.flatMap(p =>
      p.hostnames.length ? p.hostnames : ['every hostname of its listener'],
    ),
  );
  for (const { annotation, id } of unsupportedHostRedirects(t, routeHosts)) {
    t.reader.mappings.addDifference(t.reader.key(annotation), id);
  }

  const annotationLines = [
    ...t.reader.finish(!f.canary),
    ...t.extraAnnotationLines,
  ];
  const report = {
    ingress: { namespace: t.namespace, name: t.name },
    routeSplit: split,
    paths: t.paths,
    annotations: annotationLines,
    tls,
    differences: [] as IngressTranslation['report']['differences'],
  };

  // Routes, checked against the CRD's size limits before anything is returned.
  const mainRoutes: GeneratedHTTPRoute[] = [];
  const accepted = () =>
    t.differences
      .all()
      .filter(d => d.accepted)
      .map(d => d.id);
  for (const plan of plans) {
    const rules = buildRules(t, plan.entries);
    const matches = rules.reduce((n, r) => n + (r.matches?.length ?? 1), 0);
    if (
      rules.length > MAX_RULES ||
      matches > MAX_MATCHES ||
      plan.hostnames.length > MAX_HOSTNAMES
    ) {
      t.differences.add('invalid-path', {
        subject: plan.name,
        acceptable: false,
        message: `Route ${plan.name} would need ${rules.length} rules, ${matches} matches and ${plan.hostnames.length} hostnames; an HTTPRoute holds at most 16, 128 and 16. Split the Ingress first.`,
      });
    }
    for (const entry of plan.entries) entry.mapping.route = plan.name;
    mainRoutes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: plan.name, namespace: t.namespace },
      spec: {
        parentRefs: parentRefs(target.parentRefs, plan.hostnames, (p, h) => [
          p.httpsSectionNames?.[h],
          httpNotServed(h) ? undefined : p.httpSectionNames?.[h],
        ]),
        ...(plan.hostnames.length ? { hostnames: plan.hostnames } : {}),
        rules,
      },
    });
  }
  const extraRoutes: GeneratedHTTPRoute[] = [];
  for (const plan of plans) {
    const hosts = plan.hostnames.filter(redirectRouted);
    if (!hosts.length) continue;
    extraRoutes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: dnsSubdomainName(plan.name, 'https-redirect'),
        namespace: t.namespace,
      },
      spec: {
        parentRefs: parentRefs(target.parentRefs, hosts, (p, h) => [
          p.httpSectionNames?.[h],
        ]),
        hostnames: hosts,
        rules: [redirectRule(t, undefined, 'https')],
      },
    });
  }
  for (const www of wwwRoutes) {
    extraRoutes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: www.name, namespace: t.namespace },
      spec: {
        parentRefs: parentRefs(target.parentRefs, [www.from], (p, h) => [
          p.httpsSectionNames?.[h],
          p.httpSectionNames?.[h],
        ]),
        hostnames: [www.from],
        rules: [redirectRule(t, www.to, undefined)],
      },
    });
  }

  report.differences = t.differences.all();
  const blocking = t.differences.blocking();
  if (blocking.length) return { status: 'blocked', report, blocking };

  const ids = accepted();
  const routes = [...mainRoutes, ...extraRoutes].map(route => ({
    ...route,
    metadata: metadata(t, route.metadata.name, route.metadata.namespace, ids),
  }));
  const targetRefs = mainRoutes.map(r => ({
    group: GATEWAY_API_GROUP,
    kind: 'HTTPRoute' as const,
    name: r.metadata.name,
  }));
  const policies: GeneratedEnvoyPolicy[] = [];
  if (target.implementation === 'envoy-gateway') {
    for (const [kind, pieces] of [
      ['BackendTrafficPolicy', f.backendTrafficPolicy],
      ['SecurityPolicy', f.securityPolicy],
    ] as const) {
      if (!Object.keys(pieces).length || !targetRefs.length) continue;
      policies.push({
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind,
        metadata: metadata(t, t.name, t.namespace, []),
        spec: { targetRefs, ...pieces },
      });
    }
  }
  const objects: GeneratedObject[] = [...routes, ...policies, ...certificates];
  return { status: 'translated', report, objects };
}
