import { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { ConfiguredCluster } from './clusters';

/** A GKE cluster as the GKE API lists it (the fields read here). */
export interface GkeCluster {
  name?: string | null;
  endpoint?: string | null;
  resourceLabels?: Record<string, string> | null;
  masterAuth?: { clusterCaCertificate?: string | null } | null;
  controlPlaneEndpointsConfig?: {
    dnsEndpointConfig?: { endpoint?: string | null } | null;
  } | null;
}

/** What Gatehouse asks of the GKE API: `ClusterManagerClient.listClusters`. */
export interface GkeClusterLister {
  listClusters(request: {
    parent: string;
  }): Promise<[{ clusters?: GkeCluster[] | null }, ...unknown[]]>;
}

/** The GKE API's client, with the backend's Google credentials (application default). */
export async function defaultGkeClusterLister(): Promise<GkeClusterLister> {
  const container = await import('@google-cloud/container');
  return new container.v1.ClusterManagerClient() as unknown as GkeClusterLister;
}

/**
 * The clusters of a `gke` locator, with the Kubernetes plugin's keys and meanings: `projectId`,
 * `region` (default every one), `authProvider` (`googleServiceAccount`, else the signed-in
 * user's `google`), `matchingResourceLabels`, `endpointType` (`public` or `dns`),
 * `skipTLSVerify`. Unlike the Kubernetes plugin, the cluster's CA is kept as its caData.
 * Listed at start-up and again on every refresh (see createGatewayApiClusters).
 */
export async function readGkeClusters(
  locator: Config,
  lister: GkeClusterLister,
): Promise<ConfiguredCluster[]> {
  const projectId = locator.getString('projectId');
  const region = locator.getOptionalString('region') ?? '-';
  const authProvider =
    locator.getOptionalString('authProvider') === 'googleServiceAccount'
      ? 'googleServiceAccount'
      : 'google';
  const dns = locator.getOptionalString('endpointType') === 'dns';
  const labels = (
    locator.getOptionalConfigArray('matchingResourceLabels') ?? []
  ).map(l => ({ key: l.getString('key'), value: l.getString('value') }));
  const [response] = await lister.listClusters({
    parent: `projects/${projectId}/locations/${region}`,
  });
  return (response.clusters ?? [])
    .filter(c => c.name && c.endpoint)
    .filter(c => labels.every(l => c.resourceLabels?.[l.key] === l.value))
    .map(c => {
      const dnsEndpoint =
        c.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
      return {
        name: c.name!,
        url: `https://${dns && dnsEndpoint ? dnsEndpoint : c.endpoint}`,
        authProvider,
        authMetadata: { [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider },
        caData: c.masterAuth?.clusterCaCertificate ?? undefined,
        skipTLSVerify: locator.getOptionalBoolean('skipTLSVerify') ?? false,
      };
    });
}
