import {
  AttachmentPrediction,
  Certificate,
  Gateway,
  Listener,
  ListenerSet,
  Namespace,
  predictAttachment,
  ReferenceGrant,
  Route,
  Service,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ROUTE_KINDS } from '../../kubernetes/kinds';
import { KubernetesObject, mergeAppliedObjects } from '../../manifests';

/** One problem the analysis predicts, like a line of `gwctl analyze`. */
export interface AnalysisIssue {
  /** `Kind/namespace/name`, and the parentRef or listener it concerns. */
  object: string;
  at: string;
  condition: string;
  reason: string;
  message: string;
}

export interface PlanAnalysis {
  /** Problems the plan would bring that the cluster does not have now. */
  introduced: AnalysisIssue[];
  /** Problems the cluster has now that the plan would fix. */
  fixed: AnalysisIssue[];
  /** Problems of the plan's own routes and listeners after it is applied. */
  remaining: AnalysisIssue[];
}

const ROUTE_KIND_SET = new Set<string>(ROUTE_KINDS);
const id = (o: {
  kind?: string;
  metadata?: { namespace?: string; name?: string };
}) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
const key = (i: AnalysisIssue) =>
  `${i.object}|${i.at}|${i.condition}|${i.reason}`;

/**
 * Predicts what a plan does to the cluster with the attachment analysis: the cluster's objects
 * now, and the same objects with the plan applied the way server-side apply merges them. The
 * difference is reported as issues introduced and fixed.
 */
export function analyzePlan(
  current: KubernetesObject[],
  planned: KubernetesObject[],
): PlanAnalysis {
  const before = issuesOf(predict(current));
  const after = issuesOf(
    predict(mergeAppliedObjects([...current, ...planned])),
  );
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const plannedIds = new Set(planned.map(id));
  return {
    introduced: after.filter(i => !beforeKeys.has(key(i))),
    fixed: before.filter(i => !afterKeys.has(key(i))),
    remaining: after.filter(i => plannedIds.has(i.object)),
  };
}

function predict(objects: KubernetesObject[]): AttachmentPrediction {
  const of = <T>(kind: string) =>
    objects.filter(o => o.kind === kind) as unknown as T[];
  const certificates = of<Certificate>('Certificate');
  const gateways = of<Gateway>('Gateway');
  const listenerSets = of<ListenerSet>('ListenerSet');
  return predictAttachment({
    gateways,
    listenerSets,
    routes: objects.filter(o =>
      ROUTE_KIND_SET.has(o.kind),
    ) as unknown as Route[],
    namespaces: of<Namespace>('Namespace'),
    services: of<Service>('Service'),
    referenceGrants: of<ReferenceGrant>('ReferenceGrant'),
    certificates,
    // Secrets are never read: a Certificate's Secret is taken to exist, as cert-manager will
    // write it once the Certificate is issued; so are the certificateRefs of a Gateway
    // annotated for cert-manager, whose gateway support creates those Certificates.
    secrets: new Set([
      ...certificates.map(
        c => `${c.metadata?.namespace}/${c.spec?.secretName}`,
      ),
      ...gateways.flatMap(g => certManagedSecrets(g, g)),
      // cert-manager reads a ListenerSet's own issuer annotation, else its Gateway's.
      ...listenerSets.flatMap(ls =>
        certManagedSecrets(
          ls,
          gateways.find(
            g =>
              g.metadata?.name === ls.spec?.parentRef?.name &&
              g.metadata?.namespace ===
                (ls.spec?.parentRef?.namespace ?? ls.metadata?.namespace),
          ),
        ),
      ),
    ]),
  });
}

const CERT_MANAGER_ANNOTATIONS = [
  'cert-manager.io/issuer',
  'cert-manager.io/cluster-issuer',
];

/** The Secrets cert-manager will write for a Gateway's or ListenerSet's listeners. */
function certManagedSecrets(
  owner: Gateway | ListenerSet,
  issuerFrom: Gateway | ListenerSet | undefined,
): string[] {
  const annotated = (o?: Gateway | ListenerSet) =>
    CERT_MANAGER_ANNOTATIONS.some(a => o?.metadata?.annotations?.[a]);
  if (!annotated(owner) && !annotated(issuerFrom)) return [];
  const namespace = owner.metadata?.namespace;
  const listeners: Listener[] = owner.spec?.listeners ?? [];
  return listeners.flatMap(listener =>
    (listener.tls?.certificateRefs ?? [])
      .filter(ref => !ref.namespace || ref.namespace === namespace)
      .map(ref => `${namespace}/${ref.name}`),
  );
}

function issuesOf(prediction: AttachmentPrediction): AnalysisIssue[] {
  const issues: AnalysisIssue[] = [];
  for (const route of prediction.routes) {
    for (const parent of route.parents) {
      const ref = parent.parentRef;
      const at = `parentRef ${ref.namespace}/${ref.name}${
        ref.sectionName ? `/${ref.sectionName}` : ''
      }`;
      for (const condition of [parent.accepted, parent.resolvedRefs]) {
        if (condition.status === 'True') continue;
        issues.push({
          object: `${route.kind}/${route.namespace}/${route.name}`,
          at,
          condition: condition.type,
          reason: condition.reason,
          message: condition.message,
        });
      }
    }
  }
  for (const listener of prediction.listeners) {
    for (const condition of [
      listener.accepted,
      listener.resolvedRefs,
      listener.conflicted,
    ]) {
      const bad =
        condition.type === 'Conflicted'
          ? condition.status === 'True'
          : condition.status !== 'True';
      if (!bad) continue;
      issues.push({
        object: listener.listenerSet
          ? `ListenerSet/${listener.listenerSet.namespace}/${listener.listenerSet.name}`
          : `Gateway/${listener.gatewayNamespace}/${listener.gatewayName}`,
        at: `listener ${listener.listenerName}`,
        condition: condition.type,
        reason: condition.reason,
        message: condition.message,
      });
    }
  }
  for (const listenerSet of prediction.listenerSets) {
    if (listenerSet.accepted.status === 'True') continue;
    issues.push({
      object: `ListenerSet/${listenerSet.namespace}/${listenerSet.name}`,
      at: `parentRef ${listenerSet.gateway.namespace}/${listenerSet.gateway.name}`,
      condition: listenerSet.accepted.type,
      reason: listenerSet.accepted.reason,
      message: listenerSet.accepted.message,
    });
  }
  // A ListenerSet's listeners may come both merged and on their own: report each once.
  const seen = new Set<string>();
  return issues.filter(i => !seen.has(key(i)) && Boolean(seen.add(key(i))));
}

/** The analysis as lines for the task log. */
export function describeAnalysis(analysis: PlanAnalysis): string {
  const lines = (title: string, issues: AnalysisIssue[]) =>
    issues.length
      ? [
          title,
          ...issues.map(
            i =>
              `  - ${i.object} (${i.at}): ${i.condition} ${i.reason}: ${i.message}`,
          ),
        ]
      : [];
  const all = [
    ...lines('Issues introduced:', analysis.introduced),
    ...lines('Issues fixed:', analysis.fixed),
  ];
  return all.length ? all.join('\n') : 'No issue introduced or fixed.';
}
