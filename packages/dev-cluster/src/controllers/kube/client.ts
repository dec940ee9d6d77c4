import { KubeObject } from './types';
import { ResourceType } from './resources';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

const PAGE_SIZE = 500;

/** A minimal Kubernetes API client over Node's fetch. */
export class KubeClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async list(
    type: ResourceType,
    version: string,
    signal?: AbortSignal,
    pageSize = PAGE_SIZE,
  ): Promise<ListResult> {
    const items: KubeObject[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (continueToken) query.set('continue', continueToken);
      const body = await this.request(
        'GET',
        `${collectionPath(type, version)}?${query}`,
        { signal },
      );
      items.push(...(body.items ?? []));
      resourceVersion = body.metadata?.resourceVersion ?? resourceVersion;
      continueToken = body.metadata?.continue || undefined;
    } while (continueToken);
    return { items, resourceVersion };
  }

  /** Streams watch events until the server ends the stream or `signal` aborts. */
  async watch(
    type: ResourceType,
    version: string,
    resourceVersion: string,
    signal: AbortSignal,
    onEvent: (event: WatchEvent) => void,
  ): Promise<void> {
    const query = new URLSearchParams({
      watch: 'true',
      resourceVersion,
      allowWatchBookmarks: 'true',
    });
    const response = await fetch(
      `${this.baseUrl}${collectionPath(type, version)}?${query}`,
      { headers: this.headers(), signal },
    );
    if (!response.ok || !response.body) {
      throw new ApiError(response.status, await response.text());
    }
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) onEvent(JSON.parse(line));
        newline = buffered.indexOf('\n');
      }
    }
  }

  create(type: ResourceType, obj: KubeObject): Promise<KubeObject> {
    return this.request(
      'POST',
      collectionPath(type, versionOf(type, obj), obj.metadata.namespace),
      { body: obj },
    );
  }

  replace(type: ResourceType, obj: KubeObject): Promise<KubeObject> {
    return this.request('PUT', objectPath(type, obj), { body: obj });
  }

  /**
   * JSON merge patch of the `/status` subresource. The object's
   * resourceVersion is a precondition, so a status computed from a stale
   * copy fails with 409 instead of overwriting another writer's change.
   */
  patchStatus(
    type: ResourceType,
    obj: KubeObject,
    status: Record<string, unknown>,
  ): Promise<KubeObject> {
    const { resourceVersion } = obj.metadata;
    return this.request('PATCH', `${objectPath(type, obj)}/status`, {
      body: resourceVersion
        ? { metadata: { resourceVersion }, status }
        : { status },
      contentType: 'application/merge-patch+json',
    });
  }

  async delete(type: ResourceType, obj: KubeObject): Promise<void> {
    await this.request('DELETE', objectPath(type, obj));
  }

  private headers(contentType?: string): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token}`,
      Accept: 'application/json',
    };
    if (contentType) headers['Content-Type'] = contentType;
    return headers;
  }

  private async request(
    method: string,
    path: string,
    options: {
      body?: unknown;
      contentType?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<any> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: this.headers(
        options.body === undefined
          ? undefined
          : options.contentType ?? 'application/json',
      ),
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ApiError(
        response.status,
        `${method} ${path}: ${response.status} ${text}`,
      );
    }
    return text ? JSON.parse(text) : undefined;
  }
}

function versionOf(type: ResourceType, obj: KubeObject): string {
  return obj.apiVersion?.split('/').pop() ?? type.versions[0];
}

function collectionPath(
  type: ResourceType,
  version: string,
  namespace?: string,
): string {
  const prefix = type.group
    ? `/apis/${type.group}/${version}`
    : `/api/${version}`;
  const scope =
    type.namespaced && namespace
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  return `${prefix}${scope}/${type.plural}`;
}

function objectPath(type: ResourceType, obj: KubeObject): string {
  return `${collectionPath(
    type,
    versionOf(type, obj),
    obj.metadata.namespace,
  )}/${encodeURIComponent(obj.metadata.name)}`;
}
