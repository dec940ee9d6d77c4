/**
 * HTTPRoute rules from path entries and the Ingress-wide annotations: filters, canary header
 * rules, weights, timeouts, redirects, merged where they differ only in their matches.
 */
import { HTTPRouteFilter, HTTPRouteRule } from './types';
import { PathEntry, Translation } from './context';
import { writtenStatusCode } from './statusCodes';

/**
 * The status code a redirect is written with: ingress-nginx's where the install and the
 * GatewayClass take it, else its core equivalent (308 → 301, 307 and 303 → 302).
 */
export function statusCode(
  t: Translation,
  code: number,
): 301 | 302 | 303 | 307 | 308 {
  return writtenStatusCode(t.input.target, code).statusCode as
    | 301
    | 302
    | 303
    | 307
    | 308;
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
export function buildRules(
  t: Translation,
  entries: PathEntry[],
): HTTPRouteRule[] {
  const rules: HTTPRouteRule[] = [];
  const appRoot = appRootRedirect(t);
  if (appRoot) {
    rules.push({
      matches: [{ path: { type: 'Exact', value: '/' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: appRoot }],
    });
  }
  for (const entry of entries) {
    const redirect = annotationRedirect(t);
    if (redirect) {
      rules.push({
        matches: [{ path: entry.match }],
        filters: [{ type: 'RequestRedirect', requestRedirect: redirect }],
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

type RequestRedirect = Extract<
  HTTPRouteFilter,
  { type: 'RequestRedirect' }
>['requestRedirect'];

/** app-root's redirect of exactly / to the application root, if the Ingress has one. */
export function appRootRedirect(t: Translation): RequestRedirect | undefined {
  const { appRoot } = t.features;
  return appRoot
    ? {
        path: { type: 'ReplaceFullPath', replaceFullPath: appRoot },
        statusCode: 302,
      }
    : undefined;
}

/** permanent-redirect's or temporal-redirect's redirect of every path, if the Ingress has one. */
export function annotationRedirect(
  t: Translation,
): RequestRedirect | undefined {
  if (!t.features.redirect) return undefined;
  const { url, statusCode: code } = t.features.redirect;
  return {
    scheme: url.scheme,
    hostname: url.hostname,
    ...(url.port ? { port: url.port } : {}),
    path: { type: 'ReplaceFullPath', replaceFullPath: url.path },
    statusCode: statusCode(t, code),
  };
}

/** The redirect of a route of its own: to https (ssl-redirect) or to another host (www). */
export function standaloneRedirect(
  t: Translation,
  hostname: string | undefined,
  scheme: 'https' | undefined,
): RequestRedirect {
  return {
    ...(scheme ? { scheme } : {}),
    ...(hostname ? { hostname } : {}),
    statusCode: statusCode(t, 308),
  };
}

export function redirectRule(
  t: Translation,
  hostname: string | undefined,
  scheme: 'https' | undefined,
): HTTPRouteRule {
  return {
    filters: [
      {
        type: 'RequestRedirect',
        requestRedirect: standaloneRedirect(t, hostname, scheme),
      },
    ],
  };
}
