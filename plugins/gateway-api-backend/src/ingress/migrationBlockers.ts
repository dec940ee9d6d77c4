import {
  gatewayClassSupportedFeatures,
  implementationForControllerName,
  Ingress,
  IngressClass,
  IngressMigrationBlocker,
  Service,
  translateIngress,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import {
  tenantFromNamespace,
  tenantOfNamespace,
  TenantRecord,
} from '../tenants/tenantFromNamespace';
import { listenerGatewayClass } from '../scaffolder/servedGatewayApi';
import { ingressClassOf } from './ingressObjects';
import { IngressBlockers } from './migrationOverview';
import { COVERED_BY_LAYOUT, NEVER_ACCEPTED } from './migrationPlan';

/**
 * What blocks moving one Ingress: the blocking differences of its translation with nothing
 * accepted (less what every tenant layout covers), from the cache. The listeners are not known
 * before a migration plans them, so the report is read for its differences only.
 */
export function blockersOf(
  snapshot: ClusterSnapshot,
  namespace: string,
  name: string,
): IngressMigrationBlocker[] {
  const of = <T>(kind: string) =>
    (snapshot.byKind.get(kind) ?? []) as unknown as T[];
  const ingresses = of<Ingress>('Ingress');
  const ingress = ingresses.find(
    i => i.metadata?.namespace === namespace && i.metadata?.name === name,
  );
  if (!ingress) return [];
  const classes = of<IngressClass>('IngressClass');
  const className = ingressClassOf(ingress, classes).name;
  const tenant = tenantOfNamespace(
    of<any>('Namespace')
      .map(ns => tenantFromNamespace(snapshot.cluster, ns))
      .filter((t): t is TenantRecord => t !== undefined),
  )(namespace);
  // The class the routes would attach through: a redirect it cannot serve blocks here too.
  const gatewayClassName = tenant?.spec
    ? listenerGatewayClass(tenant.spec)
    : undefined;
  const gatewayClass = of<{
    metadata?: { name?: string };
    status?: { supportedFeatures?: unknown };
  }>('GatewayClass').find(
    c => gatewayClassName && c.metadata?.name === gatewayClassName,
  );
  const { report } = translateIngress({
    ingress,
    ingressClass: classes.find(c => c.metadata?.name === className),
    otherIngresses: ingresses,
    services: of<Service>('Service').filter(
      s => s.metadata?.namespace === namespace,
    ),
    target: {
      parentRefs: [
        {
          kind: 'Gateway',
          namespace: tenant?.namespace ?? namespace,
          name: tenant?.spec?.names.gateway ?? 'gateway',
        },
      ],
      implementation: implementationForControllerName(
        tenant?.spec?.controllerName,
      ),
      ...(gatewayClass
        ? {
            gatewayClassName,
            supportedFeatures: gatewayClassSupportedFeatures(gatewayClass),
          }
        : {}),
      tls: {
        mode: 'cert-manager',
        issuerRef: { name: tenant?.spec?.names.issuer ?? 'issuer' },
      },
    },
  });
  return report.differences
    .filter(
      d =>
        (d.severity === 'blocking' && !COVERED_BY_LAYOUT.includes(d.kind)) ||
        NEVER_ACCEPTED.includes(d.kind),
    )
    .map(d => ({ id: d.id, summary: d.message }));
}

/** {@link blockersOf} over the cache, memoised per cache snapshot. */
export function ingressBlockersFromCache(
  cache: Pick<GatewayApiCache, 'snapshot'>,
): IngressBlockers {
  const memo = new WeakMap<
    ClusterSnapshot,
    Map<string, IngressMigrationBlocker[]>
  >();
  return ({ cluster, namespace, name }) => {
    const snapshot = cache.snapshot(cluster);
    let bySnapshot = memo.get(snapshot);
    if (!bySnapshot) {
      bySnapshot = new Map();
      memo.set(snapshot, bySnapshot);
    }
    const key = `${namespace}/${name}`;
    let blockers = bySnapshot.get(key);
    if (!blockers) {
      blockers = blockersOf(snapshot, namespace, name);
      bySnapshot.set(key, blockers);
    }
    return blockers;
  };
}
