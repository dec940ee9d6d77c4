/**
 * The Ingress's paths (and default backend) as path entries: each with its HTTPRoute match,
 * backendRef, rewrite and canary, and its report line.
 */
import { IngressBackend } from '../types/ingress';
import { captureRewriteAsPrefix, translatePath } from './paths';
import { PathMapping } from './types';
import { PathEntry, Translation, backendLabel } from './context';
import { canaryRoutes } from './canaries';

/** The path entries of the Ingress, by host ('' for a rule without host). */
export function pathEntries(t: Translation): Map<string, PathEntry[]> {
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
