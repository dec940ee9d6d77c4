import { Entity } from '@backstage/catalog-model';

/** A kubernetes-cluster Resource with the Kubernetes plugin's annotations. */
export function clusterEntity(
  name: string,
  annotations: Record<string, string | undefined>,
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace,
      annotations: Object.fromEntries(
        Object.entries(annotations).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}
