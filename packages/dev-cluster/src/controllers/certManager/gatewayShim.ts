import { Action } from '../kube/actions';
import { KubeObject } from '../kube/types';
import { sameJson } from '../kube/status';
import { CERT_MANAGER_GROUP, IssuerRef } from './issuers';

const ANNOTATION = {
  issuer: 'cert-manager.io/issuer',
  clusterIssuer: 'cert-manager.io/cluster-issuer',
  issuerKind: 'cert-manager.io/issuer-kind',
  issuerGroup: 'cert-manager.io/issuer-group',
  duration: 'cert-manager.io/duration',
  renewBefore: 'cert-manager.io/renew-before',
};

/** Copied from the Gateway so a demo Gateway can ask for a short-lived certificate. */
export const LIFETIME_ANNOTATION = 'dev-cluster.gatehouse.dev/lifetime';

function issuerRefOf(
  annotations: Record<string, string>,
): IssuerRef | undefined {
  const issuer = annotations[ANNOTATION.issuer];
  const clusterIssuer = annotations[ANNOTATION.clusterIssuer];
  // cert-manager refuses an object that names both.
  if (!issuer === !clusterIssuer) return undefined;
  return {
    name: (issuer ?? clusterIssuer)!,
    kind:
      annotations[ANNOTATION.issuerKind] ??
      (issuer ? 'Issuer' : 'ClusterIssuer'),
    group: annotations[ANNOTATION.issuerGroup] ?? CERT_MANAGER_GROUP,
  };
}

const IGNORE_TLS_LISTENERS = 'cert-manager.io/ignore-tls-listeners';

/** Where cert-manager v1.21 points a Certificate's HTTP-01 solver route. */
const HTTP01_PARENT_REF = {
  kind: 'acme.cert-manager.io/http01-parentrefkind',
  name: 'acme.cert-manager.io/http01-parentrefname',
  namespace: 'acme.cert-manager.io/http01-parentrefnamespace',
  fallback: 'acme.cert-manager.io/http01-parentreffallback',
};

/** A Gateway or ListenerSet, the objects whose listeners the shim reads. */
type ShimOwnerKind = 'Gateway' | 'ListenerSet';

interface ShimListener {
  name: string;
  protocol: string;
  hostname?: string;
  tls?: {
    mode?: string;
    certificateRefs?: {
      group?: string;
      kind?: string;
      name: string;
      namespace?: string;
    }[];
  };
}

/**
 * DNS names by Secret, from the listeners cert-manager issues for: HTTPS or
 * TLS, not passthrough, not named in `cert-manager.io/ignore-tls-listeners`,
 * with a hostname and only same-namespace Secret refs (a listener breaking
 * one of these is skipped whole, as cert-manager does).
 */
function dnsNamesBySecret(
  listeners: ShimListener[],
  namespace: string,
  annotations: Record<string, string>,
): Map<string, string[]> {
  const ignored = (annotations[IGNORE_TLS_LISTENERS] ?? '')
    .split(',')
    .map(name => name.trim());
  const bySecret = new Map<string, string[]>();
  for (const listener of listeners) {
    if (!['HTTPS', 'TLS'].includes(listener.protocol)) continue;
    const mode = listener.tls?.mode ?? 'Terminate';
    if (mode === 'Passthrough') continue;
    if (ignored.includes(listener.name)) continue;
    const refs = listener.tls?.certificateRefs ?? [];
    const valid =
      !!listener.hostname &&
      refs.length > 0 &&
      mode === 'Terminate' &&
      refs.every(
        ref =>
          ['', 'core'].includes(ref.group ?? '') &&
          ['', 'Secret'].includes(ref.kind ?? 'Secret') &&
          (ref.namespace ?? namespace) === namespace,
      );
    if (!valid) continue;
    for (const ref of refs) {
      const names = bySecret.get(ref.name) ?? [];
      if (!names.includes(listener.hostname!)) names.push(listener.hostname!);
      bySecret.set(ref.name, names);
    }
  }
  return bySecret;
}

function certificatesFor(
  owner: KubeObject,
  ownerKind: ShimOwnerKind,
  annotations: Record<string, string>,
  certificateAnnotations: Record<string, string>,
): KubeObject[] {
  const issuerRef = issuerRefOf(annotations);
  if (!issuerRef) return [];
  const namespace = owner.metadata.namespace!;
  const lifetime = annotations[LIFETIME_ANNOTATION];
  const metadataAnnotations = {
    ...certificateAnnotations,
    ...(lifetime ? { [LIFETIME_ANNOTATION]: lifetime } : {}),
  };
  const bySecret = dnsNamesBySecret(
    owner.spec?.listeners ?? [],
    namespace,
    annotations,
  );
  return [...bySecret].map(([secretName, dnsNames]) => ({
    apiVersion: `${CERT_MANAGER_GROUP}/v1`,
    kind: 'Certificate',
    metadata: {
      name: secretName,
      namespace,
      ...(Object.keys(metadataAnnotations).length > 0
        ? { annotations: metadataAnnotations }
        : {}),
      ownerReferences: [
        {
          apiVersion: owner.apiVersion ?? 'gateway.networking.k8s.io/v1',
          kind: ownerKind,
          name: owner.metadata.name,
          uid: owner.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      secretName,
      dnsNames,
      issuerRef,
      ...(annotations[ANNOTATION.duration]
        ? { duration: annotations[ANNOTATION.duration] }
        : {}),
      ...(annotations[ANNOTATION.renewBefore]
        ? { renewBefore: annotations[ANNOTATION.renewBefore] }
        : {}),
    },
  }));
}

/**
 * The Certificates cert-manager's gateway-shim wants for an annotated
 * Gateway: one per certificateRef Secret of a TLS-terminating listener with
 * a hostname, named after the Secret and owned by the Gateway.
 */
export function desiredCertificates(gateway: KubeObject): KubeObject[] {
  return certificatesFor(
    gateway,
    'Gateway',
    gateway.metadata.annotations ?? {},
    {},
  );
}

/** `namespace/name` of the Gateway a ListenerSet's parentRef names. */
export function listenerSetGatewayKey(listenerSet: KubeObject): string {
  const ref = listenerSet.spec?.parentRef ?? {};
  return `${ref.namespace || listenerSet.metadata.namespace}/${ref.name}`;
}

/**
 * A ListenerSet's annotations as cert-manager v1.21 reads them: without an
 * issuer of its own it takes its Gateway's, and the Gateway's issuer-kind
 * and issuer-group win over its own.
 */
export function inheritedAnnotations(
  listenerSet: KubeObject,
  gateway: KubeObject,
): Record<string, string> {
  const own = { ...listenerSet.metadata.annotations };
  const parent = gateway.metadata.annotations ?? {};
  if (!(ANNOTATION.issuer in own) && !(ANNOTATION.clusterIssuer in own)) {
    for (const key of [ANNOTATION.issuer, ANNOTATION.clusterIssuer]) {
      if (key in parent) own[key] = parent[key];
    }
  }
  for (const key of [ANNOTATION.issuerKind, ANNOTATION.issuerGroup]) {
    if (key in parent) own[key] = parent[key];
  }
  return own;
}

/**
 * The Certificates cert-manager v1.21's ListenerSet shim wants: as for a
 * Gateway, from the ListenerSet's listeners, in its namespace and owned by
 * it, once its parent Gateway exists. Each names the ListenerSet (or, with
 * `acme.cert-manager.io/http01-parentreffallback: "true"`, the Gateway) as
 * the parent of its HTTP-01 solver route.
 */
export function desiredListenerSetCertificates(
  listenerSet: KubeObject,
  gateway: KubeObject | undefined,
): KubeObject[] {
  if (!listenerSet.spec?.parentRef?.name || !gateway) return [];
  const annotations = inheritedAnnotations(listenerSet, gateway);
  const fallback = /^(1|t|true)$/i.test(
    annotations[HTTP01_PARENT_REF.fallback] ?? '',
  );
  const parentRef = fallback
    ? {
        [HTTP01_PARENT_REF.kind]: 'Gateway',
        [HTTP01_PARENT_REF.name]: gateway.metadata.name,
        [HTTP01_PARENT_REF.namespace]: gateway.metadata.namespace!,
      }
    : {
        [HTTP01_PARENT_REF.kind]: 'ListenerSet',
        [HTTP01_PARENT_REF.name]: listenerSet.metadata.name,
      };
  return certificatesFor(listenerSet, 'ListenerSet', annotations, parentRef);
}

/**
 * Creates a Gateway's missing Certificates and updates the spec of those it
 * owns; a Certificate of the same name owned by something else is left alone.
 */
export function reconcileGatewayShim(
  gateway: KubeObject,
  certificates: KubeObject[],
): Action[] {
  return reconcileShimCertificates(
    gateway,
    'Gateway',
    desiredCertificates(gateway),
    certificates,
  );
}

/** The same for a ListenerSet, whose parent Gateway is looked up in `gateways`. */
export function reconcileListenerSetShim(
  listenerSet: KubeObject,
  gateways: KubeObject[],
  certificates: KubeObject[],
): Action[] {
  const key = listenerSetGatewayKey(listenerSet);
  const gateway = gateways.find(
    g => `${g.metadata.namespace}/${g.metadata.name}` === key,
  );
  return reconcileShimCertificates(
    listenerSet,
    'ListenerSet',
    desiredListenerSetCertificates(listenerSet, gateway),
    certificates,
  );
}

function reconcileShimCertificates(
  owner: KubeObject,
  ownerKind: ShimOwnerKind,
  desiredCertificatesOfOwner: KubeObject[],
  certificates: KubeObject[],
): Action[] {
  const actions: Action[] = [];
  for (const desired of desiredCertificatesOfOwner) {
    const existing = certificates.find(
      c =>
        c.metadata.namespace === desired.metadata.namespace &&
        c.metadata.name === desired.metadata.name,
    );
    if (!existing) {
      actions.push({
        type: 'create',
        resource: 'certificates',
        object: desired,
      });
      continue;
    }
    if (!isOwnedBy(existing, owner, ownerKind)) continue;
    const spec = { ...existing.spec, ...desired.spec };
    const annotations = {
      ...existing.metadata.annotations,
      ...desired.metadata.annotations,
    };
    if (
      !sameJson(existing.spec, spec) ||
      !sameJson(existing.metadata.annotations ?? {}, annotations)
    ) {
      actions.push({
        type: 'replace',
        resource: 'certificates',
        object: {
          ...existing,
          metadata: {
            ...existing.metadata,
            ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          },
          spec,
        },
      });
    }
  }
  return actions;
}

function isOwnedBy(
  obj: KubeObject,
  owner: KubeObject,
  ownerKind: ShimOwnerKind,
): boolean {
  return (obj.metadata.ownerReferences ?? []).some(
    ref =>
      ref.kind === ownerKind &&
      ref.name === owner.metadata.name &&
      (!owner.metadata.uid || ref.uid === owner.metadata.uid),
  );
}
