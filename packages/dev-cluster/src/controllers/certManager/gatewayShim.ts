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

function issuerRefOf(gateway: KubeObject): IssuerRef | undefined {
  const annotations = gateway.metadata.annotations ?? {};
  const issuer = annotations[ANNOTATION.issuer];
  const clusterIssuer = annotations[ANNOTATION.clusterIssuer];
  // cert-manager refuses a Gateway that names both.
  if (!issuer === !clusterIssuer) return undefined;
  return {
    name: (issuer ?? clusterIssuer)!,
    kind:
      annotations[ANNOTATION.issuerKind] ??
      (issuer ? 'Issuer' : 'ClusterIssuer'),
    group: annotations[ANNOTATION.issuerGroup] ?? CERT_MANAGER_GROUP,
  };
}

/**
 * The Certificates cert-manager's gateway-shim wants for an annotated
 * Gateway: one per certificateRef Secret of a TLS-terminating listener with
 * a hostname, named after the Secret and owned by the Gateway.
 */
export function desiredCertificates(gateway: KubeObject): KubeObject[] {
  const issuerRef = issuerRefOf(gateway);
  if (!issuerRef) return [];
  const namespace = gateway.metadata.namespace!;
  const dnsNamesBySecret = new Map<string, string[]>();
  for (const listener of gateway.spec?.listeners ?? []) {
    if (!listener.tls || (listener.tls.mode ?? 'Terminate') !== 'Terminate')
      continue;
    if (!listener.hostname) continue;
    for (const ref of listener.tls.certificateRefs ?? []) {
      if ((ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '')
        continue;
      if ((ref.namespace ?? namespace) !== namespace) continue;
      const names = dnsNamesBySecret.get(ref.name) ?? [];
      if (!names.includes(listener.hostname)) names.push(listener.hostname);
      dnsNamesBySecret.set(ref.name, names);
    }
  }
  const annotations = gateway.metadata.annotations ?? {};
  const lifetime = annotations[LIFETIME_ANNOTATION];
  return [...dnsNamesBySecret].map(([secretName, dnsNames]) => ({
    apiVersion: `${CERT_MANAGER_GROUP}/v1`,
    kind: 'Certificate',
    metadata: {
      name: secretName,
      namespace,
      ...(lifetime ? { annotations: { [LIFETIME_ANNOTATION]: lifetime } } : {}),
      ownerReferences: [
        {
          apiVersion: gateway.apiVersion ?? 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          name: gateway.metadata.name,
          uid: gateway.metadata.uid ?? '',
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
 * Creates a Gateway's missing Certificates and updates the spec of those it
 * owns; a Certificate of the same name owned by something else is left alone.
 */
export function reconcileGatewayShim(
  gateway: KubeObject,
  certificates: KubeObject[],
): Action[] {
  const actions: Action[] = [];
  for (const desired of desiredCertificates(gateway)) {
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
    const spec = { ...existing.spec, ...desired.spec };
    if (isOwnedBy(existing, gateway) && !sameJson(existing.spec, spec)) {
      actions.push({
        type: 'replace',
        resource: 'certificates',
        object: { ...existing, spec },
      });
    }
  }
  return actions;
}

function isOwnedBy(obj: KubeObject, owner: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some(
    ref =>
      ref.kind === 'Gateway' &&
      ref.name === owner.metadata.name &&
      (!owner.metadata.uid || ref.uid === owner.metadata.uid),
  );
}
