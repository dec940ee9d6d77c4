import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterList,
  ClusterProblem,
  ExposureList,
  HostnameCheck,
  HostnamePage,
  HostnameQuery,
  IngressMigrationOverview,
  TenantDetail,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * A cluster the Gateway API backend watches, as the browser may see it (no credentials): an
 * item of `GET /clusters`, whose type the backend checks against its OpenAPI spec.
 *
 * @public
 */
export type GatewayApiClusterSummary = ClusterList['items'][number];

/**
 * Narrows `listExposures` to one entity, cluster or tenant; every field is optional.
 *
 * @public
 */
export interface ExposureFilter {
  entityRef?: string;
  cluster?: string;
  tenant?: string;
}

/**
 * What `checkHostname` asks: may `tenant` expose `hostname` (on `cluster`, else the tenant's
 * own cluster)?
 *
 * @public
 */
export interface HostnameCheckRequest {
  tenant: string;
  hostname: string;
  cluster?: string;
}

// The most hostnames listExposures reads from `GET /hostnames` (a cluster or tenant); the
// Hostnames page pages through every hostname with listHostnames instead.
const HOSTNAMES_PAGE_LIMIT = 1000;

/**
 * Reads the Gateway API backend's REST API.
 *
 * @public
 */
export interface GatewayApiApi {
  listClusters(): Promise<GatewayApiClusterSummary[]>;
  /**
   * Clusters whose objects are missing (left out, unreachable, refusing the backend's
   * credential) and cluster locators not read, with why and since when (`GET /clusters`).
   */
  listClusterProblems(): Promise<ClusterProblem[]>;
  /**
   * Hostnames exposed through routes, with route, gateway and TLS status: one entity's
   * (`GET /exposure`, as far as the caller may read that entity), else every hostname
   * (`GET /hostnames`), narrowed to a cluster or tenant.
   */
  listExposures(filter?: ExposureFilter): Promise<ExposureList>;
  /**
   * A page of every hostname across clusters and tenants (`GET /hostnames`), filtered, searched
   * and sorted by the backend, with the count across pages and each filter's values (facets).
   */
  listHostnames(query: HostnameQuery): Promise<HostnamePage>;
  /**
   * Every hostname matching `query` (no page) as CSV, as the backend streams it
   * (`GET /hostnames/export`).
   */
  exportHostnames(query: HostnameQuery): Promise<Blob>;
  /** The tenants the caller may expose under; with `scope: 'all'`, every tenant (platform). */
  listTenants(options?: { scope?: 'mine' | 'all' }): Promise<TenantSummary[]>;
  /**
   * One tenant with the Gateways and listeners that serve it and its hostname counts; a 404
   * `ResponseError` when it does not exist or the caller may not read its catalog entity.
   */
  getTenant(cluster: string, name: string): Promise<TenantDetail>;
  /** Whether a tenant may expose a hostname, by the expose action's guards. */
  checkHostname(request: HostnameCheckRequest): Promise<HostnameCheck>;
  /**
   * The hostnames Ingresses serve or served, with their migration state and what blocks each,
   * and the counts per tenant (`GET /ingress-migration`).
   */
  getIngressMigration(filter?: {
    cluster?: string;
    tenant?: string;
  }): Promise<IngressMigrationOverview>;
}

/** @public */
export const gatewayApiApiRef = createApiRef<GatewayApiApi>({
  id: 'plugin.gateway-api.service',
});

/**
 * The default {@link GatewayApiApi}, over the backend's HTTP API with the user's credentials.
 *
 * @public
 */
export class GatewayApiClient implements GatewayApiApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listClusters(): Promise<GatewayApiClusterSummary[]> {
    const body = await this.get<ClusterList>('/clusters');
    return body.items;
  }

  async listClusterProblems(): Promise<ClusterProblem[]> {
    const body = await this.get<Partial<ClusterList>>('/clusters');
    return body.problems ?? [];
  }

  async listExposures(filter: ExposureFilter = {}): Promise<ExposureList> {
    if (filter.entityRef) {
      return this.get<ExposureList>('/exposure', {
        entityRef: filter.entityRef,
      });
    }
    return this.get<ExposureList>('/hostnames', {
      cluster: filter.cluster,
      tenant: filter.tenant,
      limit: String(HOSTNAMES_PAGE_LIMIT),
    });
  }

  async listHostnames(query: HostnameQuery): Promise<HostnamePage> {
    return this.get<HostnamePage>('/hostnames', hostnameParams(query));
  }

  async exportHostnames(query: HostnameQuery): Promise<Blob> {
    const { offset, limit, ...filters } = query;
    const response = await this.fetch(
      '/hostnames/export',
      hostnameParams(filters),
    );
    return response.blob();
  }

  async listTenants(
    options: { scope?: 'mine' | 'all' } = {},
  ): Promise<TenantSummary[]> {
    const body = await this.get<{ items: TenantSummary[] }>('/tenants', {
      scope: options.scope,
    });
    return body.items;
  }

  async getTenant(cluster: string, name: string): Promise<TenantDetail> {
    return this.get<TenantDetail>(
      `/tenants/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`,
    );
  }

  async checkHostname(request: HostnameCheckRequest): Promise<HostnameCheck> {
    return this.get<HostnameCheck>('/hostnames/check', {
      tenant: request.tenant,
      hostname: request.hostname,
      cluster: request.cluster,
    });
  }

  async getIngressMigration(
    filter: { cluster?: string; tenant?: string } = {},
  ): Promise<IngressMigrationOverview> {
    return this.get<IngressMigrationOverview>('/ingress-migration', {
      cluster: filter.cluster,
      tenant: filter.tenant,
    });
  }

  private async get<T>(path: string, query: Query = {}): Promise<T> {
    return (await (await this.fetch(path, query)).json()) as T;
  }

  private async fetch(path: string, query: Query): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('gateway-api');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const one of typeof value === 'string' ? [value] : value ?? []) {
        params.append(key, one);
      }
    }
    const search = params.toString();
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

type Query = Record<string, string | readonly string[] | undefined>;

/** A HostnameQuery as `GET /hostnames` parameters; a filter with several values repeats. */
function hostnameParams(query: HostnameQuery): Query {
  const number = (n: number | undefined) =>
    n === undefined ? undefined : String(n);
  return {
    tenant: query.tenant,
    owner: query.owner,
    cluster: query.cluster,
    status: query.status,
    tls: query.tls,
    source: query.source,
    migration: query.migration,
    expiringWithinDays: number(query.expiringWithinDays),
    search: query.search || undefined,
    sort: query.sort,
    order: query.order,
    offset: number(query.offset),
    limit: number(query.limit),
  };
}
