import {
  hintForMistake,
  StatusSummary,
  tenantAncestors,
  TENANT_METADATA,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { TenantSpec } from '../manifests/types';
import {
  ATTACHED_TO_LABEL,
  attachedNamespaceObjects,
  tenantNamespaceObject,
} from '../manifests/metadata';
import { tenantDomains } from './tenantDomains';
import { TenantRecord } from './tenantFromNamespace';

type Metadata = {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
/** A Namespace as the cache or the API server gives it. */
type NamespaceObject = { metadata?: Metadata & { name?: string } };

/**
 * The spec provisioning would write for a tenant today from its stored one: the ancestor chain
 * is read anew from the cluster's tenants, as provisioning does.
 */
export function currentSpec(
  spec: TenantSpec,
  clusterTenants: TenantRecord[],
): TenantSpec {
  const { ancestorTenants: _stored, ...rest } = spec;
  if (!spec.parentTenant) return rest;
  return {
    ...rest,
    ancestorTenants: tenantAncestors(
      { name: spec.name, parent: spec.parentTenant },
      tenantDomains(clusterTenants),
    ),
  };
}

/** Each label and annotation of `expected` that `actual` lacks or holds with another value. */
function differences(
  namespace: string,
  actual: Metadata | undefined,
  expected: Metadata,
  skip: string[] = [],
): string[] {
  const found: string[] = [];
  for (const field of ['labels', 'annotations'] as const) {
    const noun = field === 'labels' ? 'label' : 'annotation';
    for (const [key, value] of Object.entries(expected[field] ?? {})) {
      if (skip.includes(key)) continue;
      const has = actual?.[field]?.[key];
      if (has === undefined) {
        found.push(
          `namespace ${namespace} lacks the ${noun} ${key}="${value}"`,
        );
      } else if (has !== value) {
        found.push(
          `namespace ${namespace} has the ${noun} ${key}="${has}", where provisioning writes "${value}"`,
        );
      }
    }
  }
  return found;
}

/**
 * How a provisioned tenant's namespaces differ from what provisioning writes today from its
 * stored spec (the tenant namespace's labels and annotations, each attached namespace's
 * attached-to label and domains), and namespaces still labelled attached to it that it no longer
 * lists; empty when they agree, or when the tenant has no stored spec to compare with. The one
 * rule behind the tenant card's finding and the refresh action's "behind".
 */
export function tenantMetadataDrift(
  tenant: TenantRecord,
  clusterTenants: TenantRecord[],
  namespaces: NamespaceObject[],
): string[] {
  if (!tenant.spec) return [];
  const spec = currentSpec(tenant.spec, clusterTenants);
  const byName = new Map(namespaces.map(ns => [ns.metadata?.name, ns]));
  const found: string[] = [];
  const own = tenantNamespaceObject(spec);
  found.push(
    ...differences(
      spec.namespace,
      byName.get(spec.namespace)?.metadata,
      own.metadata,
      // The stored spec itself is what the others are compared from.
      [TENANT_METADATA.spec],
    ),
  );
  for (const attached of attachedNamespaceObjects(spec)) {
    const name = attached.metadata.name;
    const actual = byName.get(name);
    if (!actual) {
      found.push(`attached namespace ${name} does not exist`);
      continue;
    }
    found.push(...differences(name, actual.metadata, attached.metadata));
  }
  for (const name of stillLabelledAttached(spec, namespaces)) {
    found.push(
      `namespace ${name} is still labelled ${ATTACHED_TO_LABEL}=${spec.name}, which no longer attaches it`,
    );
  }
  return found;
}

/** Namespaces labelled attached to the tenant that it no longer attaches. */
export function stillLabelledAttached(
  spec: Pick<TenantSpec, 'name' | 'attachedNamespaces'>,
  namespaces: NamespaceObject[],
): string[] {
  return namespaces
    .filter(
      ns =>
        ns.metadata?.labels?.[ATTACHED_TO_LABEL] === spec.name &&
        !spec.attachedNamespaces.includes(ns.metadata?.name ?? ''),
    )
    .map(ns => ns.metadata?.name ?? '');
}

/** The tenant card's finding for {@link tenantMetadataDrift}, or undefined when up to date. */
export function tenantMetadataFinding(
  drift: string[],
): StatusSummary | undefined {
  if (drift.length === 0) return undefined;
  return {
    status: 'warning',
    summary: `Provisioned by an older Gatehouse: refresh it. ${drift
      .map(d => d[0].toUpperCase() + d.slice(1))
      .join('. ')}.`,
    mistake: 'tenantMetadataOutOfDate',
    hint: hintForMistake('tenantMetadataOutOfDate'),
  };
}
