/**
 * The public shapes of the Ingress → Gateway API migration: what `translateIngress` takes (an
 * ingress-nginx Ingress and where its routes go) and what it answers (a report of every rule,
 * path and annotation, the differences the user must accept, and the objects to write).
 */
import { IssuerReference } from '../types/certManager';
import { Ingress, IngressClass } from '../types/ingress';
import { Service } from '../types/core';
import { KubernetesObject } from '../types/meta';

/**
 * The Gateway API implementation of the target GatewayClass, from its `controllerName`:
 * Envoy Gateway's policies are written only where its controller runs the class.
 *
 * @public
 */
export type MigrationImplementation = 'envoy-gateway' | 'gateway-api';

/**
 * A parent the generated routes attach to: a Gateway, or a ListenerSet that a shared Gateway
 * admits. The section names say which listener serves each hostname; without them a route
 * attaches to the whole parent.
 *
 * @public
 */
export interface MigrationParentRef {
  /** Default `gateway.networking.k8s.io` (use `gateway.networking.x-k8s.io` with `XListenerSet` at Gateway API v1.4). */
  group?: string;
  kind: 'Gateway' | 'ListenerSet' | 'XListenerSet';
  namespace: string;
  name: string;
  /** Per hostname (as in the Ingress), the listener serving it over HTTPS. */
  httpsSectionNames?: Record<string, string>;
  /**
   * Per hostname, the listener serving it over plain HTTP, where the HTTP → HTTPS redirect
   * route attaches (ingress-nginx redirected hosts with TLS by default).
   */
  httpSectionNames?: Record<string, string>;
}

/**
 * Where the certificates of the migrated hostnames come from.
 *
 * @public
 */
export type MigrationTlsChoice =
  /** The listeners reference the Ingress's own TLS Secrets (`spec.tls[].secretName`). */
  | { mode: 'reuse-secret' }
  /** A cert-manager Certificate per Ingress TLS entry, in `namespace` (default: the first parentRef's). */
  | { mode: 'cert-manager'; issuerRef: IssuerReference; namespace?: string };

/**
 * Where and how the Ingress is migrated.
 *
 * @public
 */
export interface MigrationTarget {
  parentRefs: MigrationParentRef[];
  implementation: MigrationImplementation;
  /**
   * Whether the cluster's HTTPRoute has the CORS filter (Gateway API v1.5+ standard channel,
   * experimental channel before) and the GatewayClass supports it. Otherwise CORS needs Envoy
   * Gateway's SecurityPolicy.
   */
  httpRouteCors?: boolean;
  /**
   * Whether the cluster's HTTPRoute takes the RequestRedirect status codes 303, 307 and 308
   * (Gateway API v1.5 and later; v1.4 has 301 and 302 only, in both channels). Such a code is
   * kept only where this is true and {@link MigrationTarget.supportedFeatures} lists its
   * feature; otherwise 308 becomes 301, and 307 and 303 become 302 (a `redirect-status-code`
   * difference says so).
   */
  httpRouteRedirectCodes?: boolean;
  /**
   * The `status.supportedFeatures` of the GatewayClass the routes attach through: a redirect
   * that needs an extended feature it does not list is a difference, as its controller would
   * refuse the route. Absent or empty (the controller has not reported, or writes none): every
   * redirect is given the benefit of the doubt, except its status code, which is then written
   * as the core 301 or 302 (always served).
   */
  supportedFeatures?: string[];
  /** That GatewayClass's name, for the differences' messages. */
  gatewayClassName?: string;
  tls: MigrationTlsChoice;
  /** Ids of the differences the user accepted (see {@link MigrationDifference}). */
  acceptedDifferences?: string[];
}

/**
 * What to migrate.
 *
 * @public
 */
export interface IngressMigrationInput {
  ingress: Ingress;
  /** The Ingress's IngressClass, when known: a class of another controller is refused. */
  ingressClass?: IngressClass;
  /**
   * The cluster's other Ingresses (the input Ingress may be among them; it is skipped): their
   * canaries are folded into the routes, and a host they share changes matching
   * (host-wide regex, duplicate paths).
   */
  otherIngresses?: Ingress[];
  /** Services of the Ingress's namespace, to turn named Service ports into port numbers. */
  services?: Service[];
  /** ConfigMaps of the cluster, to read the headers a `custom-headers` annotation names. */
  configMaps?: Array<KubernetesObject & { data?: Record<string, string> }>;
  /** The controller's `--annotations-prefix`; default `nginx.ingress.kubernetes.io`. */
  annotationPrefix?: string;
  target: MigrationTarget;
}

/**
 * The kinds of difference between ingress-nginx and the generated Gateway API objects; each
 * difference's id is its kind, plus `:` and its subject when it concerns one host, path or
 * annotation, so it stays the same from one run to the next.
 *
 * @public
 */
export type MigrationDifferenceKind =
  /** use-regex or rewrite-target on any Ingress of a host makes all its paths case-insensitive regex prefixes. */
  | 'host-wide-regex'
  /** A use-regex path uses PCRE that RE2 (the Gateway API's regex dialect) cannot express. */
  | 'pcre-not-re2'
  /** A use-regex path becomes a RegularExpression match (implementation-specific support). */
  | 'regex-path'
  /** An ImplementationSpecific path is a character prefix in nginx; PathPrefix matches whole segments. */
  | 'implementation-specific-prefix'
  /** A `*.` host matches one label in an Ingress and any depth in the Gateway API. */
  | 'wildcard-host-depth'
  /** ssl-redirect is on by default for hosts with TLS: the translation adds an HTTP → HTTPS redirect. */
  | 'ssl-redirect-default'
  /** A redirect route needs the host's HTTP listener, and no section name was given for it. */
  | 'ssl-redirect-needs-http-listener'
  /** The GatewayClass lacks a feature the HTTP → HTTPS redirect route needs: plain HTTP is no longer redirected. */
  | 'https-redirect-unsupported'
  /** The GatewayClass lacks a feature a redirect the host answers with needs (permanent/temporal-redirect, app-root). */
  | 'redirect-unsupported'
  /** A redirect is written with the core code (301, 302) instead of ingress-nginx's 303, 307 or 308: the install or the GatewayClass does not take it. */
  | 'redirect-status-code'
  /** A host without a TLS entry was also served over HTTPS with the controller's default certificate. */
  | 'default-certificate'
  /** Another Ingress serves the same host and path. */
  | 'duplicate-host-path'
  /** spec.defaultBackend: ingress-nginx used it for every unmatched request. */
  | 'default-backend'
  /** proxy-read/send-timeout limit the wait between two reads/writes, not the whole request. */
  | 'timeout-per-read'
  /** limit-rps/limit-rpm counted per client IP; Envoy Gateway's local limit counts the route's clients together. */
  | 'rate-limit-per-client'
  /** basic auth: Envoy Gateway reads a `.htpasswd` key of SHA hashes, not ingress-nginx's `auth` key. */
  | 'basic-auth-secret-format'
  /** A reused TLS Secret is read by a listener in another namespace, which needs a ReferenceGrant. */
  | 'secret-reference-grant'
  /** A Certificate cert-manager made for the Ingress is owned by it: deleting the Ingress stops its renewal. */
  | 'cert-manager-owned-certificate'
  /** The annotation's behaviour has no Gateway API (or implementation) equivalent and is dropped. */
  | 'no-equivalent'
  /** The annotation needs an Envoy Gateway policy, and the target implementation is another. */
  | 'no-equivalent-on-implementation'
  /** A snippet annotation injects raw nginx configuration (a security finding). */
  | 'configuration-injection'
  /** An annotation with the controller's prefix that ingress-nginx does not document. */
  | 'unknown-annotation'
  /** An annotation value ingress-nginx would reject or that cannot be translated. */
  | 'invalid-annotation'
  /** A backend the Gateway API cannot reference (a `resource` backend, an unresolved named port). */
  | 'unsupported-backend'
  /** An Ingress rule host that is not a valid DNS name. */
  | 'invalid-host'
  /** An Ingress path the Gateway API cannot match. */
  | 'invalid-path'
  /** A rule without host (or only a default backend) serves every hostname of the listener. */
  | 'catch-all-host'
  /** The Ingress is a canary; it is migrated with the route of the Ingress it is a canary of. */
  | 'canary-ingress'
  /** The Ingress belongs to another controller than ingress-nginx. */
  | 'not-ingress-nginx';

/**
 * One difference the user must see: blocking ones stop the translation until accepted (or, when
 * not acceptable, until the Ingress or the target changes); informational ones never block.
 *
 * @public
 */
export interface MigrationDifference {
  /** Stable id: the kind, plus `:` and the subject when there is one. */
  id: string;
  kind: MigrationDifferenceKind;
  severity: 'blocking' | 'informational';
  /** False where accepting cannot make a correct translation (the input must change). */
  acceptable: boolean;
  /** A security finding, not only a behaviour change. */
  security?: boolean;
  /** The host, path or annotation it concerns. */
  subject?: string;
  /** One or two sentences for the user. */
  message: string;
  /** Whether the target's acceptedDifferences lists it. */
  accepted: boolean;
}

/**
 * What became of one annotation of the Ingress.
 *
 * @public
 */
export type AnnotationOutcome =
  /** Translated; `gatewayApi` names the field or object it became. */
  | 'mapped'
  /** Dropped: nothing in the Gateway API (or the target implementation) does it. */
  | 'no-equivalent'
  /** Has no effect on routing (logging, tracing), or is read by another tool (cert-manager, kubectl). */
  | 'ignored'
  /** Not an annotation ingress-nginx documents. */
  | 'unknown';

/**
 * The report line of one annotation.
 *
 * @public
 */
export interface AnnotationMapping {
  /** Set when the annotation is on another Ingress folded into this one (a canary): its name. */
  ingress?: string;
  /** Full key, prefix included. */
  annotation: string;
  value: string;
  outcome: AnnotationOutcome;
  /** The Gateway API form, e.g. `HTTPRoute RequestRedirect filter (308, scheme https)`. */
  gatewayApi?: string;
  /** Why, when it is not mapped one to one. */
  reason?: string;
  /** Ids of the differences this annotation raised. */
  differences: string[];
}

/**
 * The report line of one Ingress path (or the default backend).
 *
 * @public
 */
export interface PathMapping {
  /** The rule host; undefined for a rule without host (every host). */
  host?: string;
  /** Undefined for the default backend. */
  path?: string;
  pathType?: string;
  backend: string;
  /** The route and the HTTPRoute match it became, or why none. */
  route?: string;
  match?: HTTPRouteMatch;
  backendRef?: HTTPBackendRef;
  reason?: string;
  differences: string[];
}

/**
 * The HTTPS certificate of one migrated hostname.
 *
 * @public
 */
export interface HostnameTls {
  hostname: string;
  /** The Secret the HTTPS listener must reference (reused, or written by the Certificate). */
  secret?: { namespace: string; name: string };
  /** The Certificate generated for it (cert-manager choice). */
  certificate?: { namespace: string; name: string };
  /** Whether HTTP requests are redirected to HTTPS. */
  httpsRedirect: boolean;
}

/**
 * The whole report: every rule, path and annotation of the Ingress with its Gateway API form.
 *
 * @public
 */
export interface MigrationReport {
  ingress: { namespace: string; name: string };
  /** Why the Ingress became one route or one route per host. */
  routeSplit: string;
  paths: PathMapping[];
  annotations: AnnotationMapping[];
  tls: HostnameTls[];
  differences: MigrationDifference[];
}

/**
 * An HTTPRoute path match.
 *
 * @public
 */
export interface HTTPPathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
}

/**
 * An HTTPRoute header match.
 *
 * @public
 */
export interface HTTPHeaderMatch {
  type?: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}

/**
 * An HTTPRoute match.
 *
 * @public
 */
export interface HTTPRouteMatch {
  path?: HTTPPathMatch;
  headers?: HTTPHeaderMatch[];
}

/**
 * An HTTPRoute backendRef to a Service port.
 *
 * @public
 */
export interface HTTPBackendRef {
  name: string;
  port: number;
  weight?: number;
}

/**
 * A header modifier (RequestHeaderModifier / ResponseHeaderModifier).
 *
 * @public
 */
export interface HTTPHeaderFilter {
  set?: Array<{ name: string; value: string }>;
  add?: Array<{ name: string; value: string }>;
  remove?: string[];
}

/**
 * An HTTPRoute filter, as generated by the migration.
 *
 * @public
 */
export type HTTPRouteFilter =
  | {
      type: 'RequestRedirect';
      requestRedirect: {
        scheme?: 'http' | 'https';
        hostname?: string;
        port?: number;
        path?:
          | { type: 'ReplaceFullPath'; replaceFullPath: string }
          | { type: 'ReplacePrefixMatch'; replacePrefixMatch: string };
        statusCode?: 301 | 302 | 303 | 307 | 308;
      };
    }
  | {
      type: 'URLRewrite';
      urlRewrite: {
        hostname?: string;
        path?:
          | { type: 'ReplaceFullPath'; replaceFullPath: string }
          | { type: 'ReplacePrefixMatch'; replacePrefixMatch: string };
      };
    }
  | { type: 'RequestHeaderModifier'; requestHeaderModifier: HTTPHeaderFilter }
  | {
      type: 'ResponseHeaderModifier';
      responseHeaderModifier: HTTPHeaderFilter;
    }
  | {
      type: 'CORS';
      cors: {
        allowOrigins?: string[];
        allowMethods?: string[];
        allowHeaders?: string[];
        exposeHeaders?: string[];
        allowCredentials?: boolean;
        maxAge?: number;
      };
    };

/**
 * One HTTPRoute rule, as generated by the migration.
 *
 * @public
 */
export interface HTTPRouteRule {
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: HTTPBackendRef[];
  timeouts?: { request?: string; backendRequest?: string };
}

/**
 * A parentRef of a generated route.
 *
 * @public
 */
export interface GeneratedParentRef {
  group?: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
}

/**
 * Metadata of every generated object.
 *
 * @public
 */
export interface GeneratedMetadata {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A generated HTTPRoute (gateway.networking.k8s.io/v1).
 *
 * @public
 */
export interface GeneratedHTTPRoute {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'HTTPRoute';
  metadata: GeneratedMetadata;
  spec: {
    parentRefs: GeneratedParentRef[];
    hostnames?: string[];
    rules: HTTPRouteRule[];
  };
}

/**
 * A generated Envoy Gateway policy targeting one HTTPRoute (gateway.envoyproxy.io/v1alpha1).
 * The spec holds only the fields the migration writes.
 *
 * @public
 */
export interface GeneratedEnvoyPolicy {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1';
  kind: 'BackendTrafficPolicy' | 'SecurityPolicy';
  metadata: GeneratedMetadata;
  spec: {
    targetRefs: Array<{ group: string; kind: 'HTTPRoute'; name: string }>;
  } & Record<string, unknown>;
}

/**
 * A generated cert-manager Certificate (cert-manager.io/v1).
 *
 * @public
 */
export interface GeneratedCertificate {
  apiVersion: 'cert-manager.io/v1';
  kind: 'Certificate';
  metadata: GeneratedMetadata;
  spec: { secretName: string; dnsNames: string[]; issuerRef: IssuerReference };
}

/**
 * Any object the migration writes.
 *
 * @public
 */
export type GeneratedObject =
  | GeneratedHTTPRoute
  | GeneratedEnvoyPolicy
  | GeneratedCertificate;

/**
 * The answer of `translateIngress`: the report always; the objects only when no blocking
 * difference is left unaccepted.
 *
 * @public
 */
export type IngressTranslation =
  | {
      status: 'translated';
      report: MigrationReport;
      objects: GeneratedObject[];
    }
  | {
      status: 'blocked';
      report: MigrationReport;
      /** The blocking differences not accepted (or not acceptable). */
      blocking: MigrationDifference[];
    };
