import { InputError } from '@backstage/errors';
import { kindNotServedMessage } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  KubernetesObject,
  profileFor,
  ServedGatewayApi,
  TenantSpec,
  unsupportedRedirectMessage,
  unsupportedRedirects,
} from '../manifests';

/** The GatewayClass of the Gateway a tenant's listeners belong to, by layout. */
export function listenerGatewayClass(tenant: TenantSpec): string | undefined {
  switch (tenant.layout) {
    case 'dedicated':
      return tenant.namespace;
    case 'tenant-shared':
      return tenant.gatewayClassName;
    default:
      return tenant.sharedGateway?.gatewayClassName;
  }
}

/**
 * What the builders write for a tenant in its cluster: TLSRoute at the preferred served
 * version, ListenerSet where the cluster serves it and the tenant's GatewayClass supports it.
 */
export function servedGatewayApiFor(
  client: ClusterClient,
  tenant: TenantSpec,
): Promise<ServedGatewayApi> {
  return client.servedApis.gatewayApi(listenerGatewayClass(tenant));
}

/**
 * The shape a tenant's exposures take now. ListenerSets only once the tenant's Gateway admits
 * them: a tenant provisioned before its cluster served ListenerSets keeps its listeners on the
 * Gateway (a ListenerSet there would never be Accepted) until it is provisioned again, which
 * moves them.
 */
export async function exposureGatewayApiFor(
  client: ClusterClient,
  tenant: TenantSpec,
): Promise<ServedGatewayApi> {
  const served = await servedGatewayApiFor(client, tenant);
  const gatewayRef = listenerGateway(tenant);
  if (!served.listenerSet || !gatewayRef) return served;
  const gateway = (await client.get({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    ...gatewayRef,
  })) as { spec?: { allowedListeners?: unknown } } | undefined;
  return gateway && !gateway.spec?.allowedListeners
    ? { ...served, listenerSet: undefined }
    : served;
}

/** The Gateway a tenant's ListenerSets attach to; none in the dedicated layout. */
function listenerGateway(
  tenant: TenantSpec,
): { namespace: string; name: string } | undefined {
  switch (tenant.layout) {
    case 'tenant-shared':
      return { namespace: tenant.namespace, name: tenant.names.gateway };
    case 'cluster-shared':
      return tenant.sharedGateway
        ? {
            namespace: tenant.sharedGateway.namespace,
            name: tenant.sharedGateway.name,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** Refuses a route kind the cluster does not serve, with what to install; writes nothing. */
export async function requireServedRouteKind(
  client: ClusterClient,
  kind: 'HTTPRoute' | 'TLSRoute',
): Promise<void> {
  if (!(await client.servedApis.kind(kind))) {
    throw new InputError(kindNotServedMessage(client.name, kind));
  }
}

/**
 * Refuses a TLSRoute where the tenant's implementation cannot attach it: its GatewayClass does
 * not claim TLSRoute in its `supportedFeatures`, or (Cilium) it reads no TLSRoute version the
 * cluster serves; a class that reports no features yet is given the
 * benefit of the doubt, as its controller has not written them. Writes nothing.
 */
export async function requireClassSupportsRouteKind(
  client: ClusterClient,
  tenant: TenantSpec,
  kind: 'HTTPRoute' | 'TLSRoute',
): Promise<void> {
  const profile = profileFor(tenant.controllerName);
  const reads = profile.gatewayApi?.tlsRouteVersions;
  if (kind === 'TLSRoute' && reads) {
    const served =
      (await client.servedApis.kind('TLSRoute'))?.servedVersions ?? [];
    if (!served.some(v => reads.includes(v))) {
      throw new InputError(
        `${profile.title} (Gateway API ${
          profile.gatewayApi?.release
        }) reads TLSRoute at ${reads.join(', ')} only, and cluster ${
          client.name
        } serves it at ${
          served.join(', ') || 'no version'
        }; expose the service with an HTTPRoute, or serve TLSRoute ${
          reads[0]
        } (the experimental channel of that release)`,
      );
    }
  }
  // HTTPRoute is core: every conformant implementation attaches it.
  if (kind !== 'TLSRoute') return;
  const className = listenerGatewayClass(tenant);
  if (!className) return;
  const features = await client.servedApis.supportedFeatures(className);
  if (features.size > 0 && !features.has(kind)) {
    throw new InputError(
      `GatewayClass ${className} of tenant ${tenant.name} (${tenant.controllerName}) does not list TLSRoute among its supportedFeatures, so its controller would not attach the route; expose the service with an HTTPRoute`,
    );
  }
}

/**
 * The tenant's objects without the redirect routes its GatewayClass cannot serve (it lists
 * supportedFeatures, and not the ones the redirect needs), and why each is left out. The
 * tenant is still provisioned: the redirect is a convenience its controller would refuse.
 */
export async function withoutUnsupportedRedirects(
  client: ClusterClient,
  tenant: TenantSpec,
  objects: KubernetesObject[],
): Promise<{ objects: KubernetesObject[]; notWritten: string[] }> {
  const className = listenerGatewayClass(tenant);
  if (!className) return { objects, notWritten: [] };
  const unsupported = unsupportedRedirects(
    objects,
    await client.servedApis.supportedFeatures(className),
  );
  return {
    objects: objects.filter(o => !unsupported.some(u => u.route === o)),
    notWritten: unsupported.map(u => unsupportedRedirectMessage(u, className)),
  };
}
