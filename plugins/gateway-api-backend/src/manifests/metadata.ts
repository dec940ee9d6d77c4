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
        [TENANT_METADATA.spec]: JSON.stringify(tenant),
      },
    },
  };
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
