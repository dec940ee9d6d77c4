import {
  Certificate,
  CertificateRequest,
  Challenge,
  Exposure,
  ExposureGateway,
  Gateway,
  GatewaySummary,
  hostnameMatches,
  ImplementationPolicy,
  interpretParentAttachment,
  interpretRouteParentStatus,
  Issuer,
  ListenerSet,
  listenerUrl,
  Namespace,
  Order,
  Route,
  StatusSummary,
  TlsSummary,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import {
  tenantFromNamespace,
  tenantOfNamespace,
  TenantRecord,
} from '../tenants/tenantFromNamespace';
import { routeEntityRef } from './routeEntityRef';
import {
  predictRouteAttachments,
  servedRouteHostnames,
} from './routeAttachments';
import { isAcmeSolverRoute } from './acmeSolverRoute';
import {
  gatewayContext,
  listenerPredictions,
  summariseGateway,
  summariseListener,
} from './gatewaySummary';
import { tenancyStatus } from './tenancyStatus';
import { routeExposureStatus } from './routeExposureStatus';
import { summariseTlsOnClock } from './exposureClock';
import {
  hostnamePolicies,
  unattachedPoliciesByNamespace,
} from './policiesOfHostname';
import {
  isListenerSetRef,
  parentIndex,
  resolveParent,
  summariseListenerSet,
} from './listenerSetHop';
import { tenantDomains } from '../tenants/tenantDomains';
import { withIngressExposures } from '../ingress/ingressInventory';
import { ROUTE_KINDS } from '../kubernetes/kinds';

const notReported = (): StatusSummary => ({
  status: 'unknown',
  summary: 'No controller has reported on this parent yet.',
});

/**
 * Every hostname served by a route in one cluster, with route, gateway and TLS status, from
 * the cache alone (no cluster call). Secrets are never read: a certificate's Secret is taken to
 * exist when its Certificate is Ready, which is when cert-manager has written it.
 */
export function buildExposures(
  snapshot: ClusterSnapshot,
  now: Date,
): Exposure[] {
  const kind = <T>(name: string) =>
    (snapshot.byKind.get(name) ?? []) as unknown as T[];
  const gateways = kind<Gateway>('Gateway');
  // Empty where the cluster does not serve ListenerSets.
  const listenerSets = kind<ListenerSet>('ListenerSet');
  const routes = ROUTE_KINDS.flatMap(k => kind<Route>(k));
  const certificates = kind<Certificate>('Certificate');
  const tenants = kind<Namespace>('Namespace')
    .map(ns => tenantFromNamespace(snapshot.cluster, ns as any))
    .filter((t): t is TenantRecord => t !== undefined);
  const tenantAt = tenantOfNamespace(tenants);
  const domains = tenantDomains(tenants);
  const context = gatewayContext(snapshot);
  const unattached = unattachedPoliciesByNamespace(snapshot, context.policies);
  // A policy targets objects in its own namespace only: each hostname looks at the policies
  // of its route's, Gateways', ListenerSets' and backends' namespaces.
  const policiesIn = new Map<string, ImplementationPolicy[]>();
  for (const policy of context.policies) {
    const namespace = policy.metadata?.namespace ?? '';
    policiesIn.set(namespace, [...(policiesIn.get(namespace) ?? []), policy]);
  }
  // Which implementation serves each Gateway: its class's controllerName.
  const controllerOfClass = new Map(
    context.gatewayClasses.map(c => [c.metadata?.name, c.spec?.controllerName]),
  );
  // One summary per Gateway, however many hostnames it serves.
  const gatewaySummaries = new Map<Gateway, GatewaySummary>();
  const gatewaySummary = (gateway: Gateway) => {
    let summary = gatewaySummaries.get(gateway);
    if (!summary) {
      summary = summariseGateway(gateway, context);
      gatewaySummaries.set(gateway, summary);
    }
    return summary;
  };

  const { prediction, attachmentOf } = predictRouteAttachments(
    snapshot,
    routes,
  );
  const listenerPredictionOf = listenerPredictions(prediction);
  const parentsByName = parentIndex(gateways, listenerSets);
  const predictedSets = new Map(
    prediction.listenerSets.map(p => [`${p.namespace}/${p.name}`, p]),
  );
  // The Certificate behind a listener's Secret, the first as a scan would find it: looked up
  // for every hostname, so by name rather than by a scan of every Certificate.
  const certificateBySecret = new Map<string, Certificate>();
  for (const c of certificates) {
    const key = `${c.metadata?.namespace}/${c.spec?.secretName}`;
    if (!certificateBySecret.has(key)) certificateBySecret.set(key, c);
  }
  const tlsContext = {
    requests: ownedBy(kind<CertificateRequest>('CertificateRequest')),
    orders: ownedBy(kind<Order>('Order')),
    challenges: ownedBy(kind<Challenge>('Challenge')),
    issuers: [...kind<Issuer>('Issuer'), ...kind<Issuer>('ClusterIssuer')],
  };

  const exposures: Exposure[] = [];
  for (const route of routes) {
    if (isAcmeSolverRoute(route)) continue;
    const ns = route.metadata?.namespace;
    const name = route.metadata?.name;
    if (!ns || !name) continue;
    const attachment = attachmentOf(route);
    const hostnames = servedRouteHostnames(route, attachment);
    const resolvedParents = (route.spec?.parentRefs ?? []).map(ref =>
      resolveParent(ref, ns, parentsByName),
    );
    const parents = (route.spec?.parentRefs ?? []).map((ref, i) => {
      const gatewayNs = ref.namespace ?? ns;
      const reported = route.status?.parents?.find(
        p =>
          p.parentRef?.name === ref.name &&
          (p.parentRef?.namespace ?? ns) === gatewayNs &&
          isListenerSetRef(p.parentRef ?? {}) === isListenerSetRef(ref) &&
          p.parentRef?.sectionName === ref.sectionName,
      );
      const parentPrediction = attachment?.parents[i];
      const resolvedParent = resolvedParents[i];
      return {
        gateway: resolvedParent.gatewayKey,
        ...(resolvedParent.listenerSetKey && {
          listenerSet: resolvedParent.listenerSetKey,
        }),
        sectionName: ref.sectionName,
        port: ref.port,
        status: reported
          ? interpretRouteParentStatus(reported, route.metadata?.generation)
          : notReported(),
        conditions: reported?.conditions ?? [],
        predicted:
          parentPrediction && interpretParentAttachment(parentPrediction),
      };
    });
    const routeStatus = worstStatus(
      parents.map(p =>
        // Our analysis explains a failure, or stands in while no controller has reported.
        p.status.status === 'unknown' && p.predicted ? p.predicted : p.status,
      ),
    );
    const backends = (route.spec?.rules ?? []).flatMap(rule =>
      (rule.backendRefs ?? []).map(b => ({
        namespace: b.namespace ?? ns,
        name: b.name ?? '',
        port: b.port,
      })),
    );

    for (const hostname of hostnames) {
      const exposureGateways: ExposureGateway[] = [];
      const policyPath: Parameters<typeof hostnamePolicies>[2] = [];
      let tls: TlsSummary | undefined;
      let url: string | undefined;
      for (const [i, parent] of parents.entries()) {
        const resolvedParent = resolvedParents[i];
        const gateway = resolvedParent.gateway;
        if (!gateway) continue;
        // A ListenerSet parentRef is served by the ListenerSet's listeners, on its Gateway.
        const holder = resolvedParent.listenerSet ?? gateway;
        const listener = resolvedParent.listeners.find(
          l =>
            (parent.sectionName ? l.name === parent.sectionName : true) &&
            (!l.hostname || hostnameMatches(l.hostname, hostname)) &&
            listenerCarries(l.protocol, route.kind),
        );
        const listenerSet = resolvedParent.listenerSet;
        const controllerName = controllerOfClass.get(
          gateway.spec?.gatewayClassName,
        );
        const exposureGateway: ExposureGateway = {
          ...gatewaySummary(gateway),
          ...(controllerName && { controllerName }),
          listener:
            listener &&
            summariseListener(
              holder,
              listener,
              listenerPredictionOf(
                resolvedParent.listenerSet ? 'ListenerSet' : 'Gateway',
                holder,
                listener.name ?? '',
              ),
            ),
          ...(listenerSet && {
            listenerSet: summariseListenerSet(
              listenerSet,
              predictedSets.get(
                `${listenerSet.metadata?.namespace}/${listenerSet.metadata?.name}`,
              ),
            ),
          }),
        };
        exposureGateways.push(exposureGateway);
        policyPath.push({
          summary: exposureGateway,
          gateway,
          listenerSet: resolvedParent.listenerSet,
        });
        if (listener && !url) url = listenerUrl(listener, hostname);
        const secretName =
          listener?.protocol === 'HTTPS'
            ? listener.tls?.certificateRefs?.[0]?.name
            : undefined;
        if (secretName && !tls) {
          tls = tlsFor(
            certificateBySecret.get(
              `${resolvedParent.listenerNamespace}/${secretName}`,
            ),
            tlsContext,
            now,
          );
        }
      }
      const namespaces = new Set([
        ns,
        ...policyPath.flatMap(p => [
          p.summary.namespace,
          ...(p.listenerSet ? [p.listenerSet.metadata?.namespace ?? ''] : []),
        ]),
        ...backends.map(b => b.namespace),
      ]);
      const policies = hostnamePolicies(
        [...namespaces].flatMap(n => policiesIn.get(n) ?? []),
        route,
        policyPath,
        backends,
      );
      // Shown with the hostname, not counted in its status: it may have been meant for
      // another route of the namespace, and this hostname serves as it did.
      const unattachedHere = unattached.get(ns) ?? [];
      const tenancy = tenancyStatus(hostname, tenantAt(ns)?.name, domains);
      const exposure: Omit<Exposure, 'status'> = {
        cluster: snapshot.cluster,
        hostname,
        url:
          url ??
          (route.kind === 'TLSRoute'
            ? `tls://${hostname}`
            : `https://${hostname}/`),
        tenant: tenantAt(ns)?.name,
        owner: tenantAt(ns)?.ownerGroup,
        entityRef: routeEntityRef(route),
        route: {
          kind: route.kind,
          namespace: ns,
          name,
          status: routeStatus,
          parents,
          backends,
        },
        gateways: exposureGateways,
        ...(policies.length > 0 && { policies }),
        ...(unattachedHere.length > 0 && {
          unattachedPolicies: unattachedHere,
        }),
        tls,
        ...(tenancy ? { tenancy } : {}),
      };
      exposures.push({ ...exposure, status: routeExposureStatus(exposure) });
    }
  }
  // Hostnames served by Ingresses, and where each stands in the move to routes.
  return withIngressExposures(snapshot, exposures, now);
}

function listenerCarries(
  protocol: string | undefined,
  routeKind: string,
): boolean {
  if (routeKind === 'TLSRoute') return protocol === 'TLS';
  return protocol === 'HTTPS' || protocol === 'HTTP';
}

/** Objects by `namespace/ownerKind/ownerName` of each owner reference, in list order. */
type OwnedBy<T> = (
  namespace: string | undefined,
  kind: string,
  name?: string,
) => T[];

function ownedBy<T extends { metadata?: any }>(objects: T[]): OwnedBy<T> {
  const byOwner = new Map<string, T[]>();
  for (const o of objects) {
    const owners = new Set<string>(
      (o.metadata?.ownerReferences ?? []).map(
        (r: { kind?: string; name?: string }) =>
          `${o.metadata?.namespace}/${r.kind}/${r.name}`,
      ),
    );
    for (const owner of owners) {
      const same = byOwner.get(owner);
      if (same) same.push(o);
      else byOwner.set(owner, [o]);
    }
  }
  return (namespace, kind, name) =>
    byOwner.get(`${namespace}/${kind}/${name}`) ?? [];
}

function tlsFor(
  certificate: Certificate | undefined,
  context: {
    requests: OwnedBy<CertificateRequest>;
    orders: OwnedBy<Order>;
    challenges: OwnedBy<Challenge>;
    issuers: Issuer[];
  },
  now: Date,
): TlsSummary {
  const ns = certificate?.metadata?.namespace;
  const certName = certificate?.metadata?.name;
  const request = [...context.requests(ns, 'Certificate', certName)].sort(
    (a, b) =>
      String(b.metadata?.creationTimestamp ?? '').localeCompare(
        String(a.metadata?.creationTimestamp ?? ''),
      ),
  )[0];
  const order = context.orders(
    ns,
    'CertificateRequest',
    request?.metadata?.name,
  )[0];
  const challenges = context.challenges(ns, 'Order', order?.metadata?.name);
  return summariseTlsOnClock({
    certificate,
    certificateRequest: request,
    order,
    challenges,
    issuers: context.issuers,
    now,
  });
}
