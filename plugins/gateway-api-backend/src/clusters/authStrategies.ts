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
 * The Kubernetes plugin's own server-side strategies, by authProvider. `clientCertificate`
 * is Gatehouse's: no token, the client certificate configured on the cluster is the identity.
 */
export function defaultAuthStrategies(
  config: Config,
  logger: LoggerService,
): Map<string, AuthenticationStrategy> {
  return new Map<string, AuthenticationStrategy>([
    ['serviceAccount', new ServiceAccountTokenStrategy()],
    ['aws', new AwsIamStrategy({ config })],
    ['googleServiceAccount', new GoogleServiceAccountStrategy({ config })],
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
