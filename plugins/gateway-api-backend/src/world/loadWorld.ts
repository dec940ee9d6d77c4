import { KubernetesObject } from '@kubernetes/client-node';
import {
  ServedHostname,
  TenantDomains,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  TENANT_NAMESPACE_SELECTOR,
  tenantOfNamespace,
  TenantRecord,
  tenantFromNamespace,
} from '../tenants/tenantFromNamespace';

/** Routes whose hostnames count as served. TLSRoute is read at v1alpha2 like the cache. */
const ROUTE_KINDS = [
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute' },
  { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TLSRoute' },
];

/** A served hostname, where it is served from. */
export interface ServedHostnameAt extends ServedHostname {
  cluster: string;
  /** `Kind/namespace/name` of the route or Gateway serving it. */
  object: string;
}

/** What the guards compare a request against: every tenant and every served hostname. */
export interface World {
  tenants: TenantRecord[];
  served: ServedHostnameAt[];
}

/** Marks hostnames served outside any tenant; no tenant is called that (names are DNS labels). */
export const NO_TENANT = '(no tenant)';

type WithSpec = KubernetesObject & { spec?: any };

/**
 * Reads the world from every cluster, live rather than from the cache, because a guard must
 * not let a change of a few seconds ago slip through. A hostname served in any cluster counts:
 * the same DNS name for two tenants is a hijack wherever the second one lives.
 */
export async function loadWorld(clients: ClusterClient[]): Promise<World> {
  const perCluster = await Promise.all(clients.map(loadCluster));
  return {
    tenants: perCluster.flatMap(w => w.tenants),
    served: perCluster.flatMap(w => w.served),
  };
}

async function loadCluster(client: ClusterClient): Promise<World> {
  const [namespaces, gateways, ...routeLists] = await Promise.all([
    client.list('v1', 'Namespace', {
      labelSelector: TENANT_NAMESPACE_SELECTOR,
    }),
    client.list<WithSpec>('gateway.networking.k8s.io/v1', 'Gateway'),
    ...ROUTE_KINDS.map(k =>
      client.list<WithSpec>(k.apiVersion, k.kind).catch(notServed),
    ),
  ]);
  return worldOf(client.name, {
    namespaces,
    gateways,
    routes: ROUTE_KINDS.map((k, i) => [k.kind, routeLists[i]]),
  });
}

/**
 * The world as the watch-fed cache sees it: seconds old at most, and free. Good for advice as
 * a user types (the template's hostname field); the actions load the world live.
 */
export function worldFromCache(cache: GatewayApiCache): World {
  const perCluster = cache.clusters.map(cluster => {
    const { byKind } = cache.snapshot(cluster);
    const of = (kind: string) => (byKind.get(kind) ?? []) as WithSpec[];
    return worldOf(cluster, {
      namespaces: of('Namespace'),
      gateways: of('Gateway'),
      routes: ROUTE_KINDS.map(k => [k.kind, of(k.kind)]),
    });
  });
  return {
    tenants: perCluster.flatMap(w => w.tenants),
    served: perCluster.flatMap(w => w.served),
  };
}

function worldOf(
  cluster: string,
  objects: {
    namespaces: KubernetesObject[];
    gateways: WithSpec[];
    routes: Array<[string, WithSpec[]]>;
  },
): World {
  const tenants = objects.namespaces
    .map(ns => tenantFromNamespace(cluster, ns))
    .filter((t): t is TenantRecord => t !== undefined);
  const tenantAt = tenantOfNamespace(tenants);
  const tenantOf = (ns?: string) => tenantAt(ns)?.name;

  const served: ServedHostnameAt[] = [];
  for (const [kind, routes] of objects.routes) {
    for (const route of routes) {
      for (const hostname of route.spec?.hostnames ?? []) {
        served.push({
          cluster,
          hostname,
          tenant: tenantOf(route.metadata?.namespace) ?? NO_TENANT,
          object: `${kind}/${route.metadata?.namespace}/${route.metadata?.name}`,
        });
      }
    }
  }
  // Listener hostnames of Gateways in a tenant's namespaces claim hostnames too. Shared
  // Gateways outside tenants only mirror the routes' hostnames, which are counted above.
  for (const gateway of objects.gateways) {
    const tenant = tenantOf(gateway.metadata?.namespace);
    if (!tenant) continue;
    for (const listener of gateway.spec?.listeners ?? []) {
      if (!listener.hostname) continue;
      served.push({
        cluster,
        hostname: listener.hostname,
        tenant,
        object: `Gateway/${gateway.metadata?.namespace}/${gateway.metadata?.name}`,
      });
    }
  }
  return { tenants, served };
}

/** A kind whose CRD is not installed has no objects. */
function notServed(error: { code?: number }): WithSpec[] {
  if (error?.code === 404) return [];
  throw error;
}

/** Tenants as the domain core's guards take them. */
export function tenantDomains(tenants: TenantRecord[]): TenantDomains[] {
  return tenants.map(t => ({
    name: t.name,
    domains: t.domains,
    parent: t.parentTenant,
    namespace: t.namespace,
    // Only a provisioned tenant may; a namespace labelled by hand gets exact names.
    allowWildcards: t.spec?.allowWildcards === true,
  }));
}
