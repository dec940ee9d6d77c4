import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import { ClusterProblemKind } from '@gatehouse/backstage-plugin-gateway-api-common';
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
  /** The locator it comes from: `config`, `catalog`, `gke`, `localKubectlProxy`. */
  locator?: string;
  /** The `kubernetes-cluster` Resource a `catalog` locator's cluster comes from. */
  entityRef?: string;
}

/** A cluster Gatehouse does not read, with why (it is reported, the others are read). */
export interface LeftOutCluster {
  name: string;
  locator: string;
  kind: ClusterProblemKind;
  reason: string;
  entityRef?: string;
}

export interface ClusterConfigNotes {
  /** A locator Gatehouse does not read (with why). */
  onSkippedLocator?: (type: string, reason: string) => void;
  /** A cluster Gatehouse cannot read on its own behalf (with why); the others are still read. */
  onSkippedCluster?: (name: string, reason: string) => void;
  /** The GKE API client for `gke` locators; the real one (application default credentials) by default. */
  gke?: () => Promise<GkeClusterLister>;
}

/** What the locators read at start-up give: the `catalog` ones are read later, and again. */
export interface StartupClusters {
  clusters: ConfiguredCluster[];
  leftOut: LeftOutCluster[];
  locatorsNotRead: Array<{ locator: string; reason: string }>;
  /** The `catalog` locators: the catalog changes, so they are read on a schedule. */
  catalogLocators: Config[];
  /** The `gke` locators: read now, and again on a schedule as the GKE projects change. */
  gkeLocators: Config[];
}

/** The clusters a locator gives when read, and those it leaves out (with why). */
export interface LocatorClusters {
  clusters: ConfiguredCluster[];
  leftOut: LeftOutCluster[];
}

/**
 * The locator types whose clusters come and go while the backend runs: they are read again
 * every `gatewayApi.clusters.refreshInterval`, and a cluster that appears or disappears there is
 * taken in or dropped (watches, cache, catalog entities).
 */
export const REFRESHED_LOCATORS: readonly string[] = ['catalog', 'gke'];

/** Whether a cluster of this locator type may come and go while the backend runs. */
export function isRefreshedLocator(type: string | undefined): boolean {
  return type !== undefined && REFRESHED_LOCATORS.includes(type);
}

/** Whether any locator whose clusters come and go (`catalog`, `gke`) is configured. */
export function hasRefreshedLocator(config: Config): boolean {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).some(locator => isRefreshedLocator(locator.getOptionalString('type')));
}

/** Why a cluster cannot be read on the backend's own behalf, if it cannot. */
export function userOnlyReason(cluster: ConfiguredCluster): string | undefined {
  if (!USER_ONLY_AUTH_PROVIDERS.includes(cluster.authProvider))
    return undefined;
  return `its authProvider "${cluster.authProvider}" acts as the signed-in user, and the Gateway API plugin reads clusters in the background on its own behalf. Use "serviceAccount", "aws", "googleServiceAccount" or "azure" for this cluster`;
}

/**
 * A `gke` locator's clusters, through the GKE API; a cluster whose authProvider acts as the
 * signed-in user (the locator's default, `google`) is left out with why. Throws, saying which
 * project, when the project cannot be listed.
 */
export async function readGkeLocator(
  locator: Config,
  lister: () => Promise<GkeClusterLister>,
): Promise<LocatorClusters> {
  let listed: ConfiguredCluster[];
  try {
    listed = await readGkeClusters(locator, await lister());
  } catch (error) {
    throw new Error(
      `listing the clusters of GKE project "${locator.getOptionalString(
        'projectId',
      )}" failed: ${(error as Error).message}`,
    );
  }
  const read: LocatorClusters = { clusters: [], leftOut: [] };
  for (const cluster of listed) {
    const reason = userOnlyReason(cluster);
    if (reason) {
      read.leftOut.push({
        name: cluster.name,
        locator: 'gke',
        kind: 'userOnlyAuth',
        reason,
      });
    } else read.clusters.push({ ...cluster, locator: 'gke' });
  }
  return read;
}

/**
 * Reads the clusters of `kubernetes.clusterLocatorMethods` with the Kubernetes plugin's keys
 * and meanings (its locators are internal to it, so the keys are read here): `config`, `gke`
 * and `localKubectlProxy` now; `catalog` locators are handed back, to be read once the catalog
 * answers, and `gke` ones too, to be read again. A cluster whose authProvider acts as the
 * signed-in user is left out and reported, as is a GKE project that cannot be listed; the
 * others are still read.
 */
export async function readStartupClusters(
  config: Config,
  options: Pick<ClusterConfigNotes, 'gke'> = {},
): Promise<StartupClusters> {
  const locators =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const read: StartupClusters = {
    clusters: [],
    leftOut: [],
    locatorsNotRead: [],
    catalogLocators: [],
    gkeLocators: [],
  };
  const names = new Set<string>();
  const claim = (name: string) => {
    if (names.has(name)) throw new Error(`Duplicate cluster name '${name}'`);
    names.add(name);
  };
  const add = (cluster: ConfiguredCluster) => {
    claim(cluster.name);
    const reason = userOnlyReason(cluster);
    if (reason) {
      read.leftOut.push({
        name: cluster.name,
        locator: cluster.locator ?? 'config',
        kind: 'userOnlyAuth',
        reason,
      });
      return;
    }
    read.clusters.push(cluster);
  };
  for (const locator of locators) {
    const type = locator.getString('type');
    if (type === 'config') {
      for (const c of locator.getOptionalConfigArray('clusters') ?? []) {
        add({ ...readConfigCluster(c), locator: type });
      }
    } else if (type === 'gke') {
      read.gkeLocators.push(locator);
      try {
        const gke = await readGkeLocator(
          locator,
          options.gke ?? defaultGkeClusterLister,
        );
        gke.clusters.forEach(add);
        for (const leftOut of gke.leftOut) {
          claim(leftOut.name);
          read.leftOut.push(leftOut);
        }
      } catch (error) {
        read.locatorsNotRead.push({
          locator: type,
          reason: (error as Error).message,
        });
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
        locator: type,
      });
    } else if (type === 'catalog') {
      read.catalogLocators.push(locator);
    } else {
      read.locatorsNotRead.push({
        locator: type,
        reason: 'unknown cluster locator type',
      });
    }
  }
  return read;
}

/**
 * The clusters of the locators read at start-up, reporting what is left out through `notes`
 * (the `catalog` locators are read later, by the clusters service).
 */
export async function readGatewayApiClusters(
  config: Config,
  notes: ClusterConfigNotes = {},
): Promise<ConfiguredCluster[]> {
  const read = await readStartupClusters(config, notes);
  for (const { locator, reason } of read.locatorsNotRead) {
    notes.onSkippedLocator?.(locator, reason);
  }
  for (const { name, reason } of read.leftOut) {
    notes.onSkippedCluster?.(name, reason);
  }
  return read.clusters;
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
