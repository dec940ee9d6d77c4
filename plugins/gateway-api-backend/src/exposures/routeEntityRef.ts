import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * The catalog entity a route exposes: its entity-ref annotation (what the expose action
 * writes), else the Kubernetes plugin's `backstage.io/kubernetes-id` label as a component.
 */
export function routeEntityRef(route: {
  metadata?: {
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
}): string | undefined {
  const annotated =
    route.metadata?.annotations?.[GATEWAY_API_ANNOTATIONS.entityRef];
  if (annotated) return annotated;
  const id = route.metadata?.labels?.[GATEWAY_API_ANNOTATIONS.kubernetesId];
  return id ? `component:default/${id}` : undefined;
}
