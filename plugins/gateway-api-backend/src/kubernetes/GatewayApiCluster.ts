/**
 * A cluster Gatehouse talks to, read from the same `kubernetes:` section the Backstage
 * Kubernetes plugin reads, so a platform team configures each cluster once.
 */
export interface GatewayApiCluster {
  name: string;
  url: string;
  /** Bearer token of the service account; never logged, never sent to the browser. */
  serviceAccountToken?: string;
  caData?: string;
  skipTLSVerify: boolean;
}
