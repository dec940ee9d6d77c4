/**
 * Reads the ingress-nginx annotations of one Ingress into what the routes and the Envoy Gateway
 * policies need, and writes the report line of every annotation, known or not.
 */
import {
  CERT_MANAGER_PREFIX,
  FOREIGN_ANNOTATIONS,
  INGRESS_NGINX_ANNOTATIONS,
} from './annotationTable';
import { DifferenceList } from './differences';
import {
  statusCodeDifference,
  statusCodeText,
  writtenStatusCode,
} from './statusCodes';
import {
  AnnotationMapping,
  AnnotationOutcome,
  IngressMigrationInput,
  MigrationTarget,
} from './types';
import {
  RedirectUrl,
  MAX_DURATION_SECONDS,
  PRECISE_HOSTNAME,
  formatDuration,
  hasControlCharacter,
  parseBoolean,
  parseObjectRef,
  parseCidr,
  parseCount,
  parseList,
  parseRedirectUrl,
  parseSize,
} from './values';

/** The CORS settings of an Ingress, in the HTTPRoute CORS filter's shape. */
export interface CorsSettings {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAge: number;
}

/** What the annotations of one Ingress ask of its routes and policies. */
export interface IngressFeatures {
  canary: boolean;
  /** use-regex or rewrite-target: ImplementationSpecific paths are regular expressions. */
  regex: boolean;
  rewriteTarget?: string;
  /** permanent-redirect or temporal-redirect (`annotation`, unprefixed): every path redirects. */
  redirect?: {
    url: RedirectUrl;
    statusCode: number;
    annotation: 'permanent-redirect' | 'temporal-redirect';
  };
  appRoot?: string;
  upstreamVhost?: string;
  requestHeaders: Array<{ name: string; value: string }>;
  responseHeaders: Array<{ name: string; value: string }>;
  corsFilter?: CorsSettings;
  backendRequestTimeout?: string;
  /** Explicit ssl-redirect; undefined means the default (on for hosts with TLS). */
  sslRedirect?: boolean;
  forceSslRedirect: boolean;
  serverAliases: string[];
  fromToWww: boolean;
  backendTrafficPolicy: Record<string, unknown>;
  securityPolicy: Record<string, unknown>;
}

const NGINX_DEFAULT_CORS_METHODS = 'GET, PUT, POST, DELETE, PATCH, OPTIONS';
const NGINX_DEFAULT_CORS_HEADERS =
  'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization';
const HTTP_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const CORS_ORIGIN =
  /^(\*|https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?)$/;
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** Report lines, by full annotation key. */
class Mappings {
  readonly lines = new Map<string, AnnotationMapping>();

  constructor(private readonly annotations: Record<string, string>) {}

  set(
    key: string,
    outcome: AnnotationOutcome,
    gatewayApi: string | undefined,
    extra: { reason?: string; differences?: string[] } = {},
  ) {
    if (!(key in this.annotations)) return;
    const previous = this.lines.get(key);
    this.lines.set(key, {
      annotation: key,
      value: this.annotations[key],
      outcome,
      ...(gatewayApi ? { gatewayApi } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
      differences: [
        ...(previous?.differences ?? []),
        ...(extra.differences ?? []),
      ],
    });
  }

  addDifference(key: string, id: string) {
    this.lines.get(key)?.differences.push(id);
  }

  has(key: string) {
    return this.lines.has(key);
  }
}

/** Reads annotations; `translateIngress` is the only caller. */
export class AnnotationReader {
  readonly mappings: Mappings;
  private readonly envoy: boolean;

  constructor(
    private readonly input: IngressMigrationInput,
    readonly annotations: Record<string, string>,
    readonly prefix: string,
    private readonly differences: DifferenceList,
    private readonly target: MigrationTarget = input.target,
  ) {
    this.mappings = new Mappings(annotations);
    this.envoy = target.implementation === 'envoy-gateway';
  }

  key(name: string): string {
    return `${this.prefix}/${name}`;
  }

  get(name: string): string | undefined {
    return this.annotations[this.key(name)];
  }

  has(name: string): boolean {
    return this.key(name) in this.annotations;
  }

  private entry(name: string) {
    return INGRESS_NGINX_ANNOTATIONS[name];
  }

  /** The annotation's value is one ingress-nginx rejects: reported, and its behaviour lost. */
  invalid(name: string, why: string) {
    const entry = this.entry(name);
    const id = this.differences.add('invalid-annotation', {
      subject: name,
      severity: 'blocking',
      acceptable: !entry?.security,
      security: entry?.security,
      message: `${this.key(name)}: "${this.get(
        name,
      )}" ${why}, so it is not migrated.`,
    });
    this.mappings.set(this.key(name), 'no-equivalent', undefined, {
      reason: why,
      differences: [id],
    });
  }

  /** Marks an annotation as carried, with what it became. */
  mapped(
    name: string,
    gatewayApi: string,
    reason?: string,
    differences?: string[],
  ) {
    this.mappings.set(this.key(name), 'mapped', gatewayApi, {
      reason,
      differences,
    });
  }

  /** The annotation is dropped: a difference of the table's severity. */
  dropped(name: string, reason: string, onImplementation = false) {
    const entry = this.entry(name);
    const severity = entry?.severity ?? 'blocking';
    const id = this.differences.add(
      onImplementation ? 'no-equivalent-on-implementation' : 'no-equivalent',
      {
        subject: name,
        severity,
        security: entry?.security,
        message: onImplementation
          ? `${this.key(name)} needs an Envoy Gateway policy (${
              entry?.gatewayApi
            }); the target Gateway runs another implementation, so it is dropped.`
          : `${this.key(
              name,
            )} has no Gateway API equivalent: ${reason}. It is dropped.`,
      },
    );
    this.mappings.set(this.key(name), 'no-equivalent', undefined, {
      reason: onImplementation
        ? 'needs an Envoy Gateway policy, and the target implementation is another'
        : reason,
      differences: [id],
    });
  }

  /** Reports an annotation that only matters together with another one. */
  inert(name: string, reason: string) {
    this.mappings.set(this.key(name), 'ignored', undefined, { reason });
  }

  /** Every feature of the Ingress; report lines are written as a side effect. */
  read(): IngressFeatures {
    const features: IngressFeatures = {
      canary: parseBoolean(this.get('canary')) === true,
      regex: false,
      requestHeaders: [],
      responseHeaders: [],
      forceSslRedirect: false,
      serverAliases: [],
      fromToWww: false,
      backendTrafficPolicy: {},
      securityPolicy: {},
    };
    this.readRouting(features);
    this.readRedirects(features);
    this.readHeaders(features);
    this.readCors(features);
    this.readTimeouts(features);
    this.readRetries(features);
    this.readRateLimits(features);
    this.readAccessControl(features);
    this.readLoadBalancing(features);
    this.readBodySize(features);
    this.readBackendProtocol();
    return features;
  }

  private readRouting(features: IngressFeatures) {
    const useRegex = parseBoolean(this.get('use-regex'));
    if (this.has('use-regex') && useRegex === undefined) {
      this.invalid('use-regex', 'is not "true" or "false"');
    }
    const rewrite = this.get('rewrite-target')?.trim();
    // Set at all, rewrite-target makes nginx match the Ingress's paths as regular expressions.
    features.regex = useRegex === true || !!rewrite;
    if (rewrite && !/^\/[^\s]*$/.test(rewrite)) {
      this.invalid('rewrite-target', 'is not an absolute path');
    } else if (rewrite && rewrite.length > 1024) {
      this.invalid(
        'rewrite-target',
        'is longer than the 1024 characters of a URLRewrite path',
      );
    } else {
      features.rewriteTarget = rewrite ? rewrite : undefined;
    }
    if (useRegex !== undefined) {
      this.mapped(
        'use-regex',
        useRegex
          ? 'RegularExpression path matches for ImplementationSpecific regex paths'
          : 'Exact and PathPrefix matches',
      );
    }
    // The rewrite-target line is written with the paths, which decide its form.
    const aliases = parseList(this.get('server-alias'));
    if (aliases.length) features.serverAliases = aliases;
    const www = parseBoolean(this.get('from-to-www-redirect'));
    features.fromToWww = www === true;
    if (www === false) this.inert('from-to-www-redirect', 'disabled');
  }

  private statusCode(name: string, fallback: number): number | undefined {
    if (!this.has(name)) return fallback;
    const code = parseCount(this.get(name));
    if (code === undefined || !REDIRECT_CODES.has(code)) {
      this.invalid(
        name,
        'is not a redirect status code (301, 302, 303, 307, 308)',
      );
      return undefined;
    }
    return code;
  }

  private readRedirects(features: IngressFeatures) {
    const ssl = parseBoolean(this.get('ssl-redirect'));
    if (this.has('ssl-redirect') && ssl === undefined) {
      this.invalid('ssl-redirect', 'is not "true" or "false"');
    }
    features.sslRedirect = ssl;
    const force = parseBoolean(this.get('force-ssl-redirect'));
    if (this.has('force-ssl-redirect') && force === undefined) {
      this.invalid('force-ssl-redirect', 'is not "true" or "false"');
    }
    features.forceSslRedirect = force === true;
    if (this.has('preserve-trailing-slash')) {
      this.mapped(
        'preserve-trailing-slash',
        'RequestRedirect (keeps the path as it is)',
      );
    }

    // ingress-nginx reads temporal-redirect before permanent-redirect.
    for (const [name, codeName, fallback] of [
      ['temporal-redirect', 'temporal-redirect-code', 302],
      ['permanent-redirect', 'permanent-redirect-code', 301],
    ] as const) {
      if (!this.has(name)) {
        if (this.has(codeName))
          this.inert(codeName, `has effect only with ${name}`);
        continue;
      }
      if (features.redirect) {
        this.inert(name, 'temporal-redirect takes precedence');
        if (this.has(codeName))
          this.inert(codeName, 'temporal-redirect takes precedence');
        continue;
      }
      const url = parseRedirectUrl(this.get(name));
      if (!url) {
        this.invalid(
          name,
          'is not an absolute http(s) URL without nginx variables, which RequestRedirect needs',
        );
        continue;
      }
      const code = this.statusCode(codeName, fallback);
      if (code === undefined) continue;
      features.redirect = { url, statusCode: code, annotation: name };
      // The route may carry another code than ingress-nginx's; the lines name the written one.
      const written = writtenStatusCode(this.input.target, code);
      const codeDifference = statusCodeDifference(
        this.differences,
        this.input.target,
        name,
        `to ${this.get(name)!.trim()}`,
        written,
      );
      const codeText = statusCodeText(written);
      const reason = url.hasQuery
        ? 'RequestRedirect cannot set a query string or fragment; they are dropped'
        : undefined;
      const diffs = url.hasQuery
        ? [
            this.differences.add('no-equivalent', {
              subject: `${name}-query`,
              message: `${this.key(
                name,
              )} redirects to a URL with a query string or fragment, which RequestRedirect cannot set; the redirect keeps the request's own query instead.`,
            }),
          ]
        : [];
      this.mapped(
        name,
        `HTTPRoute RequestRedirect filter (${codeText})`,
        reason,
        [...diffs, ...(codeDifference ? [codeDifference] : [])],
      );
      if (this.has(codeName))
        this.mapped(
          codeName,
          `RequestRedirect statusCode ${codeText}`,
          undefined,
          codeDifference ? [codeDifference] : [],
        );
    }

    const appRoot = this.get('app-root')?.trim();
    if (appRoot !== undefined) {
      if (
        !/^\/[-A-Za-z0-9/._~!&'()*+,;=:@%]*$/.test(appRoot) ||
        appRoot.includes('//')
      ) {
        this.invalid('app-root', 'is not an absolute path');
      } else {
        features.appRoot = appRoot;
        this.mapped(
          'app-root',
          `HTTPRoute rule matching exactly / with a 302 RequestRedirect to ${appRoot}`,
        );
      }
    }
  }

  private readHeaders(features: IngressFeatures) {
    const vhost = this.get('upstream-vhost')?.trim();
    if (vhost !== undefined) {
      if (!PRECISE_HOSTNAME.test(vhost.toLowerCase()) || vhost.length > 253) {
        this.invalid(
          'upstream-vhost',
          'is not a hostname (nginx variables cannot be translated)',
        );
      } else {
        features.upstreamVhost = vhost.toLowerCase();
        this.mapped(
          'upstream-vhost',
          `HTTPRoute URLRewrite filter hostname ${vhost}`,
        );
      }
    }
    const prefix = this.get('x-forwarded-prefix');
    if (prefix !== undefined) {
      if (prefix.includes('$') || hasControlCharacter(prefix)) {
        this.invalid(
          'x-forwarded-prefix',
          'uses an nginx variable or a control character',
        );
      } else {
        features.requestHeaders.push({
          name: 'X-Forwarded-Prefix',
          value: prefix,
        });
        this.mapped(
          'x-forwarded-prefix',
          'HTTPRoute RequestHeaderModifier filter setting X-Forwarded-Prefix',
        );
      }
    }
    const custom = this.get('custom-headers')?.trim();
    if (custom !== undefined) {
      const ref = parseObjectRef(custom);
      const ns = ref?.namespace ?? this.input.ingress.metadata?.namespace;
      const name = ref?.name;
      // Another namespace's ConfigMap is another team's: only the Ingress's own are read.
      const configMap =
        ns === this.input.ingress.metadata?.namespace
          ? this.input.configMaps?.find(
              c => c.metadata?.namespace === ns && c.metadata?.name === name,
            )
          : undefined;
      const entries = Object.entries(configMap?.data ?? {});
      const badName = entries.find(([header]) => !HEADER_NAME.test(header));
      if (!ref) {
        this.invalid('custom-headers', 'is not a ConfigMap name');
      } else if (ns !== this.input.ingress.metadata?.namespace) {
        this.invalid(
          'custom-headers',
          `names ConfigMap ${ns}/${name} of another namespace; copy it into the Ingress's namespace`,
        );
      } else if (!configMap) {
        this.invalid(
          'custom-headers',
          `names ConfigMap ${ns}/${name}, which was not given to the migration`,
        );
      } else if (
        badName ||
        entries.length > 16 ||
        entries.some(([, v]) => v.includes('$') || hasControlCharacter(v))
      ) {
        this.invalid(
          'custom-headers',
          `ConfigMap ${ns}/${name} has a header that cannot be translated (or more than 16)`,
        );
      } else {
        for (const [header, value] of entries.sort(([a], [b]) =>
          a.localeCompare(b),
        )) {
          features.responseHeaders.push({ name: header, value });
        }
        this.mapped(
          'custom-headers',
          `HTTPRoute ResponseHeaderModifier filter setting ${entries.length} header(s) of ConfigMap ${ns}/${name}`,
        );
      }
    }
  }

  private readCors(features: IngressFeatures) {
    const names = [
      'cors-allow-origin',
      'cors-allow-methods',
      'cors-allow-headers',
      'cors-expose-headers',
      'cors-allow-credentials',
      'cors-max-age',
    ];
    const enabled = parseBoolean(this.get('enable-cors'));
    if (enabled !== true) {
      if (this.has('enable-cors') && enabled === undefined) {
        this.invalid('enable-cors', 'is not "true" or "false"');
      } else if (this.has('enable-cors')) {
        this.inert('enable-cors', 'CORS is disabled');
      }
      for (const name of names)
        this.inert(name, 'has effect only with enable-cors: "true"');
      return;
    }
    const origins = parseList(this.get('cors-allow-origin') ?? '*');
    const methods = parseList(
      this.get('cors-allow-methods') ?? NGINX_DEFAULT_CORS_METHODS,
    ).map(m => m.toUpperCase());
    const headers = parseList(
      this.get('cors-allow-headers') ?? NGINX_DEFAULT_CORS_HEADERS,
    );
    const expose = parseList(this.get('cors-expose-headers'));
    const credentials = parseBoolean(
      this.get('cors-allow-credentials') ?? 'true',
    );
    const maxAge = parseCount(this.get('cors-max-age') ?? '1728000');
    const problems: Array<[string, boolean]> = [
      [
        'cors-allow-origin',
        origins.length === 0 ||
          origins.length > 64 ||
          !origins.every(o => CORS_ORIGIN.test(o)),
      ],
      ['cors-allow-methods', !methods.every(m => HTTP_METHODS.has(m))],
      [
        'cors-allow-headers',
        headers.length > 64 || !headers.every(h => HEADER_NAME.test(h)),
      ],
      [
        'cors-expose-headers',
        expose.length > 64 || !expose.every(h => HEADER_NAME.test(h)),
      ],
      ['cors-allow-credentials', credentials === undefined],
      ['cors-max-age', maxAge === undefined || maxAge > MAX_DURATION_SECONDS],
    ];
    const bad = problems.filter(([, isBad]) => isBad).map(([name]) => name);
    for (const name of bad)
      this.invalid(name, 'is not a value the CORS configuration accepts');
    if (bad.length) {
      this.dropped(
        'enable-cors',
        `its settings (${bad.join(', ')}) cannot be translated`,
      );
      for (const name of names) {
        if (!bad.includes(name)) this.inert(name, 'CORS is not migrated');
      }
      return;
    }
    const settings: CorsSettings = {
      allowOrigins: origins,
      allowMethods: methods,
      allowHeaders: headers,
      exposeHeaders: expose,
      allowCredentials: credentials!,
      maxAge: maxAge!,
    };
    let where: string;
    if (this.target.httpRouteCors) {
      features.corsFilter = settings;
      where = 'HTTPRoute CORS filter';
    } else if (this.envoy) {
      features.securityPolicy.cors = {
        allowOrigins: settings.allowOrigins,
        allowMethods: settings.allowMethods,
        allowHeaders: settings.allowHeaders,
        ...(settings.exposeHeaders.length
          ? { exposeHeaders: settings.exposeHeaders }
          : {}),
        allowCredentials: settings.allowCredentials,
        maxAge: formatDuration(settings.maxAge),
      };
      where = 'Envoy Gateway SecurityPolicy cors';
    } else {
      const id = this.differences.add('no-equivalent-on-implementation', {
        subject: 'enable-cors',
        message: `${this.key(
          'enable-cors',
        )}: this Gateway API install has no HTTPRoute CORS filter (Gateway API v1.5+) and the implementation is not Envoy Gateway, so CORS is dropped.`,
      });
      for (const name of ['enable-cors', ...names]) {
        this.mappings.set(this.key(name), 'no-equivalent', undefined, {
          reason: 'no CORS filter on this install',
          differences: [id],
        });
      }
      return;
    }
    this.mapped('enable-cors', where);
    for (const name of names) this.mapped(name, `${where} (${name.slice(5)})`);
  }

  private seconds(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = parseCount(this.get(name));
    if (value === undefined || value === 0 || value > MAX_DURATION_SECONDS) {
      this.invalid(name, 'is not a number of seconds up to 99999 hours');
      return undefined;
    }
    return value;
  }

  private readTimeouts(features: IngressFeatures) {
    const connect = this.seconds('proxy-connect-timeout');
    const read = this.seconds('proxy-read-timeout');
    const send = this.seconds('proxy-send-timeout');
    const idle = Math.max(read ?? 0, send ?? 0);
    const timeout: Record<string, unknown> = {};
    if (connect !== undefined) {
      if (this.envoy) {
        timeout.tcp = { connectTimeout: formatDuration(connect) };
        this.mapped(
          'proxy-connect-timeout',
          'BackendTrafficPolicy timeout.tcp.connectTimeout',
        );
      } else {
        this.dropped('proxy-connect-timeout', '', true);
      }
    }
    if (idle > 0) {
      const duration = formatDuration(idle);
      let id: string;
      let where: string;
      if (this.envoy) {
        timeout.http = { streamIdleTimeout: duration };
        where = `BackendTrafficPolicy timeout.http.streamIdleTimeout ${duration}`;
        id = this.differences.add('timeout-per-read', {
          severity: 'informational',
          message: `ingress-nginx's proxy read/send timeouts limit the wait between two reads or writes; Envoy Gateway's streamIdleTimeout (${duration}) limits the time without traffic in either direction, which is nearly the same. Neither limits the whole request.`,
        });
      } else {
        features.backendRequestTimeout = duration;
        where = `HTTPRoute timeouts.backendRequest ${duration}`;
        id = this.differences.add('timeout-per-read', {
          message: `ingress-nginx's proxy read/send timeouts (${duration}) limit the wait between two reads or writes; the route's backendRequest timeout limits the whole response to ${duration}, so a download or a stream that lasts longer is cut.`,
        });
      }
      for (const name of ['proxy-read-timeout', 'proxy-send-timeout']) {
        if (this.has(name) && !this.mappings.has(this.key(name))) {
          this.mapped(name, where, undefined, [id]);
        }
      }
    }
    if (Object.keys(timeout).length)
      features.backendTrafficPolicy.timeout = timeout;
  }

  private readRetries(features: IngressFeatures) {
    const names = ['proxy-next-upstream', 'proxy-next-upstream-tries'];
    if (!names.some(n => this.has(n))) return;
    if (!this.envoy) {
      for (const name of names)
        if (this.has(name)) this.dropped(name, '', true);
      return;
    }
    const conditions = (this.get('proxy-next-upstream') ?? 'error timeout')
      .split(/\s+/)
      .filter(Boolean);
    const triggers = new Set<string>();
    const codes: number[] = [];
    let off = false;
    let unknown: string | undefined;
    for (const condition of conditions) {
      if (condition === 'off') off = true;
      else if (condition === 'error') {
        triggers.add('connect-failure');
        triggers.add('reset');
      } else if (condition === 'timeout' || condition === 'invalid_header') {
        triggers.add('reset');
      } else if (/^http_(403|404|429|500|502|503|504)$/.test(condition)) {
        triggers.add('retriable-status-codes');
        codes.push(Number(condition.slice(5)));
      } else if (condition !== 'non_idempotent') unknown = condition;
    }
    if (unknown) {
      this.invalid(
        'proxy-next-upstream',
        `has "${unknown}", which nginx does not know`,
      );
      return;
    }
    let numRetries = 2;
    if (this.has('proxy-next-upstream-tries')) {
      const tries = parseCount(this.get('proxy-next-upstream-tries'));
      if (tries === undefined || tries === 0) {
        this.invalid(
          'proxy-next-upstream-tries',
          'is not a positive number of tries',
        );
        return;
      }
      numRetries = tries - 1;
    }
    if (off) numRetries = 0;
    features.backendTrafficPolicy.retry = {
      numRetries,
      ...(off
        ? {}
        : {
            retryOn: {
              triggers: [...triggers].sort(),
              ...(codes.length ? { httpStatusCodes: codes.sort() } : {}),
            },
          }),
    };
    const reason = conditions.includes('non_idempotent')
      ? undefined
      : 'Envoy Gateway also retries POST and other non-idempotent requests, which nginx did not';
    for (const name of names) {
      if (this.has(name)) {
        this.mapped(
          name,
          `BackendTrafficPolicy retry (${numRetries} retries)`,
          reason,
        );
      }
    }
  }

  private readRateLimits(features: IngressFeatures) {
    const limits: Array<[string, 'Second' | 'Minute']> = [
      ['limit-rps', 'Second'],
      ['limit-rpm', 'Minute'],
    ];
    const present = limits.filter(([name]) => this.has(name));
    const helpers = [
      'limit-burst-multiplier',
      'limit-allowlist',
      'limit-whitelist',
    ];
    if (!present.length) {
      for (const name of helpers)
        this.inert(name, 'has effect only with limit-rps or limit-rpm');
      return;
    }
    if (!this.envoy) {
      for (const [name] of present) this.dropped(name, '', true);
      for (const name of helpers) this.inert(name, 'its rate limit is dropped');
      return;
    }
    const allow = parseList(
      this.get('limit-allowlist') ?? this.get('limit-whitelist'),
    );
    const cidrs = allow.map(parseCidr);
    if (cidrs.some(c => c === undefined)) {
      this.invalid(
        this.has('limit-allowlist') ? 'limit-allowlist' : 'limit-whitelist',
        'is not a list of CIDRs',
      );
      return;
    }
    const clientSelectors = (cidrs as string[]).map(value => ({
      sourceCIDR: { type: 'Exact', value, invert: true },
    }));
    const rules: unknown[] = [];
    for (const [name, unit] of present) {
      const requests = parseCount(this.get(name));
      if (requests === undefined || requests === 0) {
        this.invalid(name, 'is not a positive number of requests');
        continue;
      }
      rules.push({
        ...(clientSelectors.length ? { clientSelectors } : {}),
        limit: { requests, unit },
      });
      const id = this.differences.add('rate-limit-per-client', {
        subject: name,
        message: `${this.key(
          name,
        )} limited each client IP to ${requests} requests per ${unit.toLowerCase()}, with bursts of 5 times that; Envoy Gateway's local rate limit allows ${requests} per ${unit.toLowerCase()} to all clients of the route together, per Envoy replica, without burst.`,
      });
      this.mapped(
        name,
        `BackendTrafficPolicy rateLimit.local (${requests}/${unit})`,
        undefined,
        [id],
      );
    }
    if (!rules.length) {
      for (const name of helpers)
        this.inert(name, 'its rate limit is not migrated');
      return;
    }
    features.backendTrafficPolicy.rateLimit = { local: { rules } };
    if (this.has('limit-burst-multiplier')) {
      this.mapped(
        'limit-burst-multiplier',
        'no burst: the local rate limit is the plain rate',
      );
    }
    for (const name of ['limit-allowlist', 'limit-whitelist']) {
      if (this.has(name)) {
        this.mapped(
          name,
          'rateLimit clientSelectors (sourceCIDR, invert: true)',
        );
      }
    }
  }

  private readAccessControl(features: IngressFeatures) {
    const allowName = this.has('allowlist-source-range')
      ? 'allowlist-source-range'
      : 'whitelist-source-range';
    const rangeNames = [allowName, 'denylist-source-range'].filter(n =>
      this.has(n),
    );
    if (
      this.has('allowlist-source-range') &&
      this.has('whitelist-source-range')
    ) {
      this.inert(
        'whitelist-source-range',
        'allowlist-source-range takes precedence',
      );
    }
    const authType = this.get('auth-type')?.trim().toLowerCase();
    const authNames = ['auth-type', 'auth-secret', 'auth-secret-type'];
    if (!this.envoy) {
      for (const name of rangeNames) this.dropped(name, '', true);
      for (const name of authNames) {
        if (this.has(name) && authType !== undefined)
          this.dropped(name, '', true);
      }
      if (authType === undefined) {
        for (const name of ['auth-secret', 'auth-secret-type']) {
          this.inert(name, 'has effect only with auth-type');
        }
      }
      return;
    }
    const rules: unknown[] = [];
    const ranges: Record<string, string[]> = {};
    for (const name of rangeNames) {
      const cidrs = parseList(this.get(name)).map(parseCidr);
      if (!cidrs.length || cidrs.some(c => c === undefined)) {
        this.invalid(name, 'is not a list of CIDRs');
        continue;
      }
      ranges[name] = cidrs as string[];
    }
    // nginx checks deny rules before allow rules, then denies the rest if any allow is set.
    if (ranges['denylist-source-range']) {
      rules.push({
        name: 'denylist-source-range',
        action: 'Deny',
        principal: { clientCIDRs: ranges['denylist-source-range'] },
      });
      this.mapped(
        'denylist-source-range',
        'SecurityPolicy authorization rule (Deny)',
      );
    }
    if (ranges[allowName]) {
      rules.push({
        name: 'allowlist-source-range',
        action: 'Allow',
        principal: { clientCIDRs: ranges[allowName] },
      });
      this.mapped(
        allowName,
        'SecurityPolicy authorization rule (Allow, defaultAction Deny)',
      );
    }
    if (rules.length) {
      features.securityPolicy.authorization = {
        defaultAction: ranges[allowName] ? 'Deny' : 'Allow',
        rules,
      };
    }

    if (authType === undefined) {
      for (const name of ['auth-secret', 'auth-secret-type']) {
        this.inert(name, 'has effect only with auth-type');
      }
      return;
    }
    if (authType !== 'basic') {
      this.dropped(
        'auth-type',
        `"${authType}" authentication has no equivalent (Envoy Gateway has basic authentication only)`,
      );
      for (const name of ['auth-secret', 'auth-secret-type']) {
        this.inert(name, 'its authentication type has no equivalent');
      }
      return;
    }
    const secret = this.get('auth-secret')?.trim();
    if (!secret) {
      this.invalid('auth-type', 'needs auth-secret, which is missing');
      return;
    }
    const ref = parseObjectRef(secret);
    const ingressNamespace = this.input.ingress.metadata?.namespace;
    if (!ref) {
      this.invalid('auth-secret', 'is not a Secret name');
      return;
    }
    if (ref.namespace && ref.namespace !== ingressNamespace) {
      // ingress-nginx read another namespace's Secret for any Ingress; a tenant's policy must not.
      this.invalid(
        'auth-secret',
        `names Secret ${ref.namespace}/${ref.name} of another namespace; copy it into ${ingressNamespace}`,
      );
      return;
    }
    const { name } = ref;
    const secretNamespace = ingressNamespace;
    features.securityPolicy.basicAuth = {
      users: { name },
    };
    const form =
      this.get('auth-secret-type')?.trim() === 'auth-map'
        ? 'one key per user'
        : 'an htpasswd file under the key "auth"';
    const id = this.differences.add('basic-auth-secret-format', {
      subject: `${secretNamespace}/${name}`,
      message: `Secret ${secretNamespace}/${name} holds ${form} for ingress-nginx; Envoy Gateway reads an htpasswd file with SHA hashes under the key ".htpasswd". Add that key to the Secret before the cutover, or every request is refused.`,
    });
    for (const n of authNames) {
      if (this.has(n))
        this.mapped(n, 'SecurityPolicy basicAuth', undefined, [id]);
    }
  }

  private readLoadBalancing(features: IngressFeatures) {
    const affinity = this.get('affinity')?.trim();
    const hashBy = this.get('upstream-hash-by')?.trim();
    const balance = this.get('load-balance')?.trim();
    const cookieNames = [
      'session-cookie-name',
      'session-cookie-max-age',
      'session-cookie-expires',
    ];
    const lbNames = [
      'affinity',
      'upstream-hash-by',
      'load-balance',
      ...cookieNames,
    ];
    if (!lbNames.some(n => this.has(n))) return;
    if (!this.envoy) {
      for (const name of ['affinity', 'upstream-hash-by', 'load-balance']) {
        if (this.has(name)) this.dropped(name, '', true);
      }
      for (const name of cookieNames)
        this.inert(name, 'its affinity is dropped');
      return;
    }
    let loadBalancer: Record<string, unknown> | undefined;
    if (affinity !== undefined) {
      if (affinity !== 'cookie') {
        this.invalid(
          'affinity',
          'is not "cookie", the only affinity ingress-nginx has',
        );
      } else {
        const ttl =
          parseCount(this.get('session-cookie-max-age')) ??
          parseCount(this.get('session-cookie-expires'));
        const ttlSeconds =
          ttl !== undefined && ttl <= MAX_DURATION_SECONDS ? ttl : undefined;
        const name = this.get('session-cookie-name')?.trim() || 'INGRESSCOOKIE';
        loadBalancer = {
          type: 'ConsistentHash',
          consistentHash: {
            type: 'Cookie',
            cookie: {
              name,
              ...(ttlSeconds ? { ttl: formatDuration(ttlSeconds) } : {}),
            },
          },
        };
        this.mapped(
          'affinity',
          `BackendTrafficPolicy loadBalancer ConsistentHash cookie ${name}`,
        );
        for (const n of cookieNames) {
          if (this.has(n)) this.mapped(n, 'the consistent-hash cookie');
        }
      }
    } else {
      for (const n of cookieNames)
        this.inert(n, 'has effect only with affinity: cookie');
    }
    if (hashBy !== undefined) {
      const header = hashBy.match(/^\$http_([a-z0-9_]+)$/i);
      const sourceIp = /^\$(binary_)?remote_addr$/.test(hashBy);
      if (loadBalancer) {
        this.inert('upstream-hash-by', 'cookie affinity takes precedence');
      } else if (sourceIp || header) {
        loadBalancer = {
          type: 'ConsistentHash',
          consistentHash: sourceIp
            ? { type: 'SourceIP' }
            : {
                type: 'Header',
                header: { name: header![1].replace(/_/g, '-') },
              },
        };
        this.mapped(
          'upstream-hash-by',
          'BackendTrafficPolicy loadBalancer ConsistentHash',
        );
      } else {
        this.dropped(
          'upstream-hash-by',
          `hashing by "${hashBy}" cannot be expressed (only the client IP or one request header)`,
        );
      }
    }
    if (balance !== undefined) {
      if (loadBalancer) {
        this.inert(
          'load-balance',
          'affinity or upstream-hash-by takes precedence',
        );
      } else if (balance === 'round_robin') {
        loadBalancer = { type: 'RoundRobin' };
        this.mapped(
          'load-balance',
          'BackendTrafficPolicy loadBalancer RoundRobin',
        );
      } else {
        this.dropped(
          'load-balance',
          `"${balance}" has no Envoy Gateway load balancer`,
        );
      }
    }
    if (loadBalancer) features.backendTrafficPolicy.loadBalancer = loadBalancer;
  }

  private readBodySize(features: IngressFeatures) {
    if (!this.has('proxy-body-size')) return;
    const size = parseSize(this.get('proxy-body-size'));
    if (size === undefined) {
      this.invalid('proxy-body-size', 'is not an nginx size');
    } else if (size === null) {
      this.mapped(
        'proxy-body-size',
        'nothing: 0 means no limit, as on the Gateway',
      );
    } else if (!this.envoy) {
      this.dropped('proxy-body-size', '', true);
    } else {
      features.backendTrafficPolicy.requestBuffer = { limit: size };
      this.mapped(
        'proxy-body-size',
        `BackendTrafficPolicy requestBuffer.limit ${size}`,
        'requests are buffered whole before they reach the Service; do not use on streaming or WebSocket routes',
      );
    }
  }

  private readBackendProtocol() {
    const protocol = this.get('backend-protocol')?.trim().toUpperCase();
    if (protocol === undefined) return;
    if (protocol === 'HTTP') {
      this.mapped('backend-protocol', 'nothing: HTTPRoute backends speak HTTP');
      return;
    }
    const why: Record<string, string> = {
      HTTPS:
        'HTTPS to the Service needs a BackendTLSPolicy, which also verifies the Service certificate (ingress-nginx did not by default)',
      GRPC: 'gRPC needs a GRPCRoute, or the Service port appProtocol kubernetes.io/h2c',
      GRPCS: 'gRPC over TLS needs a GRPCRoute and a BackendTLSPolicy',
      AJP: 'the Gateway API has no AJP backends',
      FCGI: 'the Gateway API has no FastCGI backends',
    };
    if (!why[protocol]) {
      this.invalid(
        'backend-protocol',
        'is not HTTP, HTTPS, GRPC, GRPCS, AJP or FCGI',
      );
      return;
    }
    this.dropped('backend-protocol', why[protocol]);
  }

  /**
   * Lines for everything not written by a reader: table defaults, snippets, foreign and
   * unknown annotations. Called last.
   */
  finish(isCanaryAnnotationInert: boolean): AnnotationMapping[] {
    for (const key of Object.keys(this.annotations).sort()) {
      if (this.mappings.has(key)) continue;
      if (!key.startsWith(`${this.prefix}/`)) {
        this.foreign(key);
        continue;
      }
      const name = key.slice(this.prefix.length + 1);
      const entry = INGRESS_NGINX_ANNOTATIONS[name];
      if (!entry) {
        const id = this.differences.add('unknown-annotation', {
          subject: name,
          message: `${key} is not an annotation ingress-nginx documents; whatever it did is not migrated.`,
        });
        this.mappings.set(key, 'unknown', undefined, {
          reason: 'not documented by ingress-nginx',
          differences: [id],
        });
        continue;
      }
      switch (entry.handling) {
        case 'snippet': {
          const id = this.differences.add('configuration-injection', {
            subject: name,
            security: true,
            // Nobody can vouch for raw configuration by accepting it: it goes from the Ingress first.
            acceptable: false,
            message: `${key} injects raw nginx configuration (${entry.gatewayApi}). It is a configuration-injection risk (it can read the controller's Secrets) and has no Gateway API form: review what it did, rebuild it with route filters or policies, and remove it from the Ingress before migrating.`,
          });
          this.mappings.set(key, 'no-equivalent', undefined, {
            reason: `configuration injection: ${entry.gatewayApi}`,
            differences: [id],
          });
          break;
        }
        case 'ignored':
          this.mappings.set(key, 'ignored', undefined, {
            reason: entry.gatewayApi,
          });
          break;
        case 'canary':
          if (isCanaryAnnotationInert) {
            this.inert(
              name,
              'has effect only on a canary Ingress (canary: "true")',
            );
          } else {
            this.mapped(name, entry.gatewayApi);
          }
          break;
        case 'envoy-gateway':
          if (this.envoy) {
            this.mapped(name, entry.gatewayApi);
          } else {
            this.dropped(name, entry.gatewayApi, true);
          }
          break;
        case 'no-equivalent':
          this.dropped(name, entry.gatewayApi);
          break;
        default:
          this.mapped(name, entry.gatewayApi);
      }
    }
    return [...this.mappings.lines.values()].sort((a, b) =>
      a.annotation.localeCompare(b.annotation),
    );
  }

  private foreign(key: string) {
    const known =
      FOREIGN_ANNOTATIONS[key] ??
      (key.startsWith(CERT_MANAGER_PREFIX)
        ? "read by cert-manager's ingress-shim (see the TLS choice)"
        : undefined);
    if (known) {
      this.mappings.set(key, 'ignored', undefined, { reason: known });
      return;
    }
    this.mappings.set(key, 'unknown', undefined, {
      reason: 'not an ingress-nginx annotation; kept on the Ingress only',
    });
  }
}
