/**
 * Canary Ingresses (canary: "true") of the same namespace, read into the weights and header
 * matches the main Ingress's route gets for each host and path they share.
 */
import { pcreOnlyFeature } from './paths';
import { AnnotationMapping, HTTPHeaderMatch } from './types';
import { hasControlCharacter, parseBoolean, parseCount } from './values';
import { CanaryRoute, HEADER_NAME, Translation, ingressRef } from './context';

/** Reads the canaries of the cluster that share a host and path with the Ingress. */
export function canaryRoutes(t: Translation): Map<string, CanaryRoute> {
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
