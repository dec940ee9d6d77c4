import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  dnsLabelName,
  entityName,
  GATEWAY_API_ANNOTATIONS,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { TENANT_METADATA } from '../manifests/metadata';
import { ingressHostnames, migratedFrom } from './ingressInventory';

/** Annotations on a hostname entity that an Ingress serves. */
export const INGRESS_ENTITY_ANNOTATIONS = {
  /** `Ingress` while an Ingress serves the hostname. */
  source: 'gateway-api.gatehouse.dev/source',
  ingressClass: 'gateway-api.gatehouse.dev/ingress-class',
  ingressTlsSecret: 'gateway-api.gatehouse.dev/ingress-tls-secret',
  /** `ingress-only`, `both` or `moved`. */
  migration: 'gateway-api.gatehouse.dev/ingress-migration',
} as const;

const OBJECTS = 'gateway-api.gatehouse.dev/objects';

/**
 * The provider's hostname entities, with what Ingresses add: a hostname only an Ingress serves
 * gets an entity of its own (owner: the tenant of the Ingress's namespace), and one a route
 * serves too names the Ingress beside the route. Hostnames moved from an Ingress say so.
 */
export function withIngressHostnameEntities(
  snapshot: ClusterSnapshot,
  entities: Entity[],
  options: { defaultOwner: string; location: string },
): Entity[] {
  const hosts = ingressHostnames(snapshot);
  const moved = new Set(
    ['HTTPRoute', 'TLSRoute', 'GRPCRoute'].flatMap(kind =>
      (snapshot.byKind.get(kind) ?? [])
        .filter(migratedFrom)
        .flatMap(r => ((r as any).spec?.hostnames ?? []) as string[]),
    ),
  );
  if (hosts.length === 0 && moved.size === 0) return entities;

  const namespace = dnsLabelName(snapshot.cluster);
  const byName = new Map(
    entities
      .filter(e => e.spec?.type === 'hostname')
      .map(e => [e.metadata.name, e]),
  );
  const result = [...entities];
  for (const host of hosts) {
    const name = entityName(host.hostname);
    const { summary } = host;
    const ingressAnnotations = {
      [INGRESS_ENTITY_ANNOTATIONS.source]: 'Ingress',
      ...(summary.ingressClassName
        ? {
            [INGRESS_ENTITY_ANNOTATIONS.ingressClass]: summary.ingressClassName,
          }
        : {}),
      ...(summary.tlsSecretName
        ? {
            [INGRESS_ENTITY_ANNOTATIONS.ingressTlsSecret]:
              summary.tlsSecretName,
          }
        : {}),
    };
    const object = `Ingress/${summary.namespace}/${summary.name}`;
    const existing = byName.get(name);
    if (existing) {
      // A route serves it as well: one entity, naming both.
      const merged: Entity = {
        ...existing,
        metadata: {
          ...existing.metadata,
          annotations: {
            ...existing.metadata.annotations,
            ...ingressAnnotations,
            [INGRESS_ENTITY_ANNOTATIONS.migration]: 'both',
            [OBJECTS]: [existing.metadata.annotations?.[OBJECTS], object]
              .filter(Boolean)
              .join(','),
          },
        },
      };
      result[result.indexOf(existing)] = merged;
      byName.set(name, merged);
      continue;
    }
    const kubernetesId =
      host.ingress.metadata?.labels?.[GATEWAY_API_ANNOTATIONS.kubernetesId];
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        namespace,
        title: host.hostname,
        description: `Served by ${object}${
          summary.ingressClassName
            ? ` (IngressClass ${summary.ingressClassName})`
            : ''
        }`,
        annotations: {
          [ANNOTATION_LOCATION]: options.location,
          [ANNOTATION_ORIGIN_LOCATION]: options.location,
          [GATEWAY_API_ANNOTATIONS.cluster]: snapshot.cluster,
          [OBJECTS]: object,
          ...ingressAnnotations,
          [INGRESS_ENTITY_ANNOTATIONS.migration]: 'ingress-only',
          ...(kubernetesId
            ? { [GATEWAY_API_ANNOTATIONS.kubernetesId]: kubernetesId }
            : {}),
          'backstage.io/kubernetes-namespace': summary.namespace,
        },
        ...(host.tenant
          ? { labels: { [TENANT_METADATA.tenant]: host.tenant.name } }
          : {}),
        links: host.hostname.startsWith('*.')
          ? []
          : [
              {
                url: `${summary.tlsSecretName ? 'https' : 'http'}://${
                  host.hostname
                }`,
                title: host.hostname,
              },
            ],
      },
      spec: {
        type: 'hostname',
        owner: host.tenant?.ownerGroup ?? options.defaultOwner,
        dependsOn: [],
        dependencyOf: host.entityRef ? [host.entityRef] : [],
      },
    };
    result.push(entity);
    byName.set(name, entity);
  }
  // A route made from an Ingress that no longer serves the name: moved.
  for (const hostname of moved) {
    const entity = byName.get(entityName(hostname));
    if (
      !entity ||
      entity.metadata.annotations?.[INGRESS_ENTITY_ANNOTATIONS.migration]
    ) {
      continue;
    }
    const updated: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [INGRESS_ENTITY_ANNOTATIONS.migration]: 'moved',
        },
      },
    };
    result[result.indexOf(entity)] = updated;
  }
  return result;
}
