import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { KubernetesObject } from '@kubernetes/client-node';
import {
  dnsLabelName,
  entityName,
  GATEWAY_API_ANNOTATIONS,
  GATEWAY_TENANT_ENTITY,
  Gateway,
  gatewayAllowsListenerSet,
  gatewayApiResourceRef,
  ListenerSet,
  listenerSetNamesGateway,
  Route,
  listenerSetParentRef,
  TENANT_METADATA,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { routeEntityRef } from '../exposures/routeEntityRef';
import { normalisedRouteHostnames } from '../exposures/routeHostnames';
import {
  declaresNoHostnames,
  predictRouteAttachments,
  servedRouteHostnames,
} from '../exposures/routeAttachments';
import { ROUTE_KINDS } from '../kubernetes/kinds';
import { isAcmeSolverRoute } from '../exposures/acmeSolverRoute';
import { ByName } from '../exposures/listenerSetHop';
import { withIngressHostnameEntities } from '../ingress/ingressEntities';
import {
  TenantRecord,
  tenantFromNamespace,
  tenantOfNamespace,
} from '../tenants/tenantFromNamespace';

/** Annotations on the entities this provider emits, locating their Kubernetes objects. */
export const ENTITY_ANNOTATIONS = {
  cluster: GATEWAY_API_ANNOTATIONS.cluster,
  /** `Kind/namespace/name` of every object behind the entity, comma-separated. */
  objects: 'gateway-api.gatehouse.dev/objects',
  /** Entity ref this entity is part of (gateway -> tenant, tenant -> parent tenant). */
  partOf: 'gateway-api.gatehouse.dev/part-of',
  domains: TENANT_METADATA.domains,
  layout: TENANT_METADATA.layout,
} as const;

export interface EntityBuildOptions {
  /** Owner of objects that belong to no tenant (a cluster-shared Gateway, say). */
  defaultOwner: string;
  /** The provider's location key, e.g. `gateway-api-provider:dev-cluster`. */
  location: string;
}

type Obj = KubernetesObject & { spec?: any; status?: any };

const objectId = (o: Obj) =>
  `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/**
 * Turns what the cache knows of one cluster into catalog entities: a Resource per tenant
 * (`gateway-tenant`), per Gateway (`gateway`) and per hostname (`hostname`), in a catalog
 * namespace named after the cluster so the same names in two clusters never collide.
 * Pure, so the full and delta mutations share it and tests need no cluster. A malformed
 * object is skipped and reported through `onSkip`; it never stops the rest.
 */
export function entitiesFromSnapshot(
  snapshot: ClusterSnapshot,
  options: EntityBuildOptions,
  onSkip: (object: string, reason: string) => void = () => {},
): Entity[] {
  const namespace = dnsLabelName(snapshot.cluster);
  const tenants = (snapshot.byKind.get('Namespace') ?? [])
    .map(ns => tenantFromNamespace(snapshot.cluster, ns))
    .filter((t): t is TenantRecord => t !== undefined);
  const tenantAt = tenantOfNamespace(tenants);
  const tenantRef = (tenant: TenantRecord) =>
    gatewayApiResourceRef(snapshot.cluster, tenant.name);
  const ownerOf = (ns?: string) =>
    (ns && tenantAt(ns)?.ownerGroup) || options.defaultOwner;
  // A Gateway's entity is named after `<namespace>.<name>`: Gateways of two namespaces may
  // share a name.
  const gatewayObjectName = (ns: string, name: string) => `${ns}.${name}`;

  const metadataFor = (objects: string[], extra: Record<string, string>) => ({
    namespace,
    annotations: {
      [ANNOTATION_LOCATION]: options.location,
      [ANNOTATION_ORIGIN_LOCATION]: options.location,
      [ENTITY_ANNOTATIONS.cluster]: snapshot.cluster,
      [ENTITY_ANNOTATIONS.objects]: objects.join(','),
      ...extra,
    },
  });

  const entities: Entity[] = [];
  // Empty where the cluster does not serve ListenerSets.
  const listenerSets = (snapshot.byKind.get('ListenerSet') ??
    []) as ListenerSet[];
  const listenerSetsByName = new ByName(listenerSets);
  const namespaceLabels = (ns: string) =>
    (snapshot.byKind.get('Namespace') ?? []).find(n => n.metadata?.name === ns)
      ?.metadata?.labels;

  for (const tenant of tenants) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: entityName(tenant.name),
        title: tenant.name,
        description: `Gateway tenant owning ${
          tenant.domains.join(', ') || 'no domain yet'
        }`,
        ...metadataFor([`Namespace//${tenant.namespace}`], {
          [ENTITY_ANNOTATIONS.domains]: tenant.domains.join(','),
          ...(tenant.layout
            ? { [ENTITY_ANNOTATIONS.layout]: tenant.layout }
            : {}),
          ...(tenant.parentTenant
            ? {
                [ENTITY_ANNOTATIONS.partOf]: gatewayApiResourceRef(
                  snapshot.cluster,
                  tenant.parentTenant,
                ),
              }
            : {}),
          'backstage.io/kubernetes-namespace': tenant.namespace,
        }),
        labels: { [TENANT_METADATA.tenant]: tenant.name },
      },
      spec: { type: GATEWAY_TENANT_ENTITY.type, owner: tenant.ownerGroup },
    });
  }

  for (const gateway of (snapshot.byKind.get('Gateway') ?? []) as Obj[]) {
    const ns = gateway.metadata?.namespace;
    const name = gateway.metadata?.name;
    if (!ns || !name || !Array.isArray(gateway.spec?.listeners)) {
      onSkip(
        objectId(gateway),
        'a Gateway needs a name, a namespace and listeners',
      );
      continue;
    }
    const tenant = tenantAt(ns);
    const addresses = (gateway.status?.addresses ?? [])
      .map((a: { value?: string }) => a.value)
      .filter(Boolean);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: entityName(gatewayObjectName(ns, name)),
        title: `${ns}/${name}`,
        description: `Gateway of class ${gateway.spec.gatewayClassName ?? '?'}${
          addresses.length ? ` at ${addresses.join(', ')}` : ''
        }`,
        // A Gateway's listeners include those of the ListenerSets it admits.
        ...metadataFor(
          [
            objectId(gateway),
            ...listenerSets
              .filter(
                ls =>
                  listenerSetNamesGateway(ls, gateway as Gateway) &&
                  gatewayAllowsListenerSet(
                    gateway as Gateway,
                    ls.metadata?.namespace ?? '',
                    namespaceLabels(ls.metadata?.namespace ?? ''),
                  ),
              )
              .map(ls => objectId({ ...ls, kind: 'ListenerSet' } as Obj)),
          ],
          {
            ...(tenant
              ? { [ENTITY_ANNOTATIONS.partOf]: tenantRef(tenant) }
              : {}),
            'backstage.io/kubernetes-namespace': ns,
          },
        ),
        ...(tenant
          ? { labels: { [TENANT_METADATA.tenant]: tenant.name } }
          : {}),
      },
      spec: { type: 'gateway', owner: ownerOf(ns) },
    });
  }

  // The Gateway a parentRef leads to: itself, or a ListenerSet's parent Gateway (a hostname
  // served through a ListenerSet depends on the Gateway as any other).
  const parentGateway = (
    parent: {
      group?: string;
      kind?: string;
      namespace?: string;
      name?: string;
    },
    routeNamespace: string,
  ) => {
    const kind = parent.kind ?? 'Gateway';
    if (!parent.name) return undefined;
    if (kind === 'Gateway')
      return {
        namespace: parent.namespace ?? routeNamespace,
        name: parent.name,
      };
    if (kind !== 'ListenerSet') return undefined;
    const listenerSet = listenerSetsByName.get(
      parent.namespace ?? routeNamespace,
      parent.name,
    );
    const ref = listenerSet && listenerSetParentRef(listenerSet);
    return ref?.kind === 'Gateway' && ref.name
      ? { namespace: ref.namespace, name: ref.name }
      : undefined;
  };

  // One hostname entity gathers every route serving that hostname in this cluster.
  const hostnames = new Map<
    string,
    { routes: Obj[]; gateways: Set<string>; components: Set<string> }
  >();
  const routes = ROUTE_KINDS.flatMap(
    kind => (snapshot.byKind.get(kind) ?? []) as Obj[],
  ).filter(route => !isAcmeSolverRoute(route));
  // A route without hostnames serves those of the listeners it attaches to: predicted only for
  // such routes, which are few (redirects), so a cluster of routes with hostnames pays nothing.
  const hostnameless = routes.filter(r => declaresNoHostnames(r as Route));
  const { attachmentOf } =
    hostnameless.length > 0
      ? predictRouteAttachments(snapshot, hostnameless as Route[])
      : { attachmentOf: () => undefined };
  for (const route of routes) {
    const ns = route.metadata?.namespace;
    if (!ns || !route.metadata?.name) {
      onSkip(objectId(route), 'a route needs a name and a namespace');
      continue;
    }
    for (const normalised of normalisedRouteHostnames(route)) {
      if (!normalised.ok) onSkip(objectId(route), normalised.reason);
    }
    for (const hostname of servedRouteHostnames(
      route as Route,
      attachmentOf(route as Route),
    )) {
      const entry = hostnames.get(hostname) ?? {
        routes: [],
        gateways: new Set<string>(),
        components: new Set<string>(),
      };
      entry.routes.push(route);
      for (const parent of route.spec?.parentRefs ?? []) {
        const gateway = parentGateway(parent, ns);
        if (!gateway) continue;
        entry.gateways.add(
          gatewayApiResourceRef(
            snapshot.cluster,
            gatewayObjectName(gateway.namespace, gateway.name),
          ),
        );
      }
      const component = routeEntityRef(route);
      if (component) entry.components.add(component);
      hostnames.set(hostname, entry);
    }
  }

  for (const [hostname, entry] of hostnames) {
    const first = entry.routes[0];
    const ns = first.metadata!.namespace!;
    const tenant = tenantAt(ns);
    const kubernetesId =
      first.metadata?.labels?.[GATEWAY_API_ANNOTATIONS.kubernetesId];
    const scheme = entry.routes.every(r => r.kind === 'TLSRoute')
      ? 'tls'
      : 'https';
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: entityName(hostname),
        title: hostname,
        description: `Served by ${entry.routes.map(objectId).join(', ')}`,
        ...metadataFor(entry.routes.map(objectId), {
          ...(kubernetesId
            ? { [GATEWAY_API_ANNOTATIONS.kubernetesId]: kubernetesId }
            : {}),
          'backstage.io/kubernetes-namespace': ns,
        }),
        ...(tenant
          ? { labels: { [TENANT_METADATA.tenant]: tenant.name } }
          : {}),
        links: hostname.startsWith('*.')
          ? []
          : [
              {
                url: `${scheme === 'tls' ? 'https' : scheme}://${hostname}`,
                title: hostname,
              },
            ],
      },
      spec: {
        type: 'hostname',
        owner: ownerOf(ns),
        dependsOn: [...entry.gateways],
        dependencyOf: [...entry.components],
      },
    });
  }

  // Hostnames served by Ingresses, with their class, TLS Secret and migration state.
  return withIngressHostnameEntities(snapshot, entities, options);
}
