/**
 * The ingress-nginx Ingress → Gateway API translation: paths to HTTPRoute rules, annotations to
 * filters and Envoy Gateway policies, TLS to listener Secrets or Certificates, and every
 * behaviour that changes on the way named as a difference the user must accept.
 *
 * Route split: one HTTPRoute per Ingress, so the Ingress-wide annotations stay scoped to its
 * paths, holding all its hostnames when every host has the same paths, backends and redirect
 * behaviour; otherwise one HTTPRoute per host, because one route applies the same rules to all
 * its hostnames. A rule without host (every host) always gets a route of its own.
 */
import { GATEWAY_API_ANNOTATIONS } from '../annotations';
import { hostnameMatches } from '../hostnameMatch';
import { normaliseHostname } from '../hostname';
import { dnsSubdomainName } from '../names';
import { GATEWAY_API_GROUP } from '../types/gatewayApi';
import { Ingress, IngressBackend } from '../types/ingress';
import { INGRESS_NGINX_ANNOTATION_PREFIX } from './annotationTable';
import { AnnotationReader, IngressFeatures } from './annotations';
import { DifferenceList } from './differences';
import {
  captureRewriteAsPrefix,
  pcreOnlyFeature,
  translatePath,
} from './paths';
import {
  AnnotationMapping,
  GeneratedCertificate,
  GeneratedEnvoyPolicy,
  GeneratedHTTPRoute,
  GeneratedMetadata,
  GeneratedObject,
  GeneratedParentRef,
  HTTPBackendRef,
  HTTPHeaderMatch,
  HTTPPathMatch,
  HTTPRouteFilter,
  HTTPRouteRule,
  HostnameTls,
  IngressMigrationInput,
  IngressTranslation,
  MigrationParentRef,
  PathMapping,
} from './types';
import { hasControlCharacter, parseBoolean, parseCount } from './values';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
const MAX_RULES = 16;
const MAX_MATCHES = 128;
const MAX_HOSTNAMES = 16;

/** A canary Ingress's say on one host and path. */
interface CanaryRoute {
  ingress: string;
  backend: HTTPBackendRef;
  weight?: { canary: number; total: number };
  header?: HTTPHeaderMatch;
  /** canary-by-header without value: "always" goes to the canary, "never" to the main Service. */
  alwaysNever?: string;
}

/** One Ingress path on its way to a rule. */
interface PathEntry {
  host?: string;
  match: HTTPPathMatch;
  backend: HTTPBackendRef;
  rewrite?: { type: 'prefix' | 'full'; value: string };
  canary?: CanaryRoute;
  mapping: PathMapping;
}

function ingressRef(ingress: Ingress): string {
  return `${ingress.metadata?.namespace ?? ''}/${ingress.metadata?.name ?? ''}`;
}

function backendLabel(backend: IngressBackend | undefined): string {
  if (backend?.service) {
    const port = backend.service.port;
    return `Service ${backend.service.name}:${
      port?.number ?? port?.name ?? '?'
    }`;
  }
  if (backend?.resource) {
    return `${backend.resource.kind ?? 'resource'} ${
      backend.resource.name ?? ''
    }`;
  }
  return 'no backend';
}

function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Everything one call of translateIngress works with. */
class Translation {
  readonly ingress: Ingress;
  readonly namespace: string;
  readonly name: string;
  readonly ref: string;
  readonly prefix: string;
  readonly differences: DifferenceList;
  readonly reader: AnnotationReader;
  readonly features: IngressFeatures;
  readonly extraAnnotationLines: AnnotationMapping[] = [];
  readonly paths: PathMapping[] = [];

  constructor(readonly input: IngressMigrationInput) {
    this.ingress = input.ingress;
    this.namespace = input.ingress.metadata?.namespace ?? '';
    this.name = input.ingress.metadata?.name ?? '';
    if (!this.namespace || !this.name) {
      throw new Error('The Ingress to migrate needs a name and a namespace.');
    }
    if (!input.target.parentRefs.length) {
      throw new Error(
        'The migration needs at least one parentRef to attach routes to.',
      );
    }
    this.ref = ingressRef(input.ingress);
    this.prefix = input.annotationPrefix ?? INGRESS_NGINX_ANNOTATION_PREFIX;
    this.differences = new DifferenceList(
      new Set(input.target.acceptedDifferences ?? []),
    );
    this.reader = new AnnotationReader(
      input,
      input.ingress.metadata?.annotations ?? {},
      this.prefix,
      this.differences,
    );
    this.features = this.reader.read();
  }

  nginx(ingress: Ingress, name: string): string | undefined {
    return ingress.metadata?.annotations?.[`${this.prefix}/${name}`];
  }

  others(): Ingress[] {
    return (this.input.otherIngresses ?? []).filter(
      other => ingressRef(other) !== this.ref,
    );
  }

  host(raw: string | undefined): string | undefined | null {
    if (raw === undefined || raw === '') return undefined;
    const result = normaliseHostname(raw, { allowWildcard: true });
    if (result.ok) return result.hostname;
    this.differences.add('invalid-host', {
      subject: raw,
      acceptable: false,
      message: `Host "${raw}" cannot be a route hostname: ${result.reason}`,
    });
    return null;
  }

  /** A Service backend with a port number, or why not (reported). */
  backend(
    backend: IngressBackend | undefined,
    subject: string,
  ): HTTPBackendRef | string {
    if (backend?.resource || !backend?.service?.name) {
      return this.differences.add('unsupported-backend', {
        subject,
        acceptable: false,
        message: `${subject} sends requests to ${backendLabel(
          backend,
        )}; an HTTPRoute can only send them to a Service. Change the backend to a Service first.`,
      });
    }
    const { name, port } = backend.service;
    if (port?.number && port.number >= 1 && port.number <= 65535) {
      return { name, port: port.number };
    }
    if (port?.number !== undefined) {
      return this.differences.add('unsupported-backend', {
        subject,
        acceptable: false,
        message: `${subject} uses port ${port.number} of Service ${name}, which is not a port number (1-65535).`,
      });
    }
    const service = this.input.services?.find(
      s =>
        s.metadata?.namespace === this.namespace && s.metadata?.name === name,
    );
    const number = service?.spec?.ports?.find(p => p.name === port?.name)?.port;
    if (number) return { name, port: number };
    return this.differences.add('unsupported-backend', {
      subject,
      acceptable: false,
      message: `${subject} uses the port named "${
        port?.name ?? ''
      }" of Service ${name}, whose number is unknown; an HTTPRoute needs the port number (give the migration the Service, or use a port number).`,
    });
  }
}

/** Reads the canaries of the cluster that share a host and path with the Ingress. */
function canaryRoutes(t: Translation): Map<string, CanaryRoute> {
  const byPath = new Map<string, CanaryRoute>();
  for (const canary of t.others()) {
    if (canary.metadata?.namespace !== t.namespace) continue;
    if (parseBoolean(t.nginx(canary, 'canary')) !== true) continue;
    const ref = ingressRef(canary);
    const get = (name: string) => t.nginx(canary, name);
    const line = (
      name: string,
      outcome: AnnotationMapping['outcome'],
      gatewayApi?: string,
      reason?: string,
      differences: string[] = [],
    ) => {
      const key = `${t.prefix}/${name}`;
      const value = canary.metadata?.annotations?.[key];
      if (value === undefined) return;
      t.extraAnnotationLines.push({
        ingress: ref,
        annotation: key,
        value,
        outcome,
        ...(gatewayApi ? { gatewayApi } : {}),
        ...(reason ? { reason } : {}),
        differences,
      });
    };
    let weight: CanaryRoute['weight'];
    if (get('canary-weight') !== undefined) {
      const canaryWeight = parseCount(get('canary-weight'));
      const total = parseCount(get('canary-weight-total') ?? '100');
      // A backendRef weight is at most 1,000,000.
      if (
        canaryWeight === undefined ||
        !total ||
        total > 1_000_000 ||
        canaryWeight > total
      ) {
        const id = t.differences.add('invalid-annotation', {
          subject: `${ref}:canary-weight`,
          message: `Canary ${ref}: canary-weight "${get(
            'canary-weight',
          )}" is not between 0 and canary-weight-total, so its weight is not migrated.`,
        });
        line('canary-weight', 'no-equivalent', undefined, 'invalid weight', [
          id,
        ]);
      } else {
        weight = { canary: canaryWeight, total };
        line(
          'canary-weight',
          'mapped',
          `backendRef weight ${canaryWeight} of ${total}`,
        );
        line(
          'canary-weight-total',
          'mapped',
          `backendRef weights total ${total}`,
        );
      }
    }
    let header: HTTPHeaderMatch | undefined;
    let alwaysNever: string | undefined;
    const headerName = get('canary-by-header')?.trim();
    const value = get('canary-by-header-value');
    const pattern = get('canary-by-header-pattern');
    const badHeader =
      headerName !== undefined &&
      (!HEADER_NAME.test(headerName) ||
        [value, pattern].some(
          v => v !== undefined && (v.length > 4096 || hasControlCharacter(v)),
        ));
    if (badHeader) {
      const id = t.differences.add('invalid-annotation', {
        subject: `${ref}:canary-by-header`,
        message: `Canary ${ref}: canary-by-header "${headerName}" is not a header name, or its value has a control character, so its header rule is not migrated.`,
      });
      line('canary-by-header', 'no-equivalent', undefined, 'invalid header', [
        id,
      ]);
    } else if (headerName) {
      if (value !== undefined) {
        header = { type: 'Exact', name: headerName, value };
        line(
          'canary-by-header-value',
          'mapped',
          'HTTPRoute header match (Exact)',
        );
        line(
          'canary-by-header-pattern',
          'ignored',
          undefined,
          'canary-by-header-value takes precedence',
        );
      } else if (pattern !== undefined) {
        const feature = pcreOnlyFeature(pattern);
        if (feature) {
          const id = t.differences.add('pcre-not-re2', {
            subject: `${ref}:canary-by-header-pattern`,
            acceptable: false,
            message: `Canary ${ref}: canary-by-header-pattern uses ${feature}, which RE2 (the Gateway API's dialect) cannot express; rewrite the pattern.`,
          });
          line(
            'canary-by-header-pattern',
            'no-equivalent',
            undefined,
            `PCRE ${feature}`,
            [id],
          );
        } else {
          header = {
            type: 'RegularExpression',
            name: headerName,
            value: pattern,
          };
          line(
            'canary-by-header-pattern',
            'mapped',
            'HTTPRoute header match (RegularExpression)',
          );
        }
      } else {
        alwaysNever = headerName;
      }
      line('canary-by-header', 'mapped', 'HTTPRoute header match');
    }
    if (get('canary-by-cookie') !== undefined) {
      const id = t.differences.add('no-equivalent', {
        subject: `${ref}:canary-by-cookie`,
        message: `Canary ${ref}: canary-by-cookie sends requests with a cookie to the canary; an HTTPRoute cannot match a cookie value, so this rule of the canary is dropped.`,
      });
      line(
        'canary-by-cookie',
        'no-equivalent',
        undefined,
        'HTTPRoute cannot match a cookie value',
        [id],
      );
    }
    line('canary', 'mapped', `folded into the route of ${t.ref}`);
    for (const rule of canary.spec?.rules ?? []) {
      const host = t.host(rule.host);
      if (host === null) continue;
      for (const path of rule.http?.paths ?? []) {
        const key = `${host ?? ''}|${path.path || '/'}`;
        if (byPath.has(key)) continue;
        const backend = t.backend(
          path.backend,
          `Canary ${ref} path ${host ?? '*'}${path.path || '/'}`,
        );
        if (typeof backend === 'string') continue;
        byPath.set(key, { ingress: ref, backend, weight, header, alwaysNever });
      }
    }
  }
  return byPath;
}

/** The path entries of the Ingress, by host ('' for a rule without host). */
function pathEntries(t: Translation): Map<string, PathEntry[]> {
  const canaries = t.features.canary ? new Map() : canaryRoutes(t);
  const groups = new Map<string, PathEntry[]>();
  const rewrite = t.features.rewriteTarget;
  const rewriteProblems: string[] = [];
  const spec = t.ingress.spec ?? {};

  const add = (
    host: string | undefined,
    rawPath: string | undefined,
    pathType: string | undefined,
    backend: IngressBackend | undefined,
    isDefault: boolean,
  ) => {
    const path = rawPath || '/';
    const subject = `${host ?? '*'}${path}`;
    const mapping: PathMapping = {
      ...(host ? { host } : {}),
      ...(isDefault ? {} : { path, pathType }),
      backend: backendLabel(backend),
      differences: [],
    };
    t.paths.push(mapping);
    const group = groups.get(host ?? '') ?? [];
    groups.set(host ?? '', group);
    const ref = t.backend(
      backend,
      isDefault ? `The default backend of ${t.ref}` : `Path ${subject}`,
    );
    if (typeof ref === 'string') {
      mapping.differences.push(ref);
      mapping.reason = 'the backend cannot be an HTTPRoute backendRef';
      return;
    }
    let translated = translatePath(
      path,
      isDefault ? 'Prefix' : pathType,
      t.features.regex,
    );
    let entryRewrite: PathEntry['rewrite'];
    if (rewrite && !isDefault) {
      const capture = rewrite.includes('$')
        ? captureRewriteAsPrefix(path, rewrite)
        : undefined;
      if (capture) {
        translated = {
          ok: true,
          match: { type: 'PathPrefix', value: capture.prefix },
          form: 'prefix',
        };
        entryRewrite = { type: 'prefix', value: capture.replacement };
      } else if (!rewrite.includes('$')) {
        // nginx's rewrite replaces the whole URI of every matching request, not its prefix.
        entryRewrite = { type: 'full', value: rewrite };
      } else {
        rewriteProblems.push(subject);
        const id = t.differences.add('no-equivalent', {
          subject: `rewrite-target:${subject}`,
          message: `rewrite-target "${rewrite}" on path ${subject} uses capture groups in a form URLRewrite cannot express (it replaces a path prefix or the whole path); the path is served without the rewrite.`,
        });
        mapping.differences.push(id);
      }
    }
    if (!translated.ok) {
      const id = t.differences.add(translated.kind, {
        subject,
        acceptable: false,
        message: `Path ${subject} cannot be migrated: ${translated.reason}.`,
      });
      mapping.differences.push(id);
      mapping.reason = translated.reason;
      return;
    }
    if (translated.form === 'char-prefix') {
      mapping.differences.push(
        t.differences.add('implementation-specific-prefix', {
          subject,
          message: `ingress-nginx matches the ImplementationSpecific path ${path} as a character prefix, so ${path}x also reached it; the route's PathPrefix matches whole segments (${path} and ${path}/…) only.`,
        }),
      );
    }
    if (translated.form === 'regex') {
      mapping.differences.push(
        t.differences.add('regex-path', {
          subject,
          severity: 'informational',
          message: `Path ${path} becomes the RE2 regular expression ${translated.match.value} (case-insensitive, anchored at the start as in ingress-nginx); RegularExpression matches are implementation-specific, and a pattern that differs between PCRE and RE2 may match differently.`,
        }),
      );
    }
    const canary = canaries.get(`${host ?? ''}|${path}`);
    mapping.route = undefined;
    mapping.match = { path: translated.match };
    mapping.backendRef = ref;
    group.push({
      host,
      match: translated.match,
      backend: ref,
      rewrite: entryRewrite,
      canary,
      mapping,
    });
    if (canary) {
      // One report line per way a request reaches the canary: by header, then by weight.
      const header =
        canary.header ??
        (canary.alwaysNever
          ? {
              type: 'Exact' as const,
              name: canary.alwaysNever,
              value: 'always',
            }
          : undefined);
      const line = (
        match: PathMapping['match'],
        weight?: number,
      ): PathMapping => ({
        ...(host ? { host } : {}),
        path,
        pathType,
        backend: `canary ${canary.ingress}: Service ${canary.backend.name}:${canary.backend.port}`,
        match,
        backendRef: {
          ...canary.backend,
          ...(weight !== undefined ? { weight } : {}),
        },
        differences: [],
      });
      if (header)
        t.paths.push(line({ path: translated.match, headers: [header] }));
      if (canary.weight)
        t.paths.push(line({ path: translated.match }, canary.weight.canary));
    }
  };

  for (const rule of spec.rules ?? []) {
    const host = t.host(rule.host);
    if (host === null) continue;
    if (!groups.has(host ?? '')) groups.set(host ?? '', []);
    for (const path of rule.http?.paths ?? []) {
      add(host, path.path, path.pathType, path.backend, false);
    }
  }
  if (spec.defaultBackend) {
    const keys = groups.size ? [...groups.keys()] : [''];
    const noRules = !groups.size;
    t.differences.add('default-backend', {
      severity: noRules ? 'blocking' : 'informational',
      message: noRules
        ? `${t.ref} has only a default backend, which ingress-nginx served for every host no other Ingress named; a route without hostnames serves every hostname its listener admits instead.`
        : `${t.ref} has a default backend: ingress-nginx sent the requests of its hosts that no path matched there; each route gets a / prefix rule to it.`,
    });
    for (const key of keys) {
      const group = groups.get(key) ?? [];
      const rootTaken = group.some(
        e => e.match.type === 'PathPrefix' && e.match.value === '/',
      );
      if (!rootTaken)
        add(key || undefined, '/', 'Prefix', spec.defaultBackend, true);
    }
  }
  if (rewrite) {
    const form = rewrite.includes('$')
      ? 'HTTPRoute URLRewrite filter (ReplacePrefixMatch)'
      : 'HTTPRoute URLRewrite filter (ReplaceFullPath: nginx replaces the whole path)';
    t.reader.mapped(
      'rewrite-target',
      rewriteProblems.length
        ? `${form}, except on ${rewriteProblems.join(', ')}`
        : form,
    );
  }
  return groups;
}

function statusCode(t: Translation, code: number): 301 | 302 | 303 | 307 | 308 {
  if (t.input.target.httpRouteRedirectCodes)
    return code as 301 | 302 | 303 | 307 | 308;
  return code === 301 || code === 308 ? 301 : 302;
}

/** Filters every backend rule of the Ingress carries. */
function commonFilters(t: Translation, entry: PathEntry): HTTPRouteFilter[] {
  const f = t.features;
  const filters: HTTPRouteFilter[] = [];
  if (f.requestHeaders.length) {
    filters.push({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { set: f.requestHeaders },
    });
  }
  if (f.responseHeaders.length) {
    filters.push({
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: { set: f.responseHeaders },
    });
  }
  if (f.upstreamVhost || entry.rewrite) {
    filters.push({
      type: 'URLRewrite',
      urlRewrite: {
        ...(f.upstreamVhost ? { hostname: f.upstreamVhost } : {}),
        ...(entry.rewrite
          ? {
              path:
                entry.rewrite.type === 'prefix'
                  ? {
                      type: 'ReplacePrefixMatch',
                      replacePrefixMatch: entry.rewrite.value,
                    }
                  : {
                      type: 'ReplaceFullPath',
                      replaceFullPath: entry.rewrite.value,
                    },
            }
          : {}),
      },
    });
  }
  if (f.corsFilter) {
    const c = f.corsFilter;
    filters.push({
      type: 'CORS',
      cors: {
        allowOrigins: c.allowOrigins,
        allowMethods: c.allowMethods,
        allowHeaders: c.allowHeaders,
        ...(c.exposeHeaders.length ? { exposeHeaders: c.exposeHeaders } : {}),
        allowCredentials: c.allowCredentials,
        maxAge: c.maxAge,
      },
    });
  }
  return filters;
}

function withTimeouts(t: Translation, rule: HTTPRouteRule): HTTPRouteRule {
  return t.features.backendRequestTimeout
    ? {
        ...rule,
        timeouts: { backendRequest: t.features.backendRequestTimeout },
      }
    : rule;
}

/** The rules of one route, with rules that differ only in their matches merged. */
function buildRules(t: Translation, entries: PathEntry[]): HTTPRouteRule[] {
  const f = t.features;
  const rules: HTTPRouteRule[] = [];
  if (f.appRoot) {
    rules.push({
      matches: [{ path: { type: 'Exact', value: '/' } }],
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: {
            path: { type: 'ReplaceFullPath', replaceFullPath: f.appRoot },
            statusCode: 302,
          },
        },
      ],
    });
  }
  for (const entry of entries) {
    if (f.redirect) {
      const { url, statusCode: code } = f.redirect;
      rules.push({
        matches: [{ path: entry.match }],
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: {
              scheme: url.scheme,
              hostname: url.hostname,
              ...(url.port ? { port: url.port } : {}),
              path: { type: 'ReplaceFullPath', replaceFullPath: url.path },
              statusCode: statusCode(t, code),
            },
          },
        ],
      });
      continue;
    }
    const filters = commonFilters(t, entry);
    const withFilters = (rule: HTTPRouteRule) =>
      withTimeouts(t, filters.length ? { ...rule, filters } : rule);
    const canary = entry.canary;
    if (canary?.header) {
      rules.push(
        withFilters({
          matches: [{ path: entry.match, headers: [canary.header] }],
          backendRefs: [canary.backend],
        }),
      );
    }
    if (canary?.alwaysNever) {
      rules.push(
        withFilters({
          matches: [
            {
              path: entry.match,
              headers: [
                { type: 'Exact', name: canary.alwaysNever, value: 'always' },
              ],
            },
          ],
          backendRefs: [canary.backend],
        }),
      );
      rules.push(
        withFilters({
          matches: [
            {
              path: entry.match,
              headers: [
                { type: 'Exact', name: canary.alwaysNever, value: 'never' },
              ],
            },
          ],
          backendRefs: [entry.backend],
        }),
      );
    }
    const backendRefs = canary?.weight
      ? [
          {
            ...entry.backend,
            weight: canary.weight.total - canary.weight.canary,
          },
          { ...canary.backend, weight: canary.weight.canary },
        ]
      : [entry.backend];
    rules.push(withFilters({ matches: [{ path: entry.match }], backendRefs }));
  }
  return mergeRules(rules);
}

function hasPrefixReplacement(rule: HTTPRouteRule): boolean {
  return (rule.filters ?? []).some(
    f =>
      (f.type === 'URLRewrite' &&
        f.urlRewrite.path?.type === 'ReplacePrefixMatch') ||
      (f.type === 'RequestRedirect' &&
        f.requestRedirect.path?.type === 'ReplacePrefixMatch'),
  );
}

/** Rules that differ only in their matches become one (the CRD allows 16 rules per route). */
function mergeRules(rules: HTTPRouteRule[]): HTTPRouteRule[] {
  const merged: HTTPRouteRule[] = [];
  const byKey = new Map<string, HTTPRouteRule>();
  for (const rule of rules) {
    // A ReplacePrefixMatch rule must keep exactly one PathPrefix match.
    if (hasPrefixReplacement(rule)) {
      merged.push(rule);
      continue;
    }
    const key = JSON.stringify({ ...rule, matches: undefined });
    const existing = byKey.get(key);
    if (existing && (existing.matches?.length ?? 0) < 64) {
      existing.matches = [...(existing.matches ?? []), ...(rule.matches ?? [])];
      continue;
    }
    const copy = { ...rule, matches: [...(rule.matches ?? [])] };
    byKey.set(key, copy);
    merged.push(copy);
  }
  return merged;
}

interface RoutePlan {
  name: string;
  hostnames: string[];
  entries: PathEntry[];
}

/** One route for all hosts when their paths and redirects agree, otherwise one per host. */
function planRoutes(
  t: Translation,
  groups: Map<string, PathEntry[]>,
  redirected: (h: string) => boolean,
): { plans: RoutePlan[]; split: string } {
  const named = [...groups.entries()].filter(
    ([host, entries]) => host !== '' && entries.length,
  );
  const hostless = groups.get('') ?? [];
  const signature = (host: string, entries: PathEntry[]) =>
    JSON.stringify([
      redirected(host),
      entries.map(e => [e.match, e.backend, e.rewrite, e.canary]),
    ]);
  const same =
    named.length > 0 &&
    named.length <= MAX_HOSTNAMES &&
    named.every(
      ([h, e]) => signature(h, e) === signature(named[0][0], named[0][1]),
    );
  const total = (same ? 1 : named.length) + (hostless.length ? 1 : 0);
  const plans: RoutePlan[] = [];
  let split: string;
  if (same) {
    plans.push({
      name: total === 1 ? t.name : dnsSubdomainName(t.name, 'hosts'),
      hostnames: named.map(([h]) => h),
      entries: named[0][1],
    });
    split =
      named.length > 1
        ? 'One HTTPRoute for all hosts: they have the same paths, backends and HTTPS redirect.'
        : 'One HTTPRoute, as the Ingress has one host.';
  } else {
    for (const [host, entries] of named) {
      plans.push({
        name: total === 1 ? t.name : dnsSubdomainName(t.name, host),
        hostnames: [host],
        entries,
      });
    }
    split = named.length
      ? 'One HTTPRoute per host: the hosts differ in paths, backends or HTTPS redirect, and a route applies the same rules to all its hostnames.'
      : 'No host rules.';
  }
  if (hostless.length) {
    plans.push({
      name: total === 1 ? t.name : dnsSubdomainName(t.name, 'all-hosts'),
      hostnames: [],
      entries: hostless,
    });
    split += ' The rule without host has a route without hostnames of its own.';
  }
  return { plans, split };
}

/** The parentRefs of a route: per parent, the listeners serving its hosts, or the whole parent. */
function parentRefs(
  parents: MigrationParentRef[],
  hostnames: string[],
  sections: (
    parent: MigrationParentRef,
    host: string,
  ) => Array<string | undefined>,
): GeneratedParentRef[] {
  return parents.flatMap(parent => {
    const base: GeneratedParentRef = {
      group: parent.group ?? GATEWAY_API_GROUP,
      kind: parent.kind,
      namespace: parent.namespace,
      name: parent.name,
    };
    const perHost = hostnames.map(h =>
      sections(parent, h).filter((s): s is string => !!s),
    );
    if (!hostnames.length || perHost.some(s => s.length === 0)) return [base];
    return uniq(perHost.flat()).map(sectionName => ({ ...base, sectionName }));
  });
}

function metadata(
  t: Translation,
  name: string,
  namespace: string,
  accepted: string[],
): GeneratedMetadata {
  return {
    name,
    namespace,
    annotations: {
      [GATEWAY_API_ANNOTATIONS.migratedFrom]: t.ref,
      ...(accepted.length
        ? {
            [GATEWAY_API_ANNOTATIONS.acceptedDifferences]:
              JSON.stringify(accepted),
          }
        : {}),
    },
  };
}

function redirectRule(
  t: Translation,
  hostname: string | undefined,
  scheme: 'https' | undefined,
): HTTPRouteRule {
  return {
    filters: [
      {
        type: 'RequestRedirect',
        requestRedirect: {
          ...(scheme ? { scheme } : {}),
          ...(hostname ? { hostname } : {}),
          statusCode: statusCode(t, 308),
        },
      },
    ],
  };
}

/** Differences that depend on the other Ingresses of the cluster or on hosts. */
function hostDifferences(t: Translation, groups: Map<string, PathEntry[]>) {
  const others = t.others();
  for (const [host, entries] of groups) {
    if (host === '') {
      t.differences.add('catch-all-host', {
        security: true,
        message: `${t.ref} has a rule without host, which ingress-nginx served for every host; its route has no hostnames, so it takes every hostname its listener admits, including names of other teams on a shared listener. Attach it to a listener with a hostname, or add a host to the rule.`,
      });
      continue;
    }
    if (host.startsWith('*.')) {
      t.differences.add('wildcard-host-depth', {
        subject: host,
        message: `The wildcard host ${host} matches one label in an Ingress (a.${host.slice(
          2,
        )}), but any depth on a route (also a.b.${host.slice(
          2,
        )}), so the route may take deeper names from other routes.`,
      });
    }
    const regexCauses = [t.ingress, ...others]
      .filter(i => i.metadata?.namespace !== undefined)
      .filter(i =>
        (i.spec?.rules ?? []).some(r => r.host && t.host(r.host) === host),
      )
      .filter(
        i =>
          parseBoolean(t.nginx(i, 'use-regex')) === true ||
          !!t.nginx(i, 'rewrite-target')?.trim(),
      )
      .map(ingressRef);
    if (regexCauses.length) {
      t.differences.add('host-wide-regex', {
        subject: host,
        message: `ingress-nginx matches every path of ${host} as a case-insensitive regular expression prefix, because ${uniq(
          regexCauses,
        ).join(', ')} set${
          regexCauses.length === 1 ? 's' : ''
        } use-regex or rewrite-target; the routes match paths case-sensitively and by segment, so /Api or /apiv2 may stop reaching a path /api.`,
      });
    }
    // A canary shares its main Ingress's paths by design.
    for (const entry of t.features.canary ? [] : entries) {
      const path = entry.mapping.path;
      if (path === undefined) continue;
      const duplicates = others
        .filter(o => parseBoolean(t.nginx(o, 'canary')) !== true)
        .filter(o =>
          (o.spec?.rules ?? []).some(
            r =>
              r.host &&
              t.host(r.host) === host &&
              (r.http?.paths ?? []).some(p => (p.path || '/') === path),
          ),
        )
        .map(ingressRef);
      if (duplicates.length) {
        entry.mapping.differences.push(
          t.differences.add('duplicate-host-path', {
            subject: `${host}${path}`,
            message: `${duplicates.join(', ')} also serve${
              duplicates.length === 1 ? 's' : ''
            } ${host}${path}. ingress-nginx picked one of them; on the Gateway the oldest route wins, so migrate them together or remove the duplicate first.`,
          }),
        );
      }
    }
  }
}

/**
 * Translates one ingress-nginx Ingress into Gateway API objects for the given target, with a
 * report of every path and annotation. Pure: it reads only its input.
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
  const redirectRouted = (host: string) =>
    redirectedByNginx(host) && sectionsKnown(host);

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
    }
    if (!line.secret) {
      t.differences.add('default-certificate', {
        subject: host,
        severity: 'informational',
        message: `${host} has no TLS Secret on the Ingress: ingress-nginx still answered HTTPS for it with its default certificate, which browsers distrust; on the Gateway it gets HTTPS only from a listener with a certificate for it.`,
      });
    }
    if (redirectedByNginx(host)) {
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
  for (const name of ['ssl-redirect', 'force-ssl-redirect']) {
    if (t.reader.has(name) && !t.reader.mappings.has(t.reader.key(name))) {
      const routed = allHosts.filter(redirectRouted);
      t.reader.mapped(
        name,
        routed.length
          ? `HTTPRoute on the HTTP listener redirecting ${routed.join(
              ', ',
            )} to https`
          : 'no redirect route (HTTP listener not named, or no TLS host)',
      );
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
    t.reader.mapped(
      'from-to-www-redirect',
      `HTTPRoute(s) redirecting ${wwwRoutes
        .map(r => `${r.from} → ${r.to}`)
        .join(', ')}`,
      'the listener serving the www name needs a certificate for it',
    );
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
          redirectRouted(h) ? undefined : p.httpSectionNames?.[h],
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
