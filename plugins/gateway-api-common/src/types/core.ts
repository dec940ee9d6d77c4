import { KubernetesObject } from './meta';

/**
 * A core/v1 Namespace; its labels drive allowedRoutes selectors.
 *
 * @public
 */
export interface Namespace extends KubernetesObject {
  kind?: 'Namespace';
}

/**
 * A core/v1 Service port.
 *
 * @public
 */
export interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

/**
 * A core/v1 Service, the usual backendRef target.
 *
 * @public
 */
export interface Service extends KubernetesObject {
  kind?: 'Service';
  spec?: { type?: string; ports?: ServicePort[] };
}

/**
 * A core/v1 Secret; only its identity matters to the domain, never its data.
 *
 * @public
 */
export interface Secret extends KubernetesObject {
  kind?: 'Secret';
  type?: string;
}
