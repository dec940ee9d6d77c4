import { Action } from '../kube/actions';
import { ResourceName } from '../kube/resources';
import { sameStatus } from '../kube/status';
import { KubeObject, OwnerReference } from '../kube/types';

export interface CertManagerSnapshot {
  issuers: KubeObject[];
  clusterIssuers: KubeObject[];
  certificates: KubeObject[];
  certificateRequests: KubeObject[];
  orders: KubeObject[];
  challenges: KubeObject[];
  secrets: KubeObject[];
  gateways: KubeObject[];
  listenerSets: KubeObject[];
  /** HTTP-01 solver Services and HTTPRoutes live among these. */
  services: KubeObject[];
  httpRoutes: KubeObject[];
}

export interface CertManagerSettings {
  now: Date;
  /** Where ClusterIssuers' Secrets live. */
  clusterResourceNamespace: string;
  defaultLifetimeMs: number;
  expiringSoonLifetimeMs: number;
  expiringSoonSuffixes: string[];
  failHttp01Suffixes: string[];
  failDns01Suffixes: string[];
  /** How long a failed issuance waits before it is retried. */
  retryAfterFailureMs: number;
}

export const ANNOTATIONS = {
  certificateName: 'cert-manager.io/certificate-name',
  revision: 'cert-manager.io/certificate-revision',
  privateKeySecretName: 'cert-manager.io/private-key-secret-name',
};

export function findNamed(
  objects: KubeObject[],
  namespace: string | undefined,
  name: string,
): KubeObject | undefined {
  return objects.find(
    o => o.metadata.namespace === namespace && o.metadata.name === name,
  );
}

/** A status action, or none when the status would not change. */
export function statusAction(
  resource: ResourceName,
  object: KubeObject,
  status: Record<string, unknown>,
): Action[] {
  return sameStatus(object.status ?? {}, status)
    ? []
    : [{ type: 'status', resource, object, status }];
}

export function controllerOwner(
  owner: KubeObject,
  apiVersion: string,
  kind: string,
): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function endsWithAny(name: string, suffixes: string[]): boolean {
  return suffixes.some(suffix => suffix && name.endsWith(suffix));
}

/** A stable short hash for generated names, like cert-manager's suffixes. */
export function nameHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash);
}
