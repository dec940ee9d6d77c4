import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import {
  ConfiguredCluster,
  LeftOutCluster,
  LocatorClusters,
  userOnlyReason,
} from './clusters';
import { validateCatalogClusterUrl } from './clusterUrl';

/** The Resource type the Kubernetes plugin's catalog locator reads clusters from. */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/** Annotations a cluster entity must carry (the Kubernetes plugin's catalog locator asks for them). */
const REQUIRED = [
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
];

/** Only these annotations are auth metadata, and never a token (as in the Kubernetes plugin). */
const AUTH_METADATA_PREFIX = 'kubernetes.io/';
const BLOCKED_AUTH_METADATA = new Set(['serviceAccountToken']);

/**
 * Reads a `catalog` locator's clusters: `kubernetes-cluster` Resources, with the Kubernetes
 * plugin's annotations and meanings (api-server, its certificate authority, auth-provider, the
 * other `kubernetes.io/` annotations as auth metadata, skip-tls-verify only where the locator's
 * `dangerouslyAllowSkipTLSVerify` allows it) and its guards, since whoever registers an entity
 * chooses where the backend sends a credential: the URL must be HTTPS to a public address
 * (`dangerouslyAllowClusterUrls` lists exceptions), and `serviceAccount` is refused (it would
 * hand over the backend's own service account token). A malformed entity is left out with why.
 * Throws when the catalog cannot be read.
 */
export async function readCatalogClusters(
  locator: Config,
  catalog: Pick<CatalogService, 'getEntities'>,
  credentials: BackstageCredentials,
): Promise<LocatorClusters> {
  const allowUrls = locator.getOptionalStringArray(
    'dangerouslyAllowClusterUrls',
  );
  const allowSkipTLSVerify =
    locator.getOptionalBoolean('dangerouslyAllowSkipTLSVerify') ?? false;
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Resource',
        'spec.type': KUBERNETES_CLUSTER_RESOURCE_TYPE,
      },
    },
    { credentials },
  );
  const read: LocatorClusters = { clusters: [], leftOut: [] };
  // Sorted, so that of two entities with one name the same one wins on every read.
  const entities = [...items].sort((a, b) =>
    stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
  );
  const names = new Set<string>();
  for (const entity of entities) {
    const entityRef = stringifyEntityRef(entity);
    const name = entity.metadata.name;
    const leaveOut = (kind: LeftOutCluster['kind'], reason: string) =>
      read.leftOut.push({ name, locator: 'catalog', kind, reason, entityRef });
    if (names.has(name)) {
      leaveOut(
        'malformedEntity',
        `another kubernetes-cluster entity is named "${name}" too; cluster names must be unique`,
      );
      continue;
    }
    names.add(name);
    const outcome = await clusterOfEntity(entity, {
      allowUrls,
      allowSkipTLSVerify,
    });
    if ('kind' in outcome) {
      leaveOut(outcome.kind, outcome.reason);
      continue;
    }
    const userOnly = userOnlyReason(outcome);
    if (userOnly) {
      leaveOut('userOnlyAuth', userOnly);
      continue;
    }
    read.clusters.push({ ...outcome, entityRef });
  }
  return read;
}

async function clusterOfEntity(
  entity: Entity,
  options: { allowUrls?: string[]; allowSkipTLSVerify: boolean },
): Promise<ConfiguredCluster | Pick<LeftOutCluster, 'kind' | 'reason'>> {
  const annotations = entity.metadata.annotations ?? {};
  const missing = REQUIRED.filter(key => !annotations[key]);
  if (missing.length > 0) {
    return {
      kind: 'malformedEntity',
      reason: `it lacks the annotation${
        missing.length > 1 ? 's' : ''
      } ${missing.join(', ')}`,
    };
  }
  const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
  if (authProvider === 'serviceAccount') {
    return {
      kind: 'malformedEntity',
      reason:
        'the serviceAccount auth provider is not accepted from the catalog (it would send the backend its own service account token to the URL the entity names); use aws, googleServiceAccount, azure or a custom strategy, or configure the cluster under a config locator',
    };
  }
  const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
  try {
    await validateCatalogClusterUrl(url, {
      dangerouslyAllowClusterUrls: options.allowUrls,
    });
  } catch (error) {
    const message = (error as Error).message;
    // A name that does not resolve may resolve later; anything else is the entity's fault.
    const dns = /ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(message);
    return {
      kind: dns ? 'unreachable' : 'malformedEntity',
      reason: dns
        ? `its API server host does not resolve: ${message}`
        : message,
    };
  }
  const authMetadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (
      key.startsWith(AUTH_METADATA_PREFIX) &&
      !BLOCKED_AUTH_METADATA.has(key)
    ) {
      authMetadata[key] = value;
    }
  }
  return {
    name: entity.metadata.name,
    url,
    authProvider,
    authMetadata,
    caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
    skipTLSVerify:
      options.allowSkipTLSVerify &&
      annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
    locator: 'catalog',
  };
}
