import { isIP } from 'node:net';
import { StatusUpdate } from '../kube/actions';
import { Failures } from '../kube/failures';
import { KubeObject } from '../kube/types';

export interface IngressNginxSnapshot {
  ingresses: KubeObject[];
  ingressClasses: KubeObject[];
}

export interface IngressNginxSettings {
  /** IngressClass `spec.controller` this controller serves. */
  controllerName: string;
  /** What it publishes in `status.loadBalancer.ingress`: an IP, or else a hostname. */
  address: string;
}

export interface IngressNginxResult {
  updates: StatusUpdate[];
  failures: string[];
}

export const DEFAULT_CLASS_ANNOTATION =
  'ingressclass.kubernetes.io/is-default-class';
/** The deprecated class annotation, which ingress-nginx still honours. */
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** The names of our IngressClasses, and whether one of them is the cluster's default. */
function ourClasses(classes: KubeObject[], controllerName: string) {
  const ours = classes.filter(c => c.spec?.controller === controllerName);
  return {
    names: new Set(ours.map(c => c.metadata.name)),
    isDefault: ours.some(
      c => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
    ),
  };
}

/**
 * Whether the Ingress is of our class: `spec.ingressClassName`, else the
 * `kubernetes.io/ingress.class` annotation, names one of our classes; an
 * Ingress with neither is ours when one of our classes is the default.
 */
export function isOurIngress(
  ingress: KubeObject,
  classes: { names: Set<string>; isDefault: boolean },
): boolean {
  const className: unknown = ingress.spec?.ingressClassName;
  if (typeof className === 'string' && className !== '') {
    return classes.names.has(className);
  }
  const annotation = ingress.metadata.annotations?.[CLASS_ANNOTATION];
  if (annotation) return classes.names.has(annotation);
  return classes.isDefault;
}

const DNS_NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An address the API server accepts in `status.loadBalancer.ingress`. */
export function isValidAddress(address: string): boolean {
  return (
    isIP(address) !== 0 || (address.length <= 253 && DNS_NAME.test(address))
  );
}

export function loadBalancerEntry(address: string): LoadBalancerIngress {
  return isIP(address) !== 0 ? { ip: address } : { hostname: address };
}

function sameEntry(a: LoadBalancerIngress, b: LoadBalancerIngress): boolean {
  return (
    (a.ip ?? '') === (b.ip ?? '') && (a.hostname ?? '') === (b.hostname ?? '')
  );
}

/**
 * ingress-nginx's status sync: every Ingress of our class carries our
 * address in `status.loadBalancer.ingress`; one that left our class loses it
 * (other controllers' entries stay).
 */
export function reconcileIngressNginx(
  snapshot: IngressNginxSnapshot,
  settings: IngressNginxSettings,
): IngressNginxResult {
  const failures = new Failures();
  const classes = ourClasses(snapshot.ingressClasses, settings.controllerName);
  const entry = loadBalancerEntry(settings.address);
  const updates: StatusUpdate[] = [];
  for (const ingress of snapshot.ingresses) {
    const status = failures.guard(ingress, undefined, () =>
      desiredStatus(ingress, isOurIngress(ingress, classes), entry),
    );
    if (status) {
      updates.push({
        type: 'status',
        resource: 'ingresses',
        object: ingress,
        status,
      });
    }
  }
  return { updates, failures: failures.messages };
}

/** The Ingress's new status, or undefined when it has nothing of ours to add or remove. */
function desiredStatus(
  ingress: KubeObject,
  ours: boolean,
  entry: LoadBalancerIngress,
): Record<string, unknown> | undefined {
  const current: LoadBalancerIngress[] = Array.isArray(
    ingress.status?.loadBalancer?.ingress,
  )
    ? ingress.status.loadBalancer.ingress
    : [];
  const others = current.filter(e => !sameEntry(e, entry));
  const hasOurs = others.length !== current.length;
  if (ours === hasOurs) return undefined;
  const next = ours ? [...others, entry] : others;
  const loadBalancer: Record<string, unknown> = {
    ...ingress.status?.loadBalancer,
    ingress: next,
  };
  if (next.length === 0) delete loadBalancer.ingress;
  return { ...ingress.status, loadBalancer };
}
