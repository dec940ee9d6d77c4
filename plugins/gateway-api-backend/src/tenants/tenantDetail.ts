import {
  domainsOverlap,
  Exposure,
  Gateway,
  listenerAllowsNamespace,
  Namespace,
  TenantDetail,
  TenantGateway,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import {
  gatewayContext,
  summariseGateway,
  summariseListener,
} from '../exposures/gatewaySummary';

const NO_HOSTNAMES: TenantDetail['hostnames'] = {
  ok: 0,
  pending: 0,
  warning: 0,
  error: 0,
  unknown: 0,
};

// A listener without a hostname serves any; one with a hostname, only if it is in the
// tenant's domains (a cluster-shared Gateway admits every opted-in namespace on every listener).
const servesTenantDomains = (hostname: string | undefined, domains: string[]) =>
  !hostname ||
  domains.some(domain =>
    domainsOverlap(hostname.replace(/^\*\./, '').toLowerCase(), domain),
  );

/**
 * A tenant with the Gateways that serve it, from the cache: every Gateway with a listener that
 * admits routes from one of the tenant's namespaces and serves the tenant's domains (its own
 * Gateway in the dedicated and tenant-shared layouts, the platform's in the cluster-shared
 * one), with only those listeners, so a tenant sees its part of a shared Gateway and nothing
 * of its neighbours'.
 */
export function tenantDetail(
  snapshot: ClusterSnapshot,
  tenant: TenantSummary,
  exposures: Exposure[],
): TenantDetail {
  const namespaceLabels = new Map(
    ((snapshot.byKind.get('Namespace') ?? []) as Namespace[]).map(ns => [
      ns.metadata?.name ?? '',
      ns.metadata?.labels ?? {},
    ]),
  );
  const tenantNamespaces = [tenant.namespace, ...tenant.attachedNamespaces];

  const context = gatewayContext(snapshot);
  const gateways: TenantGateway[] = [];
  for (const gateway of (snapshot.byKind.get('Gateway') ?? []) as Gateway[]) {
    const listeners = (gateway.spec?.listeners ?? [])
      .filter(
        listener =>
          servesTenantDomains(listener.hostname, tenant.domains) &&
          tenantNamespaces.some(ns =>
            listenerAllowsNamespace(
              gateway,
              listener,
              ns,
              namespaceLabels.get(ns),
            ),
          ),
      )
      .map(listener => ({
        ...summariseListener(gateway, listener),
        tlsMode:
          listener.protocol === 'HTTPS' || listener.protocol === 'TLS'
            ? listener.tls?.mode ?? 'Terminate'
            : undefined,
      }));
    if (listeners.length === 0) continue;
    gateways.push({
      ...summariseGateway(gateway, context),
      listeners,
      ownedByTenant: tenantNamespaces.includes(
        gateway.metadata?.namespace ?? '',
      ),
    });
  }

  const hostnames = { ...NO_HOSTNAMES };
  for (const exposure of exposures) {
    if (
      exposure.cluster === tenant.cluster &&
      exposure.tenant === tenant.name
    ) {
      hostnames[exposure.status.status] += 1;
    }
  }

  return { ...tenant, gateways, hostnames };
}
