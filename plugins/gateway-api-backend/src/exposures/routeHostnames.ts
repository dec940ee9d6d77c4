import { normaliseHostname } from '@gatehouse/backstage-plugin-gateway-api-common';

type Normalised = ReturnType<typeof normaliseHostname>;

const memo = new WeakMap<unknown[], Normalised[]>();

/**
 * A route's `spec.hostnames`, each normalised (wildcards allowed), once per hostnames array:
 * the cache replaces an object when it changes, and the exposures and the catalog entities of
 * a cluster are rebuilt from every route after each change, where normalising is the costly
 * part.
 */
export function normalisedRouteHostnames(route: {
  spec?: { hostnames?: unknown };
}): readonly Normalised[] {
  const raw = route.spec?.hostnames;
  if (!Array.isArray(raw)) return [];
  let normalised = memo.get(raw);
  if (!normalised) {
    normalised = raw.map(h =>
      normaliseHostname(String(h), { allowWildcard: true }),
    );
    memo.set(raw, normalised);
  }
  return normalised;
}
