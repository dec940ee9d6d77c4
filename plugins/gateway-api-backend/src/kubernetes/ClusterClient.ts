import {
  ApisApi,
  AuthenticationV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  RequestContext,
} from '@kubernetes/client-node';
import { GATEWAY_API_ANNOTATIONS } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterCredential, GatewayApiCluster } from './GatewayApiCluster';
import { toKubernetesApiError } from './apiError';
import { KeepAliveAgents } from './keepAliveAgents';
import { KubeHttp } from './kubeHttp';
import { DEFAULT_RETRY, RetryOptions, statusCodeOf, withRetry } from './retry';
import { ServedApis } from './ServedApis';

/** client-node's object API with its discovery lookup (protected there) opened. */
class ObjectApi extends KubernetesObjectApi {
  async pluralOf(apiVersion: string, kind: string) {
    return (await this.resource(apiVersion, kind))?.name;
  }
}

/** One page of a list as the server sends it. */
interface ListPage<T> {
  items: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** An API group as discovery (`/apis`) names it, its versions in the server's priority order. */
export interface DiscoveredGroup {
  name: string;
  preferredVersion?: string;
  versions: string[];
}

/** Where a Kubernetes object lives. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

const describeRef = (ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>) =>
  `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;

export interface ClusterClientOptions {
  /** Per call, each attempt. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Objects per list page; 500 by default, like kubectl. */
  pageSize?: number;
  servedApis?: { maxAgeMs?: number };
}

export interface WriteOptions {
  /** Server-side dry run: the API server validates and admits, and stores nothing. */
  dryRun?: boolean;
}

/**
 * The one way Gatehouse talks to a cluster: `@kubernetes/client-node` over HTTP, with a timeout
 * on every call and retries for the calls that are safe to repeat. Writes are server-side
 * applies with the `gatehouse` field manager, so running an action twice changes nothing.
 */
export class ClusterClient {
  readonly name: string;
  readonly kubeConfig: KubeConfig;
  private readonly objects: ObjectApi;
  private readonly customObjects: CustomObjectsApi;
  private readonly http: KubeHttp;
  private readonly apis: ApisApi;
  private readonly authentication: AuthenticationV1Api;
  private readonly timeoutMs: number;
  private readonly retry: RetryOptions;
  private readonly pageSize: number;
  /** What this cluster serves, from discovery: one cached read shared by every caller. */
  readonly servedApis: ServedApis;

  constructor(cluster: GatewayApiCluster, options: ClusterClientOptions = {}) {
    this.name = cluster.name;
    this.kubeConfig = kubeConfigFor(cluster);
    this.objects = this.kubeConfig.makeApiClient(ObjectApi);
    this.customObjects = this.kubeConfig.makeApiClient(CustomObjectsApi);
    this.apis = this.kubeConfig.makeApiClient(ApisApi);
    this.authentication = this.kubeConfig.makeApiClient(AuthenticationV1Api);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.pageSize = options.pageSize ?? 500;
    this.http = new KubeHttp(this.kubeConfig, this.timeoutMs);
    this.servedApis = new ServedApis(this, options.servedApis);
  }

  /**
   * The user the cluster takes this client for (a SelfSubjectReview, as `kubectl auth whoami`
   * asks), or undefined on a cluster that cannot say (older than Kubernetes 1.28, or forbidden).
   */
  async username(): Promise<string | undefined> {
    try {
      const review = await this.idempotent(
        () =>
          this.authentication.createSelfSubjectReview({
            body: {
              apiVersion: 'authentication.k8s.io/v1',
              kind: 'SelfSubjectReview',
            },
          }),
        'Asking the cluster who Gatehouse is',
      );
      return review.status?.userInfo?.username;
    } catch (error) {
      if ([403, 404].includes(statusCodeOf(error) ?? 0)) return undefined;
      throw error;
    }
  }

  /** The API groups the cluster serves (`GET /apis`). Use {@link servedApis}, which caches it. */
  async apiGroups(): Promise<DiscoveredGroup[]> {
    const list = await this.idempotent(
      () => this.apis.getAPIVersions(),
      'Discovering API groups',
    );
    return (list.groups ?? []).map(g => ({
      name: g.name,
      preferredVersion: g.preferredVersion?.version,
      versions: (g.versions ?? []).map(v => v.version),
    }));
  }

  /** The kinds one group version serves (`GET /apis/<group>/<version>`), subresources left out. */
  async apiResources(
    group: string,
    version: string,
  ): Promise<Array<{ kind: string; name: string; namespaced: boolean }>> {
    try {
      const list = await this.idempotent(
        () => this.customObjects.getAPIResources({ group, version }),
        `Discovering ${group}/${version}`,
      );
      return (list.resources ?? [])
        .filter(r => !r.name.includes('/'))
        .map(r => ({ kind: r.kind, name: r.name, namespaced: r.namespaced }));
    } catch (error) {
      // Removed between the group list and this read: it serves nothing now.
      if (statusCodeOf(error) === 404) return [];
      throw error;
    }
  }

  /**
   * The OpenAPI v3 document the API server publishes for one group version
   * (`GET /openapi/v3/apis/<group>/<version>`, what `kubectl explain` reads; the discovery roles
   * grant it), with each served kind's schema; undefined where the cluster does not publish it.
   * Use {@link servedApis}, which reads what it needs from it once per discovery read.
   */
  async openApiV3(group: string, version: string): Promise<unknown> {
    try {
      return await this.idempotent(
        () =>
          this.http.getJson<unknown>(`/openapi/v3/apis/${group}/${version}`),
        `Reading the OpenAPI schema of ${group}/${version}`,
      );
    } catch (error) {
      if ([403, 404].includes(statusCodeOf(error) ?? 0)) return undefined;
      throw error;
    }
  }

  /** The object, or undefined when the cluster says it does not exist. */
  async get<T extends KubernetesObject>(
    ref: ObjectRef,
  ): Promise<T | undefined> {
    try {
      return await this.idempotent(
        () =>
          this.objects.read<T>({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
          }),
        `Reading ${describeRef(ref)}`,
      );
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Every object of a kind, following `continue` tokens page by page. */
  async list<T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string } = {},
  ): Promise<T[]> {
    return (await this.listWithVersion<T>(apiVersion, kind, options)).items;
  }

  /**
   * Every object of a kind with the resourceVersion of the list's snapshot, from which a watch
   * resumes without missing a change.
   */
  async listWithVersion<T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string } = {},
  ): Promise<{ items: T[]; resourceVersion?: string }> {
    const path = await this.collectionPath(apiVersion, kind, options.namespace);
    return this.listCollection<T>(path, kind, options);
  }

  /**
   * {@link listWithVersion} of a collection whose path is known already (a kind discovery has
   * found: {@link ServedApis}), without asking the cluster for it again.
   */
  async listCollection<T extends KubernetesObject>(
    path: string,
    kind: string,
    options: { labelSelector?: string } = {},
  ): Promise<{ items: T[]; resourceVersion?: string }> {
    const items: T[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(this.pageSize) });
      if (options.labelSelector) {
        query.set('labelSelector', options.labelSelector);
      }
      if (continueToken) query.set('continue', continueToken);
      const page = await this.idempotent(
        () => this.http.getJson<ListPage<T>>(`${path}?${query}`),
        `Listing ${kind}`,
      );
      for (const item of page.items ?? []) items.push(item);
      resourceVersion = page.metadata?.resourceVersion;
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return { items, resourceVersion };
  }

  /**
   * Watches a collection from a resourceVersion (from {@link listWithVersion}), with bookmarks
   * so an idle kind keeps a fresh version. `onEvent` gets every event, `ERROR` ones included;
   * `onDone` is called once when the stream ends: with no error when the server closed it at
   * `timeoutSeconds`. Resolves to the controller that stops the watch.
   */
  watch(
    path: string,
    options: { resourceVersion?: string; timeoutSeconds: number },
    onEvent: (phase: string, object: any) => void,
    onDone: (error?: unknown) => void,
  ): Promise<AbortController> {
    const query = new URLSearchParams({
      watch: 'true',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(options.timeoutSeconds),
    });
    if (options.resourceVersion) {
      query.set('resourceVersion', options.resourceVersion);
    }
    return this.http.watch(`${path}?${query}`, { onEvent, onDone });
  }

  /** Where a kind's objects are listed, its plural from discovery (cached by client-node). */
  private async collectionPath(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): Promise<string> {
    const plural = await this.idempotent(
      () => this.objects.pluralOf(apiVersion, kind),
      `Discovering ${kind}`,
    );
    if (!plural) {
      // What a server answers for a kind it does not serve, so callers treat it alike.
      throw Object.assign(
        new Error(
          `${apiVersion} ${kind} is not served by cluster ${this.name}`,
        ),
        { code: 404 },
      );
    }
    return `${apiVersion.includes('/') ? '/apis' : '/api'}/${apiVersion}${
      namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
    }/${plural}`;
  }

  /**
   * Server-side apply. An apply states the whole intent of its field manager, so it is
   * idempotent and safe to retry. `fieldManager` defaults to `gatehouse`; a distinct manager per
   * hostname lets several exposures own entries of one shared object side by side.
   */
  async apply<T extends KubernetesObject>(
    object: T,
    options: WriteOptions & { fieldManager?: string } = {},
  ): Promise<T> {
    const body = withoutServerFields(object);
    return this.idempotent(
      () =>
        this.objects.patch<T>(
          body,
          undefined,
          options.dryRun ? 'All' : undefined,
          options.fieldManager ?? GATEWAY_API_ANNOTATIONS.fieldManager,
          true,
          PatchStrategy.ServerSideApply,
        ),
      `${options.dryRun ? 'Dry-run apply' : 'Applying'} ${describeRef({
        kind: object.kind ?? '',
        namespace: object.metadata?.namespace,
        name: object.metadata?.name ?? '',
      })}`,
    );
  }

  /** Deletes an object; false when it was already gone. */
  async delete(ref: ObjectRef, options: WriteOptions = {}): Promise<boolean> {
    try {
      await this.idempotent(
        () =>
          this.objects.delete(
            {
              apiVersion: ref.apiVersion,
              kind: ref.kind,
              metadata: { name: ref.name, namespace: ref.namespace },
            },
            undefined,
            options.dryRun ? 'All' : undefined,
          ),
        `Deleting ${describeRef(ref)}`,
      );
      return true;
    } catch (error) {
      if (statusCodeOf(error) === 404) return false;
      throw error;
    }
  }

  private async idempotent<T>(
    call: () => Promise<T>,
    what: string,
  ): Promise<T> {
    try {
      return await withRetry(
        () => withTimeout(call(), this.timeoutMs),
        this.retry,
      );
    } catch (error) {
      throw toKubernetesApiError(error, `${what} in cluster ${this.name}`);
    }
  }
}

/** A kubeconfig whose requests and watches share one keep-alive agent ({@link KeepAliveAgents}). */
class KeepAliveKubeConfig extends KubeConfig {
  private readonly agents = new KeepAliveAgents();

  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    context.setAgent(this.agents.pooled(context.getAgent())!);
  }

  async applyToFetchOptions(
    opts: Parameters<KubeConfig['applyToFetchOptions']>[0],
  ): ReturnType<KubeConfig['applyToFetchOptions']> {
    const init = await super.applyToFetchOptions(opts);
    return { ...init, agent: this.agents.pooled(init.agent) };
  }
}

/**
 * A kubeconfig whose credential is asked for on every request and every watch connection,
 * so a short-lived token (EKS, GKE, AKS, a projected service account token) is renewed
 * before it expires, and a watch that reconnects after a 401 does so with a fresh one.
 */
class FreshCredentialKubeConfig extends KeepAliveKubeConfig {
  constructor(
    private readonly clusterName: string,
    private readonly credential: () => Promise<ClusterCredential>,
  ) {
    super();
  }

  private async bearer(): Promise<string | undefined> {
    const credential = await this.credential();
    if (credential.type === 'bearer token') return `Bearer ${credential.token}`;
    if (credential.type === 'anonymous') return undefined;
    throw new Error(
      `The authentication strategy of cluster ${this.clusterName} returned a client certificate; configure it as clientCertData/clientKeyData instead`,
    );
  }

  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const authorization = await this.bearer();
    if (authorization) context.setHeaderParam('Authorization', authorization);
  }

  async applyToFetchOptions(
    opts: Parameters<KubeConfig['applyToFetchOptions']>[0],
  ): ReturnType<KubeConfig['applyToFetchOptions']> {
    const init = await super.applyToFetchOptions(opts);
    const authorization = await this.bearer();
    // client-node builds these headers as a fetch Headers object.
    const headers = init.headers as unknown as Headers;
    if (authorization) headers.set('Authorization', authorization);
    return init;
  }
}

function kubeConfigFor(cluster: GatewayApiCluster): KubeConfig {
  const kubeConfig = cluster.credential
    ? new FreshCredentialKubeConfig(cluster.name, cluster.credential)
    : new KeepAliveKubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        caFile: cluster.caFile,
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [
      {
        name: 'gatehouse',
        token: cluster.serviceAccountToken,
        certData: cluster.clientCertData,
        keyData: cluster.clientKeyData,
        certFile: cluster.clientCertFile,
        keyFile: cluster.clientKeyFile,
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'gatehouse' },
    ],
    currentContext: cluster.name,
  });
  return kubeConfig;
}

/** Fields the server owns; sending them in an apply would be refused or mean a stale check. */
function withoutServerFields<T extends KubernetesObject>(object: T): T {
  const {
    resourceVersion: _rv,
    managedFields: _mf,
    uid: _uid,
    creationTimestamp: _ct,
    generation: _g,
    ...metadata
  } = object.metadata ?? {};
  const { status: _status, ...rest } = object as T & { status?: unknown };
  return { ...rest, metadata } as T;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(
        `the Kubernetes API did not answer within ${ms} ms`,
      );
      error.name = 'TimeoutError';
      reject(error);
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
