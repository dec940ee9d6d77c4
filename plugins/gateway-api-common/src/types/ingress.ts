import { KubernetesObject } from './meta';

/**
 * The Kubernetes Ingress API (networking.k8s.io/v1), read when teams migrate to the Gateway API.
 * Every field is optional because the domain reads objects it did not validate.
 */

/**
 * The API group of Ingress and IngressClass.
 *
 * @public
 */
export const INGRESS_API_GROUP = 'networking.k8s.io';

/**
 * Where an Ingress sends a request: a Service port, or another resource (IngressBackend).
 *
 * @public
 */
export interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

/**
 * One path of an Ingress rule (HTTPIngressPath).
 *
 * @public
 */
export interface HTTPIngressPath {
  path?: string;
  pathType?: 'Exact' | 'Prefix' | 'ImplementationSpecific' | string;
  backend?: IngressBackend;
}

/**
 * One host rule of an Ingress; no host means every host.
 *
 * @public
 */
export interface IngressRule {
  host?: string;
  http?: { paths?: HTTPIngressPath[] };
}

/**
 * The TLS Secret an Ingress serves for some of its hosts.
 *
 * @public
 */
export interface IngressTLS {
  hosts?: string[];
  secretName?: string;
}

/**
 * An Ingress.
 *
 * @public
 */
export interface Ingress extends KubernetesObject {
  kind?: 'Ingress';
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    tls?: IngressTLS[];
    rules?: IngressRule[];
  };
  status?: {
    loadBalancer?: {
      ingress?: Array<{ ip?: string; hostname?: string }>;
    };
  };
}

/**
 * An IngressClass: names the controller (`k8s.io/ingress-nginx` for ingress-nginx).
 *
 * @public
 */
export interface IngressClass extends KubernetesObject {
  kind?: 'IngressClass';
  spec?: {
    controller?: string;
    parameters?: {
      apiGroup?: string;
      kind?: string;
      name?: string;
      namespace?: string;
      scope?: string;
    };
  };
}
