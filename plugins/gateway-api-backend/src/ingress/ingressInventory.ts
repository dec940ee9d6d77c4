import {
  Certificate,
  Exposure,
  hintForMistake,
  IngressMigrationState,
  IngressSummary,
  Issuer,
  normaliseHostname,
  StatusSummary,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { routeEntityRef } from '../exposures/routeEntityRef';
import { tenancyStatus } from '../exposures/tenancyStatus';
import { summariseTlsOnClock } from '../exposures/exposureClock';
import {
  tenantFromNamespace,
  tenantOfNamespace,
  TenantRecord,
} from '../tenants/tenantFromNamespace';
import { tenantDomains } from '../tenants/tenantDomains';
import {
  ingressAddresses,
  IngressClassObject,
  ingressClassOf,
  ingressHosts,
  IngressObject,
} from './ingressObjects';
import { MIGRATION_ANNOTATIONS } from './migrationAnnotations';

/** One hostname an Ingress serves, with what the inventory shows of it. */
export interface IngressHostname {
  cluster: string;
  hostname: string;
  ingress: IngressObject;
  summary: IngressSummary;
  tenant?: TenantRecord;
  entityRef?: string;
  backends: Array<{ namespace: string; name: string; port?: number }>;
}

/** Every hostname the Ingresses of one cluster serve, from the cache alone. */
export function ingressHostnames(snapshot: ClusterSnapshot): IngressHostname[] {
  const of = <T>(kind: string) =>
    (snapshot.byKind.get(kind) ?? []) as unknown as T[];
  const classes = of<IngressClassObject>('IngressClass');
  const tenantAt = tenantOfNamespace(tenantsOf(snapshot));
  const result: IngressHostname[] = [];
  for (const ingress of of<IngressObject>('Ingress')) {
    const namespace = ingress.metadata?.namespace;
    const name = ingress.metadata?.name;
    if (!namespace || !name) continue;
    const ingressClass = ingressClassOf(ingress, classes);
    for (const host of ingressHosts(ingress)) {
      result.push({
        cluster: snapshot.cluster,
        hostname: host.hostname,
        ingress,
        summary: {
          namespace,
          name,
          ingressClassName: ingressClass.name,
          controller: ingressClass.controller,
          tlsSecretName: host.tlsSecretName,
          addresses: ingressAddresses(ingress),
        },
        tenant: tenantAt(namespace),
        entityRef: routeEntityRef(ingress),
        backends: host.backends,
      });
    }
  }
  return result;
}

function tenantsOf(snapshot: ClusterSnapshot): TenantRecord[] {
  return (snapshot.byKind.get('Namespace') ?? [])
    .map(ns => tenantFromNamespace(snapshot.cluster, ns))
    .filter((t): t is TenantRecord => t !== undefined);
}

/** `<namespace>/<name>` of the Ingress a route was made from, if the migration made it. */
export const migratedFrom = (route: {
  metadata?: { annotations?: Record<string, string> };
}) => route.metadata?.annotations?.[MIGRATION_ANNOTATIONS.migratedFrom];

/**
 * The state of a hostname in the move from Ingress: `ingress-only` when only an Ingress serves
 * it, `both` when an Ingress and a route do, `moved` when a route made from an Ingress serves
 * it and no Ingress does any more; undefined for a hostname that never was on an Ingress.
 */
export function migrationState(hostname: {
  servedByIngress: boolean;
  servedByRoute: boolean;
  routeMadeFromIngress: boolean;
}): IngressMigrationState | undefined {
  if (hostname.servedByIngress) {
    return hostname.servedByRoute ? 'both' : 'ingress-only';
  }
  return hostname.routeMadeFromIngress ? 'moved' : undefined;
}

/**
 * Adds to a cluster's route exposures one exposure per hostname an Ingress serves, and sets
 * the migration state on both. A hostname that an Ingress of one tenant and a route of
 * another serve is flagged on both sides: one of them takes the other's traffic.
 */
export function withIngressExposures(
  snapshot: ClusterSnapshot,
  routeExposures: Exposure[],
  now: Date,
): Exposure[] {
  const hosts = ingressHostnames(snapshot);
  const routeKinds = ['HTTPRoute', 'TLSRoute', 'GRPCRoute'];
  // Most clusters without Ingresses pay one scan of the routes' annotations, no more.
  if (
    hosts.length === 0 &&
    !routeKinds.some(kind =>
      (snapshot.byKind.get(kind) ?? []).some(migratedFrom),
    )
  ) {
    return routeExposures;
  }
  const routeObjects = new Map(
    routeKinds.flatMap(kind =>
      (snapshot.byKind.get(kind) ?? []).map(
        r =>
          [`${kind}/${r.metadata?.namespace}/${r.metadata?.name}`, r] as const,
      ),
    ),
  );
  const domains = tenantDomains(tenantsOf(snapshot));
  const ingressTenants = groupTenants(hosts, h => h.tenant?.name);
  const routeTenants = groupTenants(routeExposures, e => e.tenant);

  const routes = routeExposures.map(exposure => {
    const route = routeObjects.get(
      `${exposure.route.kind}/${exposure.route.namespace}/${exposure.route.name}`,
    );
    const onIngress = ingressTenants.get(exposure.hostname);
    const migration = migrationState({
      servedByIngress: onIngress !== undefined,
      servedByRoute: true,
      routeMadeFromIngress: route !== undefined && !!migratedFrom(route),
    });
    if (!migration) return exposure;
    const conflict = sharedWithAnotherTenant(
      exposure.hostname,
      exposure.tenant,
      onIngress,
      'an Ingress',
    );
    return {
      ...exposure,
      migration,
      ...(conflict && !exposure.tenancy
        ? {
            tenancy: conflict,
            status: worstStatus([exposure.status, conflict]),
          }
        : {}),
    };
  });

  const certificates = (snapshot.byKind.get('Certificate') ??
    []) as unknown as Certificate[];
  const issuers = [
    ...(snapshot.byKind.get('Issuer') ?? []),
    ...(snapshot.byKind.get('ClusterIssuer') ?? []),
  ] as unknown as Issuer[];
  const ingresses = hosts.map((host): Exposure => {
    const { summary } = host;
    const ingressStatus = servingStatus(summary);
    const certificate = summary.tlsSecretName
      ? certificates.find(
          c =>
            c.metadata?.namespace === summary.namespace &&
            c.spec?.secretName === summary.tlsSecretName,
        )
      : undefined;
    const tls = certificate
      ? summariseTlsOnClock({ certificate, issuers, now })
      : undefined;
    const tenancy =
      tenancyStatus(host.hostname, host.tenant?.name, domains) ??
      sharedWithAnotherTenant(
        host.hostname,
        host.tenant?.name,
        routeTenants.get(host.hostname),
        'a route',
      );
    const statuses = [ingressStatus];
    if (tenancy) statuses.push(tenancy);
    return {
      cluster: host.cluster,
      hostname: host.hostname,
      url: `${summary.tlsSecretName ? 'https' : 'http'}://${host.hostname}/`,
      tenant: host.tenant?.name,
      owner: host.tenant?.ownerGroup,
      entityRef: host.entityRef,
      route: {
        kind: 'Ingress',
        namespace: summary.namespace,
        name: summary.name,
        status: ingressStatus,
        parents: [],
        backends: host.backends,
      },
      gateways: [],
      ...(tls ? { tls } : {}),
      ...(tenancy ? { tenancy } : {}),
      status: worstStatus(statuses),
      source: 'Ingress',
      ingress: summary,
      migration: routeTenants.has(host.hostname) ? 'both' : 'ingress-only',
    };
  });
  return [...routes, ...ingresses];
}

const normalised = (hostname: string) => {
  const n = normaliseHostname(hostname, { allowWildcard: true });
  return n.ok ? n.hostname : hostname;
};

/** Hostname to the tenants (undefined for none) of the things serving it. */
function groupTenants<T>(
  items: Array<T & { hostname: string }>,
  tenantOf: (item: T) => string | undefined,
): Map<string, Set<string | undefined>> {
  const map = new Map<string, Set<string | undefined>>();
  for (const item of items) {
    const key = normalised(item.hostname);
    const set = map.get(key) ?? new Set();
    set.add(tenantOf(item));
    map.set(key, set);
  }
  return map;
}

function sharedWithAnotherTenant(
  hostname: string,
  tenant: string | undefined,
  others: Set<string | undefined> | undefined,
  what: string,
): StatusSummary | undefined {
  const other = [...(others ?? [])].filter(t => t !== tenant);
  if (other.length === 0) return undefined;
  const holder = other[0] === undefined ? 'no tenant' : `tenant "${other[0]}"`;
  return {
    status: 'error',
    reason: 'HostnameSharedByIngressAndRoute',
    summary: `"${hostname}" is also served by ${what} of ${holder}${
      tenant ? `, while this belongs to tenant "${tenant}"` : ''
    }.`,
    hint: hintForMistake('hostnameSharedByIngressAndRoute'),
  };
}

/** Whether a controller serves the Ingress, by the address it published. */
function servingStatus(summary: IngressSummary): StatusSummary {
  const by = `Ingress ${summary.namespace}/${summary.name}${
    summary.ingressClassName ? ` (class ${summary.ingressClassName})` : ''
  }`;
  if (summary.addresses.length > 0) {
    return {
      status: 'ok',
      summary: `Served by ${by} at ${summary.addresses.join(', ')}.`,
    };
  }
  return {
    status: 'pending',
    reason: 'NoAddress',
    summary: `${by} has no address yet: no ingress controller has published one in status.loadBalancer.`,
  };
}
