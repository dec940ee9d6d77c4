import { KubernetesObject } from '@kubernetes/client-node';
import {
  Certificate,
  domainsOverlap,
  Exposure,
  Gateway,
  hintForMistake,
  Listener,
  listenerAllowsNamespace,
  ListenerPrediction,
  ListenerSet,
  listenerSetNamesGateway,
  listenerSetParentRef,
  Namespace,
  predictAttachment,
  ReferenceGrant,
  TenantDetail,
  TenantGateway,
  TenantListener,
  TenantListenerSet,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot, GatewayApiCache } from '../cache/GatewayApiCache';
import { ExposureIndex } from '../exposures/ExposureIndex';
import { tenantsInCache } from './tenantsInCache';
import { TenantRecord, tenantFromNamespace } from './tenantFromNamespace';
import {
  tenantMetadataDrift,
  tenantMetadataFinding,
} from './tenantMetadataDrift';
import {
  gatewayContext,
  listenerPredictions,
  secretsOfReadyCertificates,
  summariseGateway,
  summariseListener,
} from '../exposures/gatewaySummary';
import { summariseListenerSet } from '../exposures/listenerSetHop';
import { unattachedPoliciesByNamespace } from '../exposures/policiesOfHostname';

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

const tenantListener = (
  holder: Gateway | ListenerSet,
  listener: Listener,
  prediction: ListenerPrediction | undefined,
): TenantListener => ({
  ...summariseListener(holder, listener, prediction),
  tlsMode:
    listener.protocol === 'HTTPS' || listener.protocol === 'TLS'
      ? listener.tls?.mode ?? 'Terminate'
      : undefined,
});

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
  const allGateways = (snapshot.byKind.get('Gateway') ?? []) as Gateway[];
  // The tenant's own ListenerSets only: a neighbour's on the same Gateway is never shown.
  const ownSets = (
    (snapshot.byKind.get('ListenerSet') ?? []) as ListenerSet[]
  ).filter(ls => tenantNamespaces.includes(ls.metadata?.namespace ?? ''));
  // Predicted over every ListenerSet, since an older neighbour's listener can conflict ours.
  const analysis = predictAttachment({
    gateways: allGateways,
    routes: [],
    listenerSets: (snapshot.byKind.get('ListenerSet') ?? []) as ListenerSet[],
    namespaces: (snapshot.byKind.get('Namespace') ?? []) as Namespace[],
    referenceGrants: (snapshot.byKind.get('ReferenceGrant') ??
      []) as ReferenceGrant[],
    secrets: secretsOfReadyCertificates(
      (snapshot.byKind.get('Certificate') ?? []) as Certificate[],
    ),
  });
  const predictions = new Map(
    analysis.listenerSets.map(p => [`${p.namespace}/${p.name}`, p]),
  );
  const listenerPredictionOf = listenerPredictions(analysis);
  const summariseOwn = (ls: ListenerSet): TenantListenerSet => ({
    ...summariseListenerSet(
      ls,
      predictions.get(`${ls.metadata?.namespace}/${ls.metadata?.name}`),
    ),
    listeners: (ls.spec?.listeners ?? []).map(listener =>
      tenantListener(
        ls,
        listener,
        listenerPredictionOf('ListenerSet', ls, listener.name ?? ''),
      ),
    ),
  });
  const gateways: TenantGateway[] = [];
  for (const gateway of allGateways) {
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
      .map(listener =>
        tenantListener(
          gateway,
          listener,
          listenerPredictionOf('Gateway', gateway, listener.name ?? ''),
        ),
      );
    const listenerSets = ownSets
      .filter(ls => listenerSetNamesGateway(ls, gateway))
      .map(summariseOwn);
    if (listeners.length === 0 && listenerSets.length === 0) continue;
    gateways.push({
      ...summariseGateway(gateway, context),
      listeners,
      ...(listenerSets.length > 0 && { listenerSets }),
      ownedByTenant: tenantNamespaces.includes(
        gateway.metadata?.namespace ?? '',
      ),
    });
  }

  // A ListenerSet naming a Gateway that does not exist is merged nowhere: the tenant sees it
  // under the missing Gateway's name, with why.
  const missing = new Map<string, TenantGateway>();
  for (const ls of ownSets) {
    const ref = listenerSetParentRef(ls);
    if (
      ref.kind !== 'Gateway' ||
      allGateways.some(g => listenerSetNamesGateway(ls, g))
    ) {
      continue;
    }
    const key = `${ref.namespace}/${ref.name}`;
    const entry = missing.get(key) ?? {
      namespace: ref.namespace,
      name: ref.name,
      addresses: [],
      status: {
        status: 'error',
        summary: `Gateway "${key}" does not exist.`,
        hint: hintForMistake('listenerSetParentNotFound'),
      },
      listeners: [],
      listenerSets: [],
      ownedByTenant: tenantNamespaces.includes(ref.namespace),
    };
    entry.listenerSets!.push(summariseOwn(ls));
    missing.set(key, entry);
  }
  gateways.push(...missing.values());

  const hostnames = { ...NO_HOSTNAMES };
  for (const exposure of exposures) {
    if (
      exposure.cluster === tenant.cluster &&
      exposure.tenant === tenant.name
    ) {
      hostnames[exposure.status.status] += 1;
    }
  }

  const namespaces = (snapshot.byKind.get('Namespace') ?? []) as Namespace[];
  const clusterTenants = namespaces
    .map(ns => tenantFromNamespace(tenant.cluster, ns as KubernetesObject))
    .filter((t): t is TenantRecord => t !== undefined);
  const record = clusterTenants.find(t => t.name === tenant.name);
  const metadataOutOfDate = record
    ? tenantMetadataFinding(
        tenantMetadataDrift(record, clusterTenants, namespaces),
      )
    : undefined;

  const byNamespace = unattachedPoliciesByNamespace(snapshot, context.policies);
  const unattachedPolicies = tenantNamespaces.flatMap(
    ns => byNamespace.get(ns) ?? [],
  );
  return {
    ...tenant,
    gateways,
    ...(unattachedPolicies.length > 0 && { unattachedPolicies }),
    ...(metadataOutOfDate && { metadataOutOfDate }),
    hostnames,
  };
}

/**
 * The REST API's tenant detail, read from the cache: one tenant with the Gateways that serve
 * it, its hostnames counted by status, and the kinds its cluster does not serve.
 */
export function tenantDetailFromCache(
  cache: GatewayApiCache,
  exposures: Pick<ExposureIndex, 'list'>,
) {
  return (cluster: string, name: string): TenantDetail | undefined => {
    const tenant = tenantsInCache(cache).find(
      t => t.cluster === cluster && t.name === name,
    );
    if (!tenant) return undefined;
    const snapshot = cache.snapshot(cluster);
    return {
      ...tenantDetail(
        snapshot,
        tenant,
        exposures.list({ cluster, tenant: name }).items,
      ),
      unservedKinds: [...(snapshot.unserved ?? [])],
    };
  };
}
