import { Condition, KubernetesObject } from './meta';

/**
 * A cert-manager issuerRef.
 *
 * @public
 */
export interface IssuerReference {
  name?: string;
  kind?: 'Issuer' | 'ClusterIssuer' | string;
  group?: string;
}

/**
 * A cert-manager Certificate.
 *
 * @public
 */
export interface Certificate extends KubernetesObject {
  kind?: 'Certificate';
  spec?: {
    secretName?: string;
    commonName?: string;
    dnsNames?: string[];
    issuerRef?: IssuerReference;
    duration?: string;
    renewBefore?: string;
  };
  status?: {
    conditions?: Condition[];
    notBefore?: string;
    notAfter?: string;
    renewalTime?: string;
    revision?: number;
    lastFailureTime?: string;
    failedIssuanceAttempts?: number;
  };
}

/**
 * A cert-manager CertificateRequest, one issuance attempt of a Certificate.
 *
 * @public
 */
export interface CertificateRequest extends KubernetesObject {
  kind?: 'CertificateRequest';
  spec?: { issuerRef?: IssuerReference };
  status?: { conditions?: Condition[]; failureTime?: string };
}

/**
 * The state of an ACME Order or Challenge.
 *
 * @public
 */
export type AcmeState =
  | 'valid'
  | 'ready'
  | 'pending'
  | 'processing'
  | 'invalid'
  | 'expired'
  | 'errored';

/**
 * A cert-manager ACME Order.
 *
 * @public
 */
export interface Order extends KubernetesObject {
  kind?: 'Order';
  spec?: { dnsNames?: string[]; issuerRef?: IssuerReference };
  status?: {
    state?: AcmeState | string;
    reason?: string;
    failureTime?: string;
  };
}

/**
 * A cert-manager ACME Challenge, one proof of control of one dnsName.
 *
 * @public
 */
export interface Challenge extends KubernetesObject {
  kind?: 'Challenge';
  spec?: {
    type?: 'HTTP-01' | 'DNS-01' | string;
    dnsName?: string;
    wildcard?: boolean;
    issuerRef?: IssuerReference;
  };
  status?: {
    state?: AcmeState | string;
    reason?: string;
    presented?: boolean;
    processing?: boolean;
  };
}

/**
 * A cert-manager Issuer or ClusterIssuer (only the ACME server is read from the spec).
 *
 * @public
 */
export interface Issuer extends KubernetesObject {
  kind?: 'Issuer' | 'ClusterIssuer';
  spec?: {
    acme?: { server?: string; email?: string };
    ca?: { secretName?: string };
    selfSigned?: Record<string, unknown>;
  };
  status?: { conditions?: Condition[] };
}

/**
 * A cert-manager ClusterIssuer: same shape as an Issuer, without a namespace.
 *
 * @public
 */
export type ClusterIssuer = Issuer;
