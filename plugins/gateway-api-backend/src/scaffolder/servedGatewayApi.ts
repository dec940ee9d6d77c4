import { InputError } from '@backstage/errors';
import { kindNotServedMessage } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { ServedGatewayApi, TenantSpec } from '../manifests';

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

/** Refuses a route kind the cluster does not serve, with what to install; writes nothing. */
export async function requireServedRouteKind(
  client: ClusterClient,
  kind: 'HTTPRoute' | 'TLSRoute',
): Promise<void> {
  if (!(await client.servedApis.kind(kind))) {
    throw new InputError(kindNotServedMessage(client.name, kind));
  }
}
