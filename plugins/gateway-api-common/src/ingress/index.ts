export * from './types';
export { translateIngress } from './translate';
export {
  ENVOY_GATEWAY_CONTROLLER_NAME,
  implementationForControllerName,
} from './implementation';
export {
  INGRESS_NGINX_ANNOTATIONS,
  INGRESS_NGINX_ANNOTATION_PREFIX,
} from './annotationTable';
export type {
  IngressNginxAnnotation,
  IngressNginxAnnotationHandling,
} from './annotationTable';
