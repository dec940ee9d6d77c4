import { ReferenceGrant } from '../types';

/**
 * One side of a cross-namespace reference, as a ReferenceGrant names it.
 *
 * @public
 */
export interface ReferenceEnd {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Whether a reference from one namespace to an object in another is allowed: a reference in the
 * same namespace always is; otherwise a ReferenceGrant in the target's namespace must list the
 * source (group, kind, namespace) in `from` and the target (group, kind, optional name) in `to`.
 *
 * @public
 */
export function isReferencePermitted(
  from: Omit<ReferenceEnd, 'name'>,
  to: ReferenceEnd,
  referenceGrants: ReferenceGrant[] = [],
): boolean {
  if (from.namespace === to.namespace) return true;
  return referenceGrants.some(
    grant =>
      grant.metadata?.namespace === to.namespace &&
      (grant.spec?.from ?? []).some(
        f =>
          (f.group ?? '') === from.group &&
          f.kind === from.kind &&
          f.namespace === from.namespace,
      ) &&
      (grant.spec?.to ?? []).some(
        t =>
          (t.group ?? '') === to.group &&
          t.kind === to.kind &&
          (t.name === undefined || t.name === '' || t.name === to.name),
      ),
  );
}
