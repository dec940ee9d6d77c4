import { Config } from '@backstage/config';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';

const SUPPORTED_AUTH_PROVIDERS = ['serviceAccount'];

/**
 * Reads every cluster of the `config` cluster locator. Other locator types belong to the
 * Kubernetes plugin alone; they are skipped (and reported) rather than guessed at.
 *
 * @throws Error when a cluster uses an auth provider Gatehouse cannot use on its own behalf.
 */
export function readGatewayApiClusters(
  config: Config,
  onSkippedLocator: (type: string) => void = () => {},
): GatewayApiCluster[] {
  const locators =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: GatewayApiCluster[] = [];
  for (const locator of locators) {
    const type = locator.getString('type');
    if (type !== 'config') {
      onSkippedLocator(type);
      continue;
    }
    for (const cluster of locator.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider = cluster.getString('authProvider');
      if (!SUPPORTED_AUTH_PROVIDERS.includes(authProvider)) {
        throw new Error(
          `Cluster "${name}" uses authProvider "${authProvider}", which the Gateway API plugin cannot use: it acts on its own behalf, not the signed-in user's. Use authProvider "serviceAccount" with a serviceAccountToken (see the plugin README for the ClusterRole it needs).`,
        );
      }
      clusters.push({
        name,
        url: cluster.getString('url'),
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      });
    }
  }
  return clusters;
}
