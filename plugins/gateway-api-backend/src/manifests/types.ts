/**
 * Inputs and outputs of the manifest builders. Inputs arrive validated and normalised: the guards
 * (hostname rules, tenant containment, permissions) run before any builder is called.
 */

/** A Kubernetes object as the builders emit it: plain JSON, ready to apply or to print. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** The three gateway layouts: a Gateway per exposed service, a Gateway per tenant, one Gateway for the cluster. */
export type GatewayLayout = 'dedicated' | 'tenant-shared' | 'cluster-shared';

/** How a tenant's certificates are issued. */
export type CertificateOption =
  | {
      type: 'acme-http01';
      server: 'staging' | 'production';
      email: string;
    }
  | {
      type: 'acme-dns01';
      server: 'staging' | 'production';
      email: string;
      /** A cert-manager ACME `dns01` solver, passed through untouched. */
      solver: Record<string, unknown>;
    }
  | { type: 'self-signed' }
  /** An existing ClusterIssuer: nothing is created for it. */
  | { type: 'cluster-issuer'; name: string }
  /**
   * A ClusterIssuer created for the cluster-shared Gateway (cluster-shared layout only): ACME
   * HTTP-01 through the shared Gateway's `http` listener, where every cluster-shared tenant's
   * hostnames arrive, so one ACME account serves them all.
   */
  | {
      type: 'acme-http01-cluster-issuer';
      name: string;
      server: 'staging' | 'production';
      email: string;
    };

/**
 * How the real client IP reaches the Gateway, written the way the tenant's implementation reads
 * it (its profile refuses what it cannot express). `trustedAddresses` are the addresses or CIDRs
 * of the load balancers or proxies in front: NGINX Gateway Fabric rewrites the client IP only for
 * them; for X-Forwarded-For they decide when listed, the hop count (Envoy Gateway) otherwise.
 */
export type ClientIpOption =
  | { mode: 'none' }
  | { mode: 'proxy-protocol'; trustedAddresses?: string[] }
  | {
      mode: 'x-forwarded-for';
      numTrustedHops?: number;
      trustedAddresses?: string[];
    }
  | { mode: 'custom-header'; header: string; failClosed?: boolean };

/**
 * How the tenant's Gateway Service is published: a LoadBalancer (with Cilium, optionally from an
 * IP pool of the tenant's own: CIDRs), or ClusterIP on external IPs.
 */
export type ServiceExposureOption =
  | { type: 'LoadBalancer'; ipPool?: string[] }
  | { type: 'ClusterIP'; externalIPs: string[] };

/** The one Gateway that every cluster-shared tenant attaches to . */
export interface SharedGatewaySettings {
  /** Namespace of the shared Gateway, e.g. `gateway`. */
  namespace: string;
  /** Name of the shared Gateway, e.g. `shared`. */
  name: string;
  /** GatewayClass of the shared Gateway, owned by the platform (e.g. `eg`). */
  gatewayClassName: string;
  /** The label an application namespace carries to opt in (`shared-gateway-access: "true"`). */
  optInLabel: { key: string; value: string };
}

/** A tenant, as provisioned by the "Provision a tenant gateway" template. */
export interface TenantSpec {
  name: string;
  /** `tenant-<name>`. */
  namespace: string;
  /** DNS domains the tenant owns, normalised (lower case, punycode, no trailing dot). */
  domains: string[];
  parentTenant?: string;
  /**
   * A child tenant's ancestors, nearest first (`parentTenant` first), computed by the caller from
   * the parent chain; `[parentTenant]` when absent.
   */
  ancestorTenants?: string[];
  /** Backstage group ref, e.g. `group:default/team-a`. */
  ownerGroup: string;
  /** Namespaces, besides the tenant namespace, allowed to attach routes to the tenant's Gateways. */
  attachedNamespaces: string[];
  layout: GatewayLayout;
  /** Whether the tenant may expose wildcard hostnames; absent means no. */
  allowWildcards?: boolean;
  certificates: CertificateOption;
  clientIp: ClientIpOption;
  serviceExposure: ServiceExposureOption;
  /**
   * Controller of the tenant's GatewayClass; it chooses the implementation profile
   * (implementations/) that writes the implementation's own objects.
   */
  controllerName: string;
  /** The platform's GatewayClass for the tenant-shared Gateway (dedicated tenants get their own). */
  gatewayClassName: string;
  /** Names computed by the caller. */
  names: {
    /** The tenant's own Gateway (tenant-shared). */
    gateway: string;
    /** The tenant's Issuer (and its ACME account Secret prefix); unused for `cluster-issuer`. */
    issuer: string;
    /** Namespace of the dedicated layout's EnvoyProxy; Envoy Gateway reads a GatewayClass's parameters there. */
    envoyProxyNamespace: string;
  };
  /** Required for the cluster-shared layout. */
  sharedGateway?: SharedGatewaySettings;
}

/** One hostname exposed for one Service ("Expose a service"). */
export interface ExposureSpec {
  /** Normalised hostname inside one of the tenant's domains. */
  hostname: string;
  kind: 'HTTPRoute' | 'TLSRoute';
  /** Namespace of the route: the tenant namespace or an attached/opted-in namespace. */
  routeNamespace: string;
  service: { namespace: string; name: string; port: number };
  /** HTTPRoute only; `/` when omitted. */
  pathPrefix?: string;
  /** Catalog entity exposed, e.g. `component:default/checkout`. */
  entityRef: string;
  /** Value of the `backstage.io/kubernetes-id` label. */
  kubernetesId: string;
  /** Names computed by the caller. */
  names: {
    route: string;
    /** The per-service Gateway (dedicated). */
    gateway: string;
    /** The per-hostname listener (tenant-shared, cluster-shared) and its sectionName. */
    listener: string;
    /** Certificate (cluster-shared) and TLS Secret (every layout). */
    certificate: string;
    referenceGrant: string;
  };
}

/** The Gateway API shapes the target cluster serves; the builders write these. */
export interface ServedGatewayApi {
  /** apiVersion to write TLSRoutes with (`gateway.networking.k8s.io/v1`, ...); undefined where TLSRoute is not served. */
  tlsRoute?: string;
  /** apiVersion of ListenerSet where the cluster serves it and the GatewayClass supports it; listeners go on the Gateway otherwise. */
  listenerSet?: string;
}
