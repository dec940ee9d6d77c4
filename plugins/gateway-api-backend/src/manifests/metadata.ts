import {
  GATEWAY_API_GROUP,
  isSubdomainOf,
  NAMESPACE_NAME_LABEL,
  TENANT_METADATA,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject, TenantSpec } from './types';

// The builders' one import point for the contract they write; defined once, in common.
export { GATEWAY_API_GROUP, NAMESPACE_NAME_LABEL, TENANT_METADATA };

/** Records which exposed hostname(s) need an object, so unexpose removes only what one hostname alone needed. */
export const HOSTNAMES_ANNOTATION = 'gateway-api.gatehouse.dev/hostnames';

export const MANAGED_BY_LABELS = {
  'app.kubernetes.io/managed-by': 'gatehouse',
} as const;

export { ENVOY_GATEWAY_CONTROLLER } from './implementations/envoyGateway';

/**
 * On the Namespaces whose routes may attach to the cluster-shared Gateway's `http` listener (port
 * 80: the HTTPS redirect and cert-manager's HTTP-01 solver routes): the shared Gateway's own
 * namespace and the cluster-shared tenant namespaces. Like every `gateway-api.gatehouse.dev/`
 * label, only the platform may set it (the `gatehouse-tenant-metadata` guard policy).
 */
export const SHARED_HTTP_LABEL = 'gateway-api.gatehouse.dev/shared-http';

/**
 * On each attached namespace: the tenant it is attached to. A guard policy sees one Namespace per
 * request, the request's, and a child tenant's route in an attached namespace would otherwise be
 * refused by its parent's param, which cannot tell whose the namespace is. Like every
 * `gateway-api.gatehouse.dev/` label, only the platform may set it (`gatehouse-tenant-metadata`).
 * Not the tenant label: that one marks a tenant namespace, the guard policies' params.
 */
export const ATTACHED_TO_LABEL = 'gateway-api.gatehouse.dev/attached-to';

/** Metadata of an object the platform keeps for the tenant as a whole. */
export function tenantObjectMeta(
  tenant: TenantSpec,
  name: string,
  namespace?: string,
): KubernetesObject['metadata'] {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    labels: { ...MANAGED_BY_LABELS, [TENANT_METADATA.tenant]: tenant.name },
  };
}

/** Metadata of an object that exists only because these hostnames are exposed. */
export function exposureObjectMeta(
  tenant: TenantSpec,
  hostname: string,
  name: string,
  namespace: string,
): KubernetesObject['metadata'] {
  return {
    ...tenantObjectMeta(tenant, name, namespace),
    annotations: { [HOSTNAMES_ANNOTATION]: hostname },
  };
}

/**
 * A child tenant's ancestors as its namespace records them (`TENANT_METADATA.ancestors`): the
 * guard policies let its domains overlap those tenants' alone.
 */
function ancestorsAnnotation(tenant: TenantSpec): Record<string, string> {
  if (!tenant.parentTenant) return {};
  const ancestors = tenant.ancestorTenants ?? [tenant.parentTenant];
  return { [TENANT_METADATA.ancestors]: ancestors.join(',') };
}

/** The tenant Namespace object carrying the tenant's state (its name is common's `tenantNamespace`). */
export function tenantNamespaceObject(tenant: TenantSpec): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: tenant.namespace,
      labels: {
        ...MANAGED_BY_LABELS,
        [TENANT_METADATA.tenant]: tenant.name,
        [TENANT_METADATA.layout]: tenant.layout,
        ...(tenant.parentTenant
          ? { [TENANT_METADATA.parentTenant]: tenant.parentTenant }
          : {}),
      },
      annotations: {
        [TENANT_METADATA.domains]: tenant.domains.join(','),
        [TENANT_METADATA.ownerGroup]: tenant.ownerGroup,
        [TENANT_METADATA.attachedNamespaces]:
          tenant.attachedNamespaces.join(','),
        ...ancestorsAnnotation(tenant),
        [TENANT_METADATA.spec]: JSON.stringify(tenant),
      },
    },
  };
}

/**
 * The Namespace patches that label each attached namespace with its tenant and the tenant's
 * domains (the tenant namespace's annotation, written by the same apply), so the guard policies
 * leave a child's own names from its attached namespaces to the child's param.
 */
export function attachedNamespaceObjects(
  tenant: TenantSpec,
): KubernetesObject[] {
  return tenant.attachedNamespaces.map(name => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { ...MANAGED_BY_LABELS, [ATTACHED_TO_LABEL]: tenant.name },
      annotations: { [TENANT_METADATA.domains]: tenant.domains.join(',') },
    },
  }));
}

/**
 * The bare Namespaces that take the attached-to label and the domains back from the namespaces a
 * tenant no longer attaches: applied under the field manager that wrote them, server-side apply
 * drops exactly those fields. A label left behind would outlive the tenant's domains.
 */
export function detachedNamespaceObjects(
  tenant: TenantSpec,
  previouslyAttached: string[],
): KubernetesObject[] {
  return previouslyAttached
    .filter(name => !tenant.attachedNamespaces.includes(name))
    .map(name => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
}

/** Namespaces allowed to attach routes to a tenant's Gateways: its own plus the attached ones. */
function routeNamespaces(tenant: TenantSpec): string[] {
  return [tenant.namespace, ...tenant.attachedNamespaces];
}

/** allowedRoutes pinned to a whitelist of namespace names, a label only kube-apiserver writes. */
export function allowedRoutesByNamespaceName(tenant: TenantSpec) {
  return {
    namespaces: {
      from: 'Selector',
      selector: {
        matchExpressions: [
          {
            key: NAMESPACE_NAME_LABEL,
            operator: 'In',
            values: routeNamespaces(tenant),
          },
        ],
      },
    },
  };
}

/** The domain of the tenant that contains a hostname (the most specific one). */
export function containingDomain(
  tenant: TenantSpec,
  hostname: string,
): string | undefined {
  const bare = hostname.replace(/^\*\./, '');
  return tenant.domains
    .filter(domain => isSubdomainOf(bare, domain))
    .sort((a, b) => b.length - a.length)[0];
}
