import {
  AttachmentPrediction,
  Certificate,
  Gateway,
  ListenerSet,
  Namespace,
  predictAttachment,
  ReferenceGrant,
  Route,
  RouteAttachment,
  Service,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { secretsOfReadyCertificates } from './gatewaySummary';
import { normalisedRouteHostnames } from './routeHostnames';

/**
 * How the given routes of a cluster attach, as a conformant controller would decide from the
 * cache alone: the prediction, and each route's attachment by `kind/namespace/name`.
 */
export function predictRouteAttachments(
  snapshot: ClusterSnapshot,
  routes: Route[],
): {
  prediction: AttachmentPrediction;
  attachmentOf: (route: Route) => RouteAttachment | undefined;
} {
  const kind = <T>(name: string) =>
    (snapshot.byKind.get(name) ?? []) as unknown as T[];
  const certificates = kind<Certificate>('Certificate');
  const prediction = predictAttachment({
    gateways: kind<Gateway>('Gateway'),
    // Empty where the cluster does not serve ListenerSets.
    listenerSets: kind<ListenerSet>('ListenerSet'),
    routes,
    namespaces: kind<Namespace>('Namespace'),
    services: kind<Service>('Service'),
    referenceGrants: kind<ReferenceGrant>('ReferenceGrant'),
    certificates,
    secrets: secretsOfReadyCertificates(certificates),
  });
  const byName = new Map<string, RouteAttachment>(
    prediction.routes.map(r => [`${r.kind}/${r.namespace}/${r.name}`, r]),
  );
  return {
    prediction,
    attachmentOf: route =>
      byName.get(
        `${route.kind}/${route.metadata?.namespace}/${route.metadata?.name}`,
      ),
  };
}

/** Whether a route lists no valid hostname of its own. */
export function declaresNoHostnames(route: Route): boolean {
  return !normalisedRouteHostnames(route).some(n => n.ok);
}

/**
 * The hostnames a route serves: its own `spec.hostnames`, or, where it lists none, those of the
 * listeners it attaches to (a listener without a hostname adds none: it serves any name).
 */
export function servedRouteHostnames(
  route: Route,
  attachment?: RouteAttachment,
): string[] {
  const declared = normalisedRouteHostnames(route).flatMap(n =>
    n.ok ? [n.hostname] : [],
  );
  if (declared.length) return [...new Set(declared)];
  return [
    ...new Set(
      (attachment?.parents ?? []).flatMap(p =>
        p.listeners.flatMap(l => l.hostnames),
      ),
    ),
  ];
}
