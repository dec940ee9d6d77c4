import { ControllerLogger } from './kube/controllerRuntime';

export type { ControllerLogger } from './kube/controllerRuntime';

/**
 * The simulated Gateway API controller. It plays Envoy Gateway, NGINX Gateway Fabric and Cilium,
 * each by its GatewayClass `controllerName` (any other name it is given plays Envoy Gateway).
 */
export interface GatewayApiControllerOptions {
  /** Run this controller. Default true. */
  enabled?: boolean;
  /**
   * GatewayClass `controllerName`s it manages. Default Envoy Gateway's
   * (`gateway.envoyproxy.io/gatewayclass-controller`), NGINX Gateway Fabric's
   * (`gateway.nginx.org/nginx-gateway-controller`) and Cilium's (`io.cilium/gateway-controller`).
   */
  controllerNames?: string[];
  /** The one GatewayClass NGINX Gateway Fabric manages; others are GatewayClassConflict. Default `nginx`. */
  nginxGatewayFabricClassName?: string;
  /** Addresses handed to Gateways: ranges `a.b.c.d-a.b.c.e` or single IPv4s. Default `['192.0.2.10-192.0.2.250']`. */
  addressPool?: string[];
  /** Time between a Gateway's acceptance and its address (Programmed). Default 300 ms. */
  addressDelayMs?: number;
}

/** The simulated cert-manager controller. */
export interface CertManagerControllerOptions {
  /** Run this controller. Default true. */
  enabled?: boolean;
  /** Time between two steps of an issuance. Default 300 ms. */
  stepDelayMs?: number;
  /** Namespace of the Secrets of ClusterIssuers. Default `cert-manager`. */
  clusterResourceNamespace?: string;
  /** Lifetime of issued certificates unless `spec.duration` says otherwise. Default `2160h` (90 days). */
  certificateLifetime?: string;
  /** Lifetime of certificates for `expiringSoonSuffixes`. Default `72h`. */
  expiringSoonLifetime?: string;
  /** DNS name suffixes that get short-lived certificates. Default none. */
  expiringSoonSuffixes?: string[];
  /** DNS name suffixes whose HTTP-01 challenges fail. Default none. */
  failHttp01Suffixes?: string[];
  /** DNS name suffixes whose DNS-01 challenges fail. Default none. */
  failDns01Suffixes?: string[];
  /** Wait before a failed issuance is retried. Default `1h`. */
  retryAfterFailure?: string;
}

/** The simulated ingress-nginx controller. */
export interface IngressNginxControllerOptions {
  /** Run this controller. Default true. */
  enabled?: boolean;
  /** IngressClass `spec.controller` it serves. Default `k8s.io/ingress-nginx`. */
  controllerName?: string;
  /** The address it writes to `status.loadBalancer.ingress`: an IP, or a DNS name. Default `192.0.2.80`. */
  address?: string;
}

export interface ControllerOptions {
  /** Base URL of the dev cluster's API, e.g. http://127.0.0.1:6443 */
  url: string;
  /** Bearer token with cluster-admin rights in the dev cluster. */
  token: string;
  gatewayApi?: GatewayApiControllerOptions;
  certManager?: CertManagerControllerOptions;
  ingressNginx?: IngressNginxControllerOptions;
  /** Quiet time after a change before reconciling. Default 50 ms. */
  debounceMs?: number;
  /** Wait before listing again after a failed list or watch. Default 1000 ms. */
  retryDelayMs?: number;
  /** Where warnings go. Default `console`. */
  logger?: ControllerLogger;
}

export const defaults = {
  gatewayApi: {
    enabled: true,
    controllerNames: [
      'gateway.envoyproxy.io/gatewayclass-controller',
      'gateway.nginx.org/nginx-gateway-controller',
      'io.cilium/gateway-controller',
    ],
    nginxGatewayFabricClassName: 'nginx',
    addressPool: ['192.0.2.10-192.0.2.250'],
    addressDelayMs: 300,
  },
  certManager: {
    enabled: true,
    stepDelayMs: 300,
    clusterResourceNamespace: 'cert-manager',
    certificateLifetime: '2160h',
    expiringSoonLifetime: '72h',
    expiringSoonSuffixes: [] as string[],
    failHttp01Suffixes: [] as string[],
    failDns01Suffixes: [] as string[],
    retryAfterFailure: '1h',
  },
  ingressNginx: {
    enabled: true,
    controllerName: 'k8s.io/ingress-nginx',
    address: '192.0.2.80',
  },
  debounceMs: 50,
  retryDelayMs: 1000,
};
