import { KubernetesObject } from '@kubernetes/client-node';
import {
  TENANT_METADATA,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayLayout, TenantSpec } from '../manifests/types';

/**
 * A tenant as its namespace records it: the one truth kubectl and the portal share. The REST
 * API's {@link TenantSummary} is this without the spec, plus what the caller may do.
 */
export interface TenantRecord
  extends Omit<TenantSummary, 'layout' | 'canExpose'> {
  layout?: GatewayLayout;
  /** The provisioned spec; absent for a namespace labelled by hand. */
  spec?: TenantSpec;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

const LAYOUTS: GatewayLayout[] = [
  'dedicated',
  'tenant-shared',
  'cluster-shared',
];

/**
 * Reads a tenant from its namespace, or undefined for a namespace that is not a tenant's
 * (no tenant label or no owner group).
 */
export function tenantFromNamespace(
  cluster: string,
  namespace: KubernetesObject,
): TenantRecord | undefined {
  const labels = namespace.metadata?.labels ?? {};
  const annotations = namespace.metadata?.annotations ?? {};
  const name = labels[TENANT_METADATA.tenant];
  const ownerGroup = annotations[TENANT_METADATA.ownerGroup];
  if (!name || !ownerGroup || !namespace.metadata?.name) return undefined;
  const layout = labels[TENANT_METADATA.layout] as GatewayLayout | undefined;
  return {
    cluster,
    name,
    namespace: namespace.metadata.name,
    ownerGroup,
    domains: list(annotations[TENANT_METADATA.domains]),
    attachedNamespaces: list(annotations[TENANT_METADATA.attachedNamespaces]),
    parentTenant: labels[TENANT_METADATA.parentTenant],
    layout: layout && LAYOUTS.includes(layout) ? layout : undefined,
    spec: parseSpec(annotations[TENANT_METADATA.spec]),
  };
}

function parseSpec(value: string | undefined): TenantSpec | undefined {
  if (!value) return undefined;
  try {
    const spec = JSON.parse(value);
    return typeof spec === 'object' && spec !== null && spec.layout
      ? spec
      : undefined;
  } catch {
    return undefined;
  }
}

/** The tenant whose namespace (own, or attached to it) a namespace is; the first one wins. */
export function tenantOfNamespace(tenants: TenantRecord[]) {
  const byNamespace = new Map<string, TenantRecord>();
  for (const tenant of tenants) {
    for (const ns of [tenant.namespace, ...tenant.attachedNamespaces]) {
      if (!byNamespace.has(ns)) byNamespace.set(ns, tenant);
    }
  }
  return (namespace?: string) =>
    namespace ? byNamespace.get(namespace) : undefined;
}

/** The label selector of tenant namespaces. */
export const TENANT_NAMESPACE_SELECTOR = TENANT_METADATA.tenant;
