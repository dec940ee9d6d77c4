/**
 * Which routes an Ingress becomes, and where they attach.
 *
 * Route split: one HTTPRoute per Ingress, so the Ingress-wide annotations stay scoped to its
 * paths, holding all its hostnames when every host has the same paths, backends and redirect
 * behaviour; otherwise one HTTPRoute per host, because one route applies the same rules to all
 * its hostnames. A rule without host (every host) always gets a route of its own.
 */
import { GATEWAY_API_ANNOTATIONS } from '../annotations';
import { dnsSubdomainName } from '../names';
import { GATEWAY_API_GROUP } from '../types/gatewayApi';
import {
  GeneratedMetadata,
  GeneratedParentRef,
  MigrationParentRef,
} from './types';
import { PathEntry, Translation, uniq } from './context';

export const MAX_HOSTNAMES = 16;

export interface RoutePlan {
  name: string;
  hostnames: string[];
  entries: PathEntry[];
}

/** One route for all hosts when their paths and redirects agree, otherwise one per host. */
export function planRoutes(
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
export function parentRefs(
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

export function metadata(
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
