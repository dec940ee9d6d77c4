import { KubernetesObject } from '@kubernetes/client-node';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Drops what the product never reads and what makes cached objects heavy: managedFields and
 * kubectl's last-applied copy of the whole object. Secrets are never cached at all.
 */
export function trimObject<T extends KubernetesObject>(
  object: T,
  /** Set on the copy: one copy per object, at 200k objects a sync. */
  overrides: Partial<Pick<KubernetesObject, 'apiVersion' | 'kind'>> = {},
): T {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  if (metadata.annotations?.[LAST_APPLIED] !== undefined) {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } =
      metadata.annotations;
    metadata.annotations = annotations;
  }
  return { ...object, ...overrides, metadata };
}
