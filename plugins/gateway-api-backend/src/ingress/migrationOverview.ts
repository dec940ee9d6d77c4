import {
  Exposure,
  IngressMigrationBlocker,
  IngressMigrationItem,
  IngressMigrationOverview,
  IngressMigrationState,
  IngressMigrationTenantCount,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { migrationState } from './ingressInventory';

/** What blocks moving one Ingress: the blocking differences of its translation. */
export type IngressBlockers = (ingress: {
  cluster: string;
  namespace: string;
  name: string;
}) => IngressMigrationBlocker[];

const zero = (): Record<IngressMigrationState, number> => ({
  'ingress-only': 0,
  both: 0,
  moved: 0,
});

/**
 * The platform's view of the move from Ingress: one item per hostname an Ingress serves or
 * served (from the exposures, which carry the migration state), what blocks each, and the
 * counts per tenant, most hostnames left on Ingress first.
 */
export function ingressMigrationOverview(
  exposures: Exposure[],
  options: {
    pendingClusters: string[];
    blockers?: IngressBlockers;
    tenant?: string;
  },
): IngressMigrationOverview {
  const byHostname = new Map<string, Exposure[]>();
  for (const exposure of exposures) {
    if (!exposure.migration) continue;
    const key = `${exposure.cluster}\u0000${exposure.hostname}`;
    byHostname.set(key, [...(byHostname.get(key) ?? []), exposure]);
  }

  const items: IngressMigrationItem[] = [];
  for (const group of byHostname.values()) {
    const onIngress = group.find(e => e.source === 'Ingress');
    const routes = group.filter(e => e.source !== 'Ingress');
    const lead = onIngress ?? routes[0];
    if (options.tenant && lead.tenant !== options.tenant) continue;
    const state = migrationState({
      servedByIngress: !!onIngress,
      servedByRoute: routes.length > 0,
      routeMadeFromIngress: true,
    })!;
    items.push({
      cluster: lead.cluster,
      hostname: lead.hostname,
      tenant: lead.tenant,
      owner: lead.owner,
      entityRef: lead.entityRef ?? routes.find(r => r.entityRef)?.entityRef,
      state,
      ...(onIngress?.ingress ? { ingress: onIngress.ingress } : {}),
      routes: routes.map(
        r => `${r.route.kind}/${r.route.namespace}/${r.route.name}`,
      ),
      blockers:
        onIngress?.ingress && options.blockers
          ? options.blockers({
              cluster: onIngress.cluster,
              namespace: onIngress.ingress.namespace,
              name: onIngress.ingress.name,
            })
          : [],
    });
  }
  items.sort(
    (a, b) =>
      (a.tenant ?? '').localeCompare(b.tenant ?? '') ||
      a.hostname.localeCompare(b.hostname) ||
      a.cluster.localeCompare(b.cluster),
  );

  const tenants = new Map<string, IngressMigrationTenantCount>();
  const totals = zero();
  for (const item of items) {
    const key = `${item.cluster}\u0000${item.tenant ?? ''}`;
    const count = tenants.get(key) ?? {
      cluster: item.cluster,
      ...(item.tenant ? { tenant: item.tenant } : {}),
      ...(item.owner ? { owner: item.owner } : {}),
      counts: zero(),
      blocked: 0,
    };
    count.counts[item.state] += 1;
    if (item.state !== 'moved' && item.blockers.length > 0) count.blocked += 1;
    totals[item.state] += 1;
    tenants.set(key, count);
  }
  const leftOnIngress = (c: IngressMigrationTenantCount) =>
    c.counts['ingress-only'] + c.counts.both;
  return {
    items,
    tenants: [...tenants.values()].sort(
      (a, b) =>
        leftOnIngress(b) - leftOnIngress(a) ||
        (a.tenant ?? '').localeCompare(b.tenant ?? ''),
    ),
    totals,
    pendingClusters: options.pendingClusters,
  };
}
