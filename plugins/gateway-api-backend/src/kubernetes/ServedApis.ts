import type { ClusterServedKinds } from '@gatehouse/backstage-plugin-gateway-api-common';
import { gatewayClassSupportedFeatures } from '@gatehouse/backstage-plugin-gateway-api-common';
import type { ServedGatewayApi } from '../manifests/types';
import type { ClusterClient } from './ClusterClient';
import {
  apiVersionOf,
  collectionPath,
  isKindName,
  KindInfo,
  KindName,
  KINDS,
  WATCHED_KINDS,
} from './kinds';
import { requestRedirectStatusCodes } from './openApiSchema';

/** A kind a cluster serves, at the version Gatehouse reads and writes it there. */
export interface ServedKind extends KindInfo {
  /** The cluster's preferred version among those Gatehouse understands. */
  version: string;
  apiVersion: string;
  /** Every version of the kind the cluster serves that Gatehouse understands, preferred first. */
  servedVersions: string[];
  /** Collection path across all namespaces at {@link version}. */
  path: string;
}

/** One discovery read of one cluster. */
export interface ServedApiSet {
  cluster: string;
  kinds: ReadonlyMap<KindName, ServedKind>;
  /** When discovery answered (ms since the epoch). */
  readAt: number;
}

export interface ServedApisOptions {
  /** How long a discovery read is trusted; a kind answering 404 ends it sooner. */
  maxAgeMs?: number;
  now?: () => number;
}

/** The RequestRedirect status codes every Gateway API install takes (Core support). */
const CORE_REDIRECT_STATUS_CODES: ReadonlySet<number> = new Set([301, 302]);

const GATEWAY_CLASS_FEATURES = {
  ListenerSet: 'ListenerSet',
  TLSRoute: 'TLSRoute',
} as const;

/**
 * The one place that knows what a cluster serves: which of Gatehouse's kinds, at which version
 * (the preferred one the cluster lists among those Gatehouse understands), and what its
 * GatewayClasses support. One discovery read (`/apis`, then the resource list of each group
 * version Gatehouse could use), cached for `maxAgeMs` and shared by concurrent callers;
 * {@link invalidate} ends it early when a list or watch answers 404 (a CRD was removed or
 * changed its versions). Reads and writes both use {@link kind}'s version.
 */
export class ServedApis {
  private cached: ServedApiSet | undefined;
  private inFlight: Promise<ServedApiSet> | undefined;
  private redirectCodes:
    | { readAt: number; codes: Promise<ReadonlySet<number>> }
    | undefined;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: Pick<
      ClusterClient,
      'name' | 'apiGroups' | 'apiResources' | 'get'
    > &
      Partial<Pick<ClusterClient, 'openApiV3'>>,
    options: ServedApisOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The last discovery read, if any, without asking the cluster. */
  peek(): ServedApiSet | undefined {
    return this.cached;
  }

  /** What the cluster serves, read at most once per `maxAgeMs`. Throws when discovery fails. */
  async current(): Promise<ServedApiSet> {
    if (this.cached && this.now() - this.cached.readAt < this.maxAgeMs) {
      return this.cached;
    }
    if (!this.inFlight) {
      this.inFlight = this.discover().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** The kind as the cluster serves it, or undefined when it does not. */
  async kind(name: KindName): Promise<ServedKind | undefined> {
    return (await this.current()).kinds.get(name);
  }

  /** Forget the last read: the next caller reads discovery again. */
  invalidate(): void {
    this.cached = undefined;
  }

  /**
   * The features a GatewayClass lists in `status.supportedFeatures` (GEP-2162), or an empty set
   * when it lists none or does not exist: a feature nobody claims is not used.
   */
  async supportedFeatures(gatewayClassName: string): Promise<Set<string>> {
    const served = await this.kind('GatewayClass');
    if (!served) return new Set();
    const gatewayClass = (await this.client.get({
      apiVersion: served.apiVersion,
      kind: 'GatewayClass',
      name: gatewayClassName,
    })) as { status?: { supportedFeatures?: unknown } } | undefined;
    return new Set(gatewayClassSupportedFeatures(gatewayClass));
  }

  /**
   * The RequestRedirect status codes the cluster's HTTPRoute takes: the `statusCode` enum of its
   * schema at the served version, as the API server publishes it in OpenAPI v3 (Gateway API v1.4
   * lists 301 and 302; v1.5 and later add 303, 307 and 308). The CRD object itself, with its
   * `gateway.networking.k8s.io/bundle-version` annotation, would take a right on
   * customresourcedefinitions; the published schema is the enum the API server validates with,
   * readable with the discovery rights. Where it cannot be read or has no enum: 301 and 302 only,
   * which every install takes. Read once per discovery read; a failed read is not kept.
   */
  async redirectStatusCodes(): Promise<ReadonlySet<number>> {
    const served = await this.current();
    if (this.redirectCodes?.readAt !== served.readAt) {
      const codes = this.readRedirectStatusCodes(served).catch(error => {
        if (this.redirectCodes?.codes === codes) this.redirectCodes = undefined;
        throw error;
      });
      this.redirectCodes = { readAt: served.readAt, codes };
    }
    return this.redirectCodes.codes;
  }

  private async readRedirectStatusCodes(
    served: ServedApiSet,
  ): Promise<ReadonlySet<number>> {
    const route = served.kinds.get('HTTPRoute');
    if (!route || !this.client.openApiV3) return CORE_REDIRECT_STATUS_CODES;
    const document = await this.client.openApiV3(route.group, route.version);
    const codes = requestRedirectStatusCodes(
      document,
      route.group,
      route.version,
    );
    return codes ? new Set(codes) : CORE_REDIRECT_STATUS_CODES;
  }

  /**
   * What the manifest builders write for a Gateway of `gatewayClassName`: TLSRoute at its
   * preferred served version, and ListenerSet only where the cluster serves it and the
   * GatewayClass claims the `ListenerSet` feature (listeners go on the Gateway otherwise).
   */
  async gatewayApi(gatewayClassName?: string): Promise<ServedGatewayApi> {
    const served = await this.current();
    const tlsRoute = served.kinds.get('TLSRoute')?.apiVersion;
    const listenerSet = served.kinds.get('ListenerSet');
    const classSupportsListenerSet =
      listenerSet &&
      gatewayClassName !== undefined &&
      (await this.supportedFeatures(gatewayClassName)).has(
        GATEWAY_CLASS_FEATURES.ListenerSet,
      );
    return {
      ...(tlsRoute ? { tlsRoute } : {}),
      ...(classSupportsListenerSet
        ? { listenerSet: listenerSet.apiVersion }
        : {}),
    };
  }

  /** The answer the frontend reads: served kinds with their versions, and the rest. */
  async summary(): Promise<ClusterServedKinds> {
    try {
      return summarise(this.client.name, await this.current());
    } catch (error) {
      return {
        cluster: this.client.name,
        served: {},
        unserved: [],
        unreadable: [{ kind: '*', reason: String((error as Error).message) }],
      };
    }
  }

  private async discover(): Promise<ServedApiSet> {
    const groups = await this.client.apiGroups();
    const wanted = new Set(Object.values(KINDS).map(k => k.group));
    const kinds = new Map<KindName, ServedKind>();
    // The core group is always there, at v1.
    for (const info of Object.values(KINDS).filter(k => k.group === '')) {
      kinds.set(info.kind as KindName, servedAt(info, ['v1']));
    }
    await Promise.all(
      groups
        .filter(g => wanted.has(g.name))
        .map(async group => {
          const known = new Set(
            Object.values(KINDS)
              .filter(k => k.group === group.name)
              .flatMap(k => k.versions),
          );
          const versions = ordered(group).filter(v => known.has(v));
          const resources = await Promise.all(
            versions.map(v => this.client.apiResources(group.name, v)),
          );
          const byKind = new Map<string, string[]>();
          versions.forEach((version, i) => {
            for (const resource of resources[i]) {
              byKind.set(resource.kind, [
                ...(byKind.get(resource.kind) ?? []),
                version,
              ]);
            }
          });
          for (const [kind, servedVersions] of byKind) {
            if (!isKindName(kind)) continue;
            const info = KINDS[kind];
            if (info.group !== group.name) continue;
            const understood = servedVersions.filter(v =>
              info.versions.includes(v),
            );
            if (understood.length) kinds.set(kind, servedAt(info, understood));
          }
        }),
    );
    this.cached = { cluster: this.client.name, kinds, readAt: this.now() };
    return this.cached;
  }
}

/** The group's versions in the server's order of priority, its preferred one first. */
function ordered(group: { preferredVersion?: string; versions: string[] }) {
  const preferred = group.preferredVersion;
  return preferred && group.versions.includes(preferred)
    ? [preferred, ...group.versions.filter(v => v !== preferred)]
    : group.versions;
}

function servedAt(info: KindInfo, versions: string[]): ServedKind {
  const version = versions[0];
  return {
    ...info,
    version,
    apiVersion: apiVersionOf(info.group, version),
    servedVersions: versions,
    path: collectionPath(info, version),
  };
}

export function summarise(
  cluster: string,
  set: ServedApiSet,
): ClusterServedKinds {
  const served: Record<string, string> = {};
  const unserved: string[] = [];
  for (const kind of WATCHED_KINDS) {
    const s = set.kinds.get(kind);
    if (s) served[kind] = s.apiVersion;
    else unserved.push(kind);
  }
  return { cluster, served, unserved, unreadable: [] };
}
