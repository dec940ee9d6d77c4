import {
  Condition,
  dnsSubdomainName,
  hostnameMatches,
  Ingress,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject, MANAGED_BY_LABELS } from '../manifests';
import { ingressHosts, INGRESS_API_VERSION } from './ingressObjects';
import {
  MIGRATION_ANNOTATIONS,
  REMOVED_INGRESS_KEY,
} from './migrationAnnotations';

type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    generation?: number;
    annotations?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

const isTrue = (conditions: Condition[] | undefined, type: string) =>
  (conditions ?? []).some(c => c.type === type && c.status === 'True');

/** What cutover reads: the migrated routes and what they attach to, live. */
export interface CutoverWorld {
  ingress: Ingress;
  routes: Obj[];
  /** Gateways and ListenerSets. */
  parents: Obj[];
  certificates: Obj[];
}

/**
 * Why the Ingress may not be removed yet, one reason per line (empty when it may): every host
 * of the Ingress is served by a route made from it; each such route is Accepted with its
 * references resolved by every parent; each parent Gateway or ListenerSet is Programmed; and
 * the certificate each listener serves is Ready. Until then, removing the Ingress would take
 * the hostname down.
 */
export function cutoverRefusals(world: CutoverWorld): string[] {
  const ref = `${world.ingress.metadata?.namespace}/${world.ingress.metadata?.name}`;
  const reasons: string[] = [];
  if (world.routes.length === 0) {
    return [
      `No route was made from Ingress ${ref}; migrate it first (gatewayApi:ingress:migrate).`,
    ];
  }
  const routeHosts = world.routes.flatMap(r =>
    ((r.spec?.hostnames ?? []) as string[]).map(h => h.toLowerCase()),
  );
  for (const host of ingressHosts(world.ingress)) {
    if (!routeHosts.some(h => hostnameMatches(h, host.hostname))) {
      reasons.push(
        `${host.hostname} of Ingress ${ref} is served by none of its routes; migrate the Ingress again so a route serves it.`,
      );
    }
  }
  for (const route of world.routes) {
    const routeNs = route.metadata?.namespace;
    const routeRef = `${route.kind} ${routeNs}/${route.metadata?.name}`;
    for (const parentRef of route.spec?.parentRefs ?? []) {
      const kind = parentRef.kind ?? 'Gateway';
      const ns = parentRef.namespace ?? routeNs;
      const at = `${kind} ${ns}/${parentRef.name}${
        parentRef.sectionName ? ` (${parentRef.sectionName})` : ''
      }`;
      const reported = (route.status?.parents ?? []).find(
        (p: any) =>
          p.parentRef?.name === parentRef.name &&
          (p.parentRef?.namespace ?? routeNs) === ns &&
          (p.parentRef?.kind ?? 'Gateway') === kind &&
          p.parentRef?.sectionName === parentRef.sectionName,
      );
      if (!reported || !isTrue(reported.conditions, 'Accepted')) {
        reasons.push(
          `${routeRef} is not Accepted by ${at} yet${
            reported
              ? `: ${conditionMessage(reported.conditions, 'Accepted')}`
              : ''
          }.`,
        );
      } else if (!isTrue(reported.conditions, 'ResolvedRefs')) {
        reasons.push(
          `${routeRef} has unresolved references at ${at}: ${conditionMessage(
            reported.conditions,
            'ResolvedRefs',
          )}.`,
        );
      }
      const parent = world.parents.find(
        p =>
          p.kind === kind &&
          p.metadata?.namespace === ns &&
          p.metadata?.name === parentRef.name,
      );
      if (!parent) {
        reasons.push(`${at}, a parent of ${routeRef}, does not exist.`);
        continue;
      }
      if (!isTrue(parent.status?.conditions, 'Programmed')) {
        reasons.push(`${kind} ${ns}/${parentRef.name} is not Programmed yet.`);
      }
      const listener = (parent.spec?.listeners ?? []).find(
        (l: any) => l.name === parentRef.sectionName,
      );
      const secret = listener?.tls?.certificateRefs?.[0];
      if (listener?.protocol !== 'HTTPS' || !secret?.name) continue;
      const secretNs = secret.namespace ?? ns;
      const certificate = world.certificates.find(
        c =>
          c.metadata?.namespace === secretNs &&
          c.spec?.secretName === secret.name,
      );
      // A reused Ingress Secret has no Certificate: the Ingress served it, so it exists.
      if (certificate && !isTrue(certificate.status?.conditions, 'Ready')) {
        reasons.push(
          `Certificate ${secretNs}/${certificate.metadata?.name} for ${at} is not Ready yet.`,
        );
      }
    }
  }
  return [...new Set(reasons)];
}

function conditionMessage(conditions: Condition[] | undefined, type: string) {
  const c = (conditions ?? []).find(x => x.type === type);
  return c
    ? `${c.reason ?? c.status}${c.message ? ` (${c.message})` : ''}`
    : 'not reported';
}

/** The ConfigMap that keeps an Ingress removed at cutover, for rollback. */
export function removedIngressConfigMapName(ingressName: string): string {
  return dnsSubdomainName('removed-ingress', ingressName);
}

/**
 * The Ingress as it was, in a ConfigMap beside it: its spec, labels and annotations, which is
 * what rollback brings back (status is the controller's, identity fields the server's).
 */
export function removedIngressConfigMap(ingress: Ingress): KubernetesObject {
  const namespace = ingress.metadata!.namespace!;
  const name = ingress.metadata!.name!;
  const kept = {
    apiVersion: INGRESS_API_VERSION,
    kind: 'Ingress',
    metadata: {
      name,
      namespace,
      ...(ingress.metadata?.labels ? { labels: ingress.metadata.labels } : {}),
      ...(ingress.metadata?.annotations
        ? { annotations: ingress.metadata.annotations }
        : {}),
    },
    spec: ingress.spec ?? {},
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: removedIngressConfigMapName(name),
      namespace,
      labels: { ...MANAGED_BY_LABELS },
      annotations: {
        [MIGRATION_ANNOTATIONS.removedIngress]: `${namespace}/${name}`,
      },
    },
    data: { [REMOVED_INGRESS_KEY]: JSON.stringify(kept, null, 2) },
  };
}

/** The Ingress a cutover ConfigMap keeps, or undefined when it keeps none. */
export function ingressFromConfigMap(configMap: {
  metadata?: { annotations?: Record<string, string> };
  data?: Record<string, string>;
}): Ingress | undefined {
  if (!configMap.metadata?.annotations?.[MIGRATION_ANNOTATIONS.removedIngress])
    return undefined;
  try {
    const ingress = JSON.parse(configMap.data?.[REMOVED_INGRESS_KEY] ?? '');
    return ingress?.kind === 'Ingress' ? ingress : undefined;
  } catch {
    return undefined;
  }
}
