import { KubeObject } from '../kube/types';

export interface ReferenceFrom {
  group: string;
  kind: string;
  namespace: string;
}

export interface ReferenceTo {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Whether a reference is allowed: same-namespace references always are;
 * cross-namespace ones need a ReferenceGrant in the target's namespace whose
 * `from` lists the referrer and whose `to` lists the target.
 */
export function isReferenceAllowed(
  referenceGrants: KubeObject[],
  from: ReferenceFrom,
  to: ReferenceTo,
): boolean {
  if (from.namespace === to.namespace) return true;
  return referenceGrants.some(
    grant =>
      grant.metadata.namespace === to.namespace &&
      (grant.spec?.from ?? []).some(
        (f: ReferenceFrom) =>
          (f.group ?? '') === from.group &&
          f.kind === from.kind &&
          f.namespace === from.namespace,
      ) &&
      (grant.spec?.to ?? []).some(
        (t: { group?: string; kind: string; name?: string }) =>
          (t.group ?? '') === to.group &&
          t.kind === to.kind &&
          (!t.name || t.name === to.name),
      ),
  );
}
