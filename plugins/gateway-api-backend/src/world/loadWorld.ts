import { KubernetesObject } from '@kubernetes/client-node';
import { ServedHostname } from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { HOSTNAME_KINDS, KindName, ROUTE_KINDS } from '../kubernetes/kinds';
import { statusCodeOf } from '../kubernetes/retry';
import { ingressHosts, IngressObject } from '../ingress/ingressObjects';
import {
  TENANT_NAMESPACE_SELECTOR,
  tenantOfNamespace,
  TenantRecord,
  tenantFromNamespace,
} from '../tenants/tenantFromNamespace';

/** A served hostname, where it is served from. */
export interface ServedHostnameAt extends ServedHostname {
  cluster: string;
  /** `Kind/namespace/name` of the route or Gateway serving it. */
  object: string;
}

/** A kind that can serve hostnames, served by a cluster but not read from it. */
export interface UnreadableKindAt {
  cluster: string;
  kind: string;
  reason: string;
}

/** What the guards compare a request against: every tenant and every served hostname. */
export interface World {
  tenants: TenantRecord[];
  served: ServedHostnameAt[];
  /**
   * Kinds that can serve a hostname and that a cluster serves but could not be read: the
   * hostnames they serve are unknown, and the guards refuse rather than guess. A kind a cluster
   * does not serve is not here: nothing of it exists there.
   */
  unreadable?: UnreadableKindAt[];
  /** Kinds a cluster does not serve, per cluster (nothing of them exists there). */
  unserved?: Array<{ cluster: string; kinds: string[] }>;
}

/** Marks hostnames served outside any tenant; no tenant is called that (names are DNS labels). */
export const NO_TENANT = '(no tenant)';

type WithSpec = KubernetesObject & { spec?: any };
type Lists = Partial<Record<KindName, WithSpec[]>>;

/**
 * Reads the world from every cluster, live rather than from the cache, because a guard must
 * not let a change of a few seconds ago slip through. A hostname served in any cluster counts:
 * the same DNS name for two tenants is a hijack wherever the second one lives. Each kind is
 * read at the version the cluster serves ({@link ServedApis}).
 */
export async function loadWorld(clients: ClusterClient[]): Promise<World> {
  return merge(await Promise.all(clients.map(loadCluster)));
}

async function loadCluster(client: ClusterClient): Promise<World> {
  // Without discovery or the tenants' namespaces nothing can be decided: that fails the call.
  const [served, namespaces] = await Promise.all([
    client.servedApis.current(),
    client.list('v1', 'Namespace', {
      labelSelector: TENANT_NAMESPACE_SELECTOR,
    }),
  ]);
  const lists: Lists = {};
  const unreadable: UnreadableKindAt[] = [];
  const unserved: string[] = [];
  await Promise.all(
    HOSTNAME_KINDS.map(async kind => {
      const at = served.kinds.get(kind);
      if (!at) {
        unserved.push(kind);
        return;
      }
      try {
        lists[kind] = await client.list<WithSpec>(at.apiVersion, kind);
      } catch (error) {
        if (statusCodeOf(error) === 404) {
          // Discovery said served a moment ago; the server says it is gone now.
          client.servedApis.invalidate();
          unserved.push(kind);
        } else {
          unreadable.push({
            cluster: client.name,
            kind,
            reason: (error as Error)?.message ?? String(error),
          });
        }
      }
    }),
  );
  return {
    ...worldOf(client.name, namespaces, lists),
    unreadable,
    unserved: [{ cluster: client.name, kinds: unserved }],
  };
}

/**
 * The world as the watch-fed cache sees it: seconds old at most, and free. Good for advice as
 * a user types (the template's hostname field); the actions load the world live.
 */
export function worldFromCache(cache: GatewayApiCache): World {
  return merge(
    cache.clusters.map(cluster => {
      const snapshot = cache.snapshot(cluster);
      const lists: Lists = {};
      for (const kind of HOSTNAME_KINDS) {
        lists[kind] = (snapshot.byKind.get(kind) ?? []) as WithSpec[];
      }
      const hostnameKind = (kind: string) =>
        (HOSTNAME_KINDS as readonly string[]).includes(kind);
      return {
        ...worldOf(
          cluster,
          (snapshot.byKind.get('Namespace') ?? []) as KubernetesObject[],
          lists,
        ),
        unreadable: (snapshot.unreadable ?? [])
          .filter(u => hostnameKind(u.kind))
          .map(u => ({ cluster, ...u })),
        unserved: [
          {
            cluster,
            kinds: (snapshot.unserved ?? []).filter(hostnameKind),
          },
        ],
      };
    }),
  );
}

function merge(perCluster: World[]): World {
  return {
    tenants: perCluster.flatMap(w => w.tenants),
    served: perCluster.flatMap(w => w.served),
    unreadable: perCluster.flatMap(w => w.unreadable ?? []),
    unserved: perCluster.flatMap(w => w.unserved ?? []),
  };
}

function worldOf(
  cluster: string,
  namespaces: KubernetesObject[],
  lists: Lists,
): World {
  const tenants = namespaces
    .map(ns => tenantFromNamespace(cluster, ns))
    .filter((t): t is TenantRecord => t !== undefined);
  const tenantAt = tenantOfNamespace(tenants);
  const tenantOf = (ns?: string) => tenantAt(ns)?.name;
  const id = (kind: string, o: WithSpec) =>
    `${kind}/${o.metadata?.namespace}/${o.metadata?.name}`;

  const served: ServedHostnameAt[] = [];
  for (const kind of ROUTE_KINDS) {
    for (const route of lists[kind] ?? []) {
      for (const hostname of route.spec?.hostnames ?? []) {
        served.push({
          cluster,
          hostname,
          tenant: tenantOf(route.metadata?.namespace) ?? NO_TENANT,
          object: id(kind, route),
        });
      }
    }
  }
  // Listener hostnames of Gateways and ListenerSets in a tenant's namespaces claim hostnames
  // too. Shared Gateways outside tenants only mirror the routes' hostnames, counted above.
  for (const kind of ['Gateway', 'ListenerSet'] as const) {
    for (const parent of lists[kind] ?? []) {
      const tenant = tenantOf(parent.metadata?.namespace);
      if (!tenant) continue;
      for (const listener of parent.spec?.listeners ?? []) {
        if (!listener.hostname) continue;
        served.push({
          cluster,
          hostname: listener.hostname,
          tenant,
          object: id(kind, parent),
        });
      }
    }
  }
  // A hostname an Ingress serves is taken by the tenant of the Ingress's namespace.
  for (const ingress of (lists.Ingress ?? []) as IngressObject[]) {
    for (const host of ingressHosts(ingress)) {
      served.push({
        cluster,
        hostname: host.hostname,
        tenant: tenantOf(ingress.metadata?.namespace) ?? NO_TENANT,
        object: `Ingress/${ingress.metadata?.namespace}/${ingress.metadata?.name}`,
      });
    }
  }
  return { tenants, served };
}
