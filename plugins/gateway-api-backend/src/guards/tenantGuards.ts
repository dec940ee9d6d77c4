import {
  checkAttachedNamespaces,
  checkTenantDomains,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { tenantDomains } from '../tenants/tenantDomains';
import { World } from '../world/loadWorld';

/** What a platform team asks for when it provisions (or changes) a tenant. */
export interface TenantRequest {
  cluster: string;
  name: string;
  namespace: string;
  domains: string[];
  parentTenant?: string;
  attachedNamespaces: string[];
}

export type TenantVerdict =
  | { ok: true; domains: string[]; attachedNamespaces: string[] }
  | { ok: false; reason: string };

/**
 * The tenancy guards for a tenant, before any write: its domains are valid and claimed by
 * no other tenant in any cluster (a child's lie inside its parent's), and its attached
 * namespaces are neither another tenant's namespace nor attached to another tenant already.
 */
export function checkTenant(
  request: TenantRequest,
  world: World,
): TenantVerdict {
  // Domains are compared across clusters: one DNS domain, one owner.
  const others = world.tenants.filter(
    t => !(t.cluster === request.cluster && t.name === request.name),
  );
  const parent = world.tenants.find(
    t => t.cluster === request.cluster && t.name === request.parentTenant,
  );
  const domains = checkTenantDomains(
    {
      name: request.name,
      domains: request.domains,
      parent: request.parentTenant,
      namespace: request.namespace,
    },
    // A same-named tenant of another cluster is another tenant: key others by cluster too.
    tenantDomains(others).map((t, i) =>
      others[i].cluster === request.cluster || others[i] === parent
        ? t
        : { ...t, name: `${others[i].cluster}/${t.name}` },
    ),
  );
  if (!domains.ok) return domains;

  const sameCluster = world.tenants.filter(t => t.cluster === request.cluster);
  const attached = checkAttachedNamespaces(
    request.name,
    request.attachedNamespaces,
    tenantDomains(sameCluster),
  );
  if (!attached.ok) return attached;
  for (const namespace of attached.namespaces) {
    const holder = sameCluster.find(
      t => t.name !== request.name && t.attachedNamespaces.includes(namespace),
    );
    if (holder) {
      return {
        ok: false,
        reason: `Namespace "${namespace}" is already attached to tenant "${holder.name}"; a namespace routes through one tenant's gateways only, so remove it from the list or detach it from "${holder.name}" first.`,
      };
    }
  }
  return {
    ok: true,
    domains: domains.domains,
    attachedNamespaces: attached.namespaces,
  };
}
