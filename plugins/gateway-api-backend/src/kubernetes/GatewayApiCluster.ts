/**
 * How Gatehouse authenticates to a cluster on a request: a bearer token, a client certificate,
 * or nothing (the TLS client certificate, or a local `kubectl proxy`, carries the identity).
 */
export type ClusterCredential =
  | { type: 'bearer token'; token: string }
  | { type: 'x509 client certificate'; cert: string; key: string }
  | { type: 'anonymous' };

/**
 * A cluster Gatehouse talks to, read from the same `kubernetes:` section the Backstage
 * Kubernetes plugin reads, so a platform team configures each cluster once.
 */
export interface GatewayApiCluster {
  name: string;
  url: string;
  /** The Kubernetes plugin's `authProvider` (`serviceAccount`, `aws`, ...); informative here. */
  authProvider?: string;
  /** Bearer token of the service account; never logged, never sent to the browser. */
  serviceAccountToken?: string;
  /** Base64 PEM of the CA that signs the API server's certificate, as in a kubeconfig. */
  caData?: string;
  caFile?: string;
  /** Base64 PEM client certificate and key (or files), as a kubeconfig's `client-certificate-data`. */
  clientCertData?: string;
  clientKeyData?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  skipTLSVerify: boolean;
  /**
   * Asked before every request and every watch (re)connect, so a token that expires is
   * replaced without a restart; the strategy behind it caches and refreshes its token.
   */
  credential?: () => Promise<ClusterCredential>;
}
