import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  dnsLabelName,
  entityName,
  gatewayApiResourceRef,
  GATEWAY_TENANT_ENTITY,
  TENANT_METADATA,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { ENTITY_ANNOTATIONS } from './entities';

/**
 * What the provider emits for the hostnames of a cluster:
 * - `perHostname`: one Resource of type `hostname` per hostname (its own page, relations to
 *   its Gateways and components);
 * - `perTenant`: one Resource of type `hostnames` per tenant, listing its hostnames in
 *   `spec.hostnames`, with the union of their relations;
 * - `none`: no hostname entities (tenants and Gateways only);
 * - `auto` (the default): `perHostname` while the backend's clusters serve at most
 *   {@link AUTO_MAX_HOSTNAME_ENTITIES} hostnames in all, `perTenant` above.
 * The Hostnames page and the Exposure tab read the plugin's own API and show every hostname
 * whichever is chosen.
 */
export type HostnameEntities = 'perHostname' | 'perTenant' | 'none' | 'auto';

export const HOSTNAME_ENTITIES: readonly HostnameEntities[] = [
  'auto',
  'perHostname',
  'perTenant',
  'none',
];

const CONFIG_KEY = 'catalog.providers.gatewayApi.hostnameEntities';

/**
 * `catalog.providers.gatewayApi.hostnameEntities` (default `auto`), read by the provider and by
 * the REST answers that link to its entities.
 */
export function readHostnameEntities(config: Config): HostnameEntities {
  const shape = (config.getOptionalString(CONFIG_KEY) ??
    'auto') as HostnameEntities;
  if (!HOSTNAME_ENTITIES.includes(shape)) {
    throw new Error(
      `${CONFIG_KEY} is ${shape}; it must be one of ${HOSTNAME_ENTITIES.join(
        ', ',
      )}`,
    );
  }
  return shape;
}

/**
 * Above this many hostnames, `auto` groups them per tenant. The catalog processes and stitches
 * some tens of entities a second on two shared cores (bench:catalog), and by default processes
 * every entity again every 100 to 150 seconds: past about ten thousand it never catches up.
 */
export const AUTO_MAX_HOSTNAME_ENTITIES = 10_000;

const ROUTE_KINDS = ['HTTPRoute', 'TLSRoute', 'GRPCRoute'];

/** The shape `auto` stands for, given every cluster's snapshot. */
export function resolveHostnameEntities(
  shape: HostnameEntities,
  snapshots: () => ClusterSnapshot[],
): Exclude<HostnameEntities, 'auto'> {
  if (shape !== 'auto') return shape;
  let hostnames = 0;
  for (const snapshot of snapshots()) {
    for (const kind of ROUTE_KINDS) {
      for (const route of snapshot.byKind.get(kind) ?? []) {
        hostnames +=
          (route as { spec?: { hostnames?: unknown[] } }).spec?.hostnames
            ?.length ?? 0;
      }
    }
  }
  return hostnames > AUTO_MAX_HOSTNAME_ENTITIES ? 'perTenant' : 'perHostname';
}

/** `spec.type` of a tenant's group of hostnames (`perTenant`). */
export const HOSTNAME_GROUP_TYPE = 'hostnames';

/** The name of a tenant's group of hostnames (`perTenant`); `''` for no tenant. */
export const hostnameGroupName = (tenant: string) =>
  entityName('hostnames', tenant);

/**
 * The ref of the catalog entity that holds a hostname of a cluster in the shape in effect:
 * its own entity (`perHostname`), its tenant's group (`perTenant`), or none (`none`). The
 * provider names its entities this way, and the REST answers link to them with it.
 */
export function hostnameCatalogEntityRef(
  shape: Exclude<HostnameEntities, 'auto'>,
  cluster: string,
  hostname: string,
  tenant: string | undefined,
): string | undefined {
  if (shape === 'none') return undefined;
  if (shape === 'perHostname') return gatewayApiResourceRef(cluster, hostname);
  return `resource:${dnsLabelName(cluster)}/${hostnameGroupName(tenant ?? '')}`;
}

const isHostname = (e: Entity) => e.spec?.type === 'hostname';
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * The provider's entities with their hostname entities shaped as `shape` says. Groups are
 * named `hostnames-<tenant>-<hash>` (hostnames outside any tenant: `hostnames-<hash>`), so no
 * tenant, Gateway or hostname entity can take the name.
 */
export function shapeHostnameEntities(
  entities: Entity[],
  shape: Exclude<HostnameEntities, 'auto'>,
): Entity[] {
  if (shape === 'perHostname') return entities;
  const others = entities.filter(e => !isHostname(e));
  if (shape === 'none') return others;

  const byTenant = new Map<string, Entity[]>();
  for (const entity of entities.filter(isHostname)) {
    const tenant = entity.metadata.labels?.[TENANT_METADATA.tenant] ?? '';
    const members = byTenant.get(tenant) ?? [];
    members.push(entity);
    byTenant.set(tenant, members);
  }
  const tenantRefs = new Map(
    others
      .filter(e => e.spec?.type === GATEWAY_TENANT_ENTITY.type)
      .map(e => [
        e.metadata.labels?.[TENANT_METADATA.tenant],
        `resource:${e.metadata.namespace}/${e.metadata.name}`,
      ]),
  );
  const groups = [...byTenant].map(([tenant, members]): Entity => {
    const first = members[0];
    const annotations = first.metadata.annotations ?? {};
    const hostnames = sorted(members.map(e => e.metadata.title!));
    const tenantRef = tenant ? tenantRefs.get(tenant) : undefined;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: hostnameGroupName(tenant),
        namespace: first.metadata.namespace,
        title: tenant ? `Hostnames of ${tenant}` : 'Hostnames of no tenant',
        description: `${hostnames.length} hostname${
          hostnames.length === 1 ? '' : 's'
        } in cluster ${annotations[ENTITY_ANNOTATIONS.cluster]}`,
        // Location and cluster as on each hostname; the objects behind them are left out (a
        // tenant's list of routes is longer than an annotation should be).
        annotations: {
          ...Object.fromEntries(
            Object.entries(annotations).filter(
              ([k]) =>
                k.startsWith('backstage.io/managed-by') ||
                k === ENTITY_ANNOTATIONS.cluster,
            ),
          ),
          ...(tenantRef ? { [ENTITY_ANNOTATIONS.partOf]: tenantRef } : {}),
        },
        ...(tenant ? { labels: { [TENANT_METADATA.tenant]: tenant } } : {}),
      },
      spec: {
        type: HOSTNAME_GROUP_TYPE,
        owner: first.spec!.owner,
        hostnames,
        dependsOn: sorted(
          members.flatMap(e => (e.spec!.dependsOn as string[]) ?? []),
        ),
        dependencyOf: sorted(
          members.flatMap(e => (e.spec!.dependencyOf as string[]) ?? []),
        ),
      },
    };
  });
  return [...others, ...groups];
}
