import {
  Ingress,
  IngressClass,
  normaliseHostname,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** An Ingress and an IngressClass as Gatehouse reads them (the shapes live in common). */
export type IngressObject = Ingress;
export type IngressClassObject = IngressClass;

export const INGRESS_API_VERSION = 'networking.k8s.io/v1';

/** The class annotation that predates `spec.ingressClassName`; ingress-nginx still honours it. */
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** Marks the IngressClass that Ingresses without a class get (Kubernetes API). */
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The class an Ingress belongs to: its field, else the legacy annotation, else the default. */
export function ingressClassOf(
  ingress: IngressObject,
  classes: IngressClassObject[],
): { name?: string; controller?: string } {
  const name =
    ingress.spec?.ingressClassName ??
    ingress.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION] ??
    classes.find(
      c => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
    )?.metadata?.name;
  const controller = classes.find(c => c.metadata?.name === name)?.spec
    ?.controller;
  return { name, controller };
}

/** One hostname an Ingress serves, with the Secret its `spec.tls` names for it. */
export interface IngressHost {
  hostname: string;
  tlsSecretName?: string;
  /** Services its paths send traffic to. */
  backends: Array<{ namespace: string; name: string; port?: number }>;
}

/**
 * The hostnames of an Ingress, normalised like every other hostname Gatehouse compares (a
 * rule without host serves every name and is no hostname of its own). A host listed only in
 * `spec.tls` is not served; the rules say what is.
 */
export function ingressHosts(ingress: IngressObject): IngressHost[] {
  const ns = ingress.metadata?.namespace ?? '';
  const byHost = new Map<string, IngressHost>();
  for (const rule of ingress.spec?.rules ?? []) {
    if (!rule.host) continue;
    const normalised = normaliseHostname(rule.host, { allowWildcard: true });
    if (!normalised.ok) continue;
    const entry = byHost.get(normalised.hostname) ?? {
      hostname: normalised.hostname,
      tlsSecretName: tlsSecretFor(ingress, rule.host),
      backends: [],
    };
    for (const path of rule.http?.paths ?? []) {
      const service = path.backend?.service;
      if (!service?.name) continue;
      if (
        !entry.backends.some(
          b => b.name === service.name && b.port === service.port?.number,
        )
      ) {
        entry.backends.push({
          namespace: ns,
          name: service.name,
          port: service.port?.number,
        });
      }
    }
    byHost.set(normalised.hostname, entry);
  }
  return [...byHost.values()];
}

function tlsSecretFor(ingress: IngressObject, host: string) {
  const wanted = host.toLowerCase().replace(/\.$/, '');
  return ingress.spec?.tls?.find(t =>
    (t.hosts ?? []).some(h => h.toLowerCase().replace(/\.$/, '') === wanted),
  )?.secretName;
}

/** Addresses the controller published in `status.loadBalancer.ingress`. */
export function ingressAddresses(ingress: IngressObject): string[] {
  return (ingress.status?.loadBalancer?.ingress ?? [])
    .map(a => a.ip ?? a.hostname)
    .filter((a): a is string => Boolean(a));
}

export const ingressId = (ingress: IngressObject) =>
  `Ingress/${ingress.metadata?.namespace}/${ingress.metadata?.name}`;
