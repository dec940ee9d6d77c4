import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import fs from 'node:fs/promises';
import {
  ClusterCredential,
  GatewayApiCluster,
} from '../kubernetes/GatewayApiCluster';
import { ConfiguredCluster } from './clusters';

const MINUTE = 60_000;

/** Where the kubelet mounts a pod's projected service account token, and rotates it. */
export const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * `serviceAccount` as the Kubernetes plugin means it: the configured token, else the pod's own
 * token, read again on each request since the kubelet rotates it. (The plugin's own
 * ServiceAccountStrategy loads client-node through a dynamic import, which this needs not.)
 */
export class ServiceAccountTokenStrategy implements AuthenticationStrategy {
  constructor(private readonly tokenFile = IN_CLUSTER_TOKEN_FILE) {}

  async getCredential(cluster: ClusterDetails): Promise<KubernetesCredential> {
    const token =
      cluster.authMetadata.serviceAccountToken ??
      (await fs.readFile(this.tokenFile, 'utf8')).trim();
    return { type: 'bearer token', token };
  }

  validateCluster(): Error[] {
    return [];
  }

  presentAuthMetadata(): Record<string, string> {
    return {};
  }
}

/**
 * Keeps each cluster's credential for a while shorter than its lifetime. The Kubernetes plugin's
 * aws and googleServiceAccount strategies make a new token on every call (aws with assumeRole
 * calls STS each time), which is right for a user's page load and too much for a cache that
 * asks before every request.
 */
export class CachedCredentialStrategy implements AuthenticationStrategy {
  private readonly cached = new Map<
    string,
    { credential: Promise<KubernetesCredential>; until: number }
  >();

  constructor(
    private readonly strategy: AuthenticationStrategy,
    private readonly keepMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  getCredential(
    cluster: ClusterDetails,
    auth: Parameters<AuthenticationStrategy['getCredential']>[1],
  ): Promise<KubernetesCredential> {
    // Kept by everything the token is made for: a cluster of the same name defined again
    // (a catalog entity changed, say) must not get the token made for the old definition.
    const key = JSON.stringify([
      cluster.name,
      cluster.url,
      cluster.authMetadata,
    ]);
    const hit = this.cached.get(key);
    if (hit && hit.until > this.now()) return hit.credential;
    const credential = this.strategy.getCredential(cluster, auth);
    const entry = { credential, until: this.now() + this.keepMs };
    this.cached.set(key, entry);
    // A failed fetch is not kept: the next request asks again.
    credential.catch(() => {
      if (this.cached.get(key) === entry) {
        this.cached.delete(key);
      }
    });
    return credential;
  }

  validateCluster(authMetadata: Record<string, string>): Error[] {
    return this.strategy.validateCluster(authMetadata);
  }

  presentAuthMetadata(authMetadata: Record<string, string>) {
    return this.strategy.presentAuthMetadata(authMetadata);
  }
}

/**
 * The Kubernetes plugin's own server-side strategies, by authProvider. `clientCertificate`
 * is Gatehouse's: no token, the client certificate configured on the cluster is the identity.
 */
export function defaultAuthStrategies(
  config: Config,
  logger: LoggerService,
): Map<string, AuthenticationStrategy> {
  return new Map<string, AuthenticationStrategy>([
    ['serviceAccount', new ServiceAccountTokenStrategy()],
    // EKS accepts a token for 15 minutes; Google access tokens last an hour.
    [
      'aws',
      new CachedCredentialStrategy(new AwsIamStrategy({ config }), 5 * MINUTE),
    ],
    [
      'googleServiceAccount',
      new CachedCredentialStrategy(
        new GoogleServiceAccountStrategy({ config }),
        10 * MINUTE,
      ),
    ],
    ['azure', new AzureIdentityStrategy(logger)],
    ['localKubectlProxy', new AnonymousStrategy()],
    ['clientCertificate', new AnonymousStrategy()],
  ]);
}

/**
 * Attaches to each cluster a credential asked of its strategy on every request, looked up
 * when asked so strategies added through the extension point after start-up are found.
 */
export function withCredentials(
  clusters: ConfiguredCluster[],
  strategies: Map<string, AuthenticationStrategy>,
): GatewayApiCluster[] {
  return clusters.map(cluster => ({
    ...cluster,
    credential: async (): Promise<ClusterCredential> => {
      const strategy = strategies.get(cluster.authProvider);
      if (!strategy) {
        throw new Error(
          `no authentication strategy "${cluster.authProvider}" is installed for cluster ${cluster.name}`,
        );
      }
      return strategy.getCredential(
        {
          name: cluster.name,
          url: cluster.url,
          authMetadata: cluster.authMetadata,
          caData: cluster.caData,
          caFile: cluster.caFile,
          skipTLSVerify: cluster.skipTLSVerify,
        },
        {},
      );
    },
  }));
}

/** Validation errors of each cluster's auth metadata, as the Kubernetes plugin checks them. */
export function authProblems(
  cluster: ConfiguredCluster,
  strategies: Map<string, AuthenticationStrategy>,
): string[] {
  const strategy = strategies.get(cluster.authProvider);
  if (!strategy) return [];
  return strategy.validateCluster(cluster.authMetadata).map(e => e.message);
}
