import {
  checkHostnameForTenant,
  servedHostnameHolds,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { TenantRecord } from '../tenants/tenantFromNamespace';
import { tenantDomains } from '../tenants/tenantDomains';
import { NO_TENANT, World } from '../world/loadWorld';

/** What a service team asks for when it exposes a service. */
export interface ExposureRequest {
  cluster: string;
  tenant: string;
  hostname: string;
  routeNamespace: string;
  service: { namespace: string; name: string; port: number };
}

export type ExposureVerdict =
  | { ok: true; tenant: TenantRecord; hostname: string }
  | {
      ok: false;
      reason: string;
      holder?: { cluster: string; tenant?: string; object: string };
    };

const refuse = (reason: string): ExposureVerdict => ({ ok: false, reason });

/**
 * The hostname guards, which keep one tenant off another's traffic (also what the template's hostname field checks as the
 * user types): the tenant exists in that cluster; the hostname is valid, normalised and inside
 * the tenant's own domains (not a child's); no other tenant serves an overlapping hostname in
 * any cluster, an ancestor's wildcard over the tenant's own domain aside (the ancestor delegated
 * that domain; see `servedHostnameHolds`).
 */
export function checkHostname(
  request: Pick<ExposureRequest, 'cluster' | 'tenant' | 'hostname'>,
  world: World,
): ExposureVerdict {
  const tenant = world.tenants.find(
    t => t.cluster === request.cluster && t.name === request.tenant,
  );
  if (!tenant) {
    const known = world.tenants
      .filter(t => t.cluster === request.cluster)
      .map(t => t.name);
    return refuse(
      `Tenant "${request.tenant}" does not exist in cluster "${
        request.cluster
      }"${
        known.length ? `; its tenants are ${known.join(', ')}` : ''
      }. Ask the platform team to provision it first.`,
    );
  }
  const clusterTenants = tenantDomains(
    world.tenants.filter(t => t.cluster === request.cluster),
  );
  const inDomain = checkHostnameForTenant(
    request.hostname,
    tenant.name,
    clusterTenants,
  );
  if (!inDomain.ok) return refuse(inDomain.reason);

  // Across every cluster: the same DNS name for two tenants is a hijack wherever it lives. A
  // tenant name means this cluster's tenant only here, so a name served in another cluster
  // holds whoever it is served for (no parent there delegates to a tenant here).
  const holder = world.served.find(served =>
    servedHostnameHolds(
      inDomain.hostname,
      tenant.name,
      served.cluster === request.cluster
        ? served
        : { hostname: served.hostname, tenant: NO_TENANT },
      clusterTenants,
    ),
  );
  if (holder) {
    return {
      ok: false,
      reason: `"${inDomain.hostname}" overlaps "${
        holder.hostname
      }", already served by ${holder.object} in cluster "${
        holder.cluster
      }" for ${
        holder.tenant === NO_TENANT ? 'no tenant' : `tenant "${holder.tenant}"`
      }; pick another hostname, or ask the platform team to move it.`,
      holder: {
        cluster: holder.cluster,
        tenant: holder.tenant === NO_TENANT ? undefined : holder.tenant,
        object: holder.object,
      },
    };
  }
  const blind = unseenHostnames(world);
  if (blind) return refuse(blind(inDomain.hostname));
  return { ok: true, tenant, hostname: inDomain.hostname };
}

/**
 * Whether the guards can see every hostname served anywhere. The rule:
 * - a kind a cluster does not serve (no CRD, or none at a version Gatehouse reads) has no
 *   objects there, so it serves no hostname: nothing to see, nothing to refuse;
 * - a kind a cluster serves but that could not be read (forbidden, failing) may serve the
 *   very hostname asked for, unseen: the guards refuse rather than guess.
 * Any cluster counts, as hostnames are compared across clusters.
 */
function unseenHostnames(
  world: World,
): ((hostname: string) => string) | undefined {
  const unreadable = world.unreadable ?? [];
  if (unreadable.length === 0) return undefined;
  const what = unreadable
    .map(u => `cluster ${u.cluster}: cannot read ${u.kind} (${u.reason})`)
    .join('; ');
  return hostname =>
    `${what.charAt(0).toUpperCase()}${what.slice(
      1,
    )}; Gatehouse cannot tell whether "${hostname}" is already served there for another tenant, so it decides nothing until it can read them; grant the ClusterRole of the Gatehouse README, or try again when the cluster answers.`;
}

/**
 * The guards for one exposure, before any write: those of {@link checkHostname},
 * then the route and the Service live in namespaces the tenant may use, and the port is a port.
 */
export function checkExposure(
  request: ExposureRequest,
  world: World,
): ExposureVerdict {
  const verdict = checkHostname(request, world);
  if (!verdict.ok) return verdict;
  for (const [what, namespace] of [
    ['route', request.routeNamespace],
    ['Service', request.service.namespace],
  ] as const) {
    const refusal = checkTenantNamespace(verdict.tenant, what, namespace);
    if (refusal) return refuse(refusal);
  }
  const { port } = request.service;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return refuse(
      `Port ${port} is not a TCP port; use a number from 1 to 65535.`,
    );
  }
  return verdict;
}

/** Why a tenant may not use a namespace for its `what`, or undefined when it may. */
export function checkTenantNamespace(
  tenant: TenantRecord,
  what: string,
  namespace: string,
): string | undefined {
  const allowed = [tenant.namespace, ...tenant.attachedNamespaces];
  if (allowed.includes(namespace)) return undefined;
  return `The ${what} namespace "${namespace}" is not one of tenant "${
    tenant.name
  }"'s namespaces (${allowed.join(
    ', ',
  )}); use one of them, or ask the platform team to attach "${namespace}" to the tenant.`;
}
