import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';
import {
  GkeClusterLister,
  defaultGkeClusterLister,
  readGkeClusters,
} from './gkeLocator';

/**
 * Auth providers that act as the signed-in user (the browser sends the user's token with each
 * request). A background cache has no user, so a cluster using one cannot be read by Gatehouse.
 */
export const USER_ONLY_AUTH_PROVIDERS = ['oidc', 'google', 'aks'];

/** A cluster as configured, before its authentication strategy is attached. */
export interface ConfiguredCluster extends GatewayApiCluster {
  authProvider: string;
  /** The Kubernetes plugin's auth metadata (annotation keys), handed to its strategies. */
  authMetadata: Record<string, string>;
}

export interface ClusterConfigNotes {
  /** A locator Gatehouse does not read (with why). */
  onSkippedLocator?: (type: string, reason: string) => void;
  /** A cluster Gatehouse cannot read on its own behalf (with why); the others are still read. */
  onSkippedCluster?: (name: string, reason: string) => void;
  /** The GKE API client for `gke` locators; the real one (application default credentials) by default. */
  gke?: () => Promise<GkeClusterLister>;
}

const LOCATORS_NOT_READ: Record<string, string> = {
  catalog:
    'clusters from the catalog are not read by the Gateway API plugin yet; list them under a "config" locator',
};

/**
 * Reads the clusters of `kubernetes.clusterLocatorMethods` with the Kubernetes plugin's keys
 * and meanings (its locators are internal to it, so the keys are read here): `config`, `gke`
 * and `localKubectlProxy`. A cluster whose authProvider acts as the signed-in user is skipped
 * and reported, as is a GKE project that cannot be listed; the others are still read.
 */
export async function readGatewayApiClusters(
  config: Config,
  notes: ClusterConfigNotes = {},
): Promise<ConfiguredCluster[]> {
  const locators =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ConfiguredCluster[] = [];
  const names = new Set<string>();
  const add = (cluster: ConfiguredCluster) => {
    if (names.has(cluster.name)) {
      throw new Error(`Duplicate cluster name '${cluster.name}'`);
    }
    names.add(cluster.name);
    if (USER_ONLY_AUTH_PROVIDERS.includes(cluster.authProvider)) {
      notes.onSkippedCluster?.(
        cluster.name,
        `its authProvider "${cluster.authProvider}" acts as the signed-in user, and the Gateway API plugin reads clusters in the background on its own behalf. Use "serviceAccount", "aws", "googleServiceAccount" or "azure" for this cluster`,
      );
      return;
    }
    clusters.push(cluster);
  };
  for (const locator of locators) {
    const type = locator.getString('type');
    if (type === 'config') {
      for (const c of locator.getOptionalConfigArray('clusters') ?? []) {
        add(readConfigCluster(c));
      }
    } else if (type === 'gke') {
      try {
        const lister = await (notes.gke ?? defaultGkeClusterLister)();
        for (const c of await readGkeClusters(locator, lister)) add(c);
      } catch (error) {
        notes.onSkippedLocator?.(
          type,
          `listing the clusters of GKE project "${locator.getOptionalString(
            'projectId',
          )}" failed: ${(error as Error).message}`,
        );
      }
    } else if (type === 'localKubectlProxy') {
      add({
        name: 'local',
        url: 'http://127.0.0.1:8001',
        authProvider: 'localKubectlProxy',
        authMetadata: {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
        },
        // kubectl proxy serves plain HTTP on loopback; client-node needs this to allow it.
        skipTLSVerify: true,
      });
    } else {
      notes.onSkippedLocator?.(
        type,
        LOCATORS_NOT_READ[type] ?? 'unknown cluster locator type',
      );
    }
  }
  return clusters;
}

/** One cluster of a `config` locator, with ConfigClusterLocator's keys plus client certificates. */
function readConfigCluster(c: Config): ConfiguredCluster {
  const name = c.getString('name');
  const block = (c.getOptional('authMetadata') ?? {}) as Record<string, string>;
  const authProvider =
    block[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    c.getOptionalString('authProvider');
  if (!authProvider) {
    throw new Error(
      `cluster '${name}' has no auth provider configured; this must be specified via the 'authProvider' or 'authMetadata.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}' parameter`,
    );
  }
  const serviceAccountToken = c.getOptionalString('serviceAccountToken');
  const assumeRole = c.getOptionalString('assumeRole');
  const externalId = c.getOptionalString('externalId');
  return {
    name,
    url: c.getString('url'),
    authProvider,
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
      ...(serviceAccountToken && { serviceAccountToken }),
      ...(assumeRole && {
        [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: assumeRole,
      }),
      ...(externalId && {
        [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: externalId,
      }),
      ...block,
    },
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    clientCertData: c.getOptionalString('clientCertData'),
    clientKeyData: c.getOptionalString('clientKeyData'),
    clientCertFile: c.getOptionalString('clientCertFile'),
    clientKeyFile: c.getOptionalString('clientKeyFile'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
  };
}
