import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterServedKinds,
  ExposureList,
  HostnameCheck,
  IngressMigrationOverview,
  TenantDetail,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * A cluster the Gateway API backend watches, as the browser may see it (no credentials).
 *
 * @public
 */
export interface GatewayApiClusterSummary {
  name: string;
  url: string;
  /** What the cluster serves; absent until its discovery has answered. */
  apis?: ClusterServedKinds;
}

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

// The most hostnames one `GET /hostnames` answers; the page filters and sorts in the browser.
const HOSTNAMES_PAGE_LIMIT = 1000;

/**
 * Reads the Gateway API backend's REST API.
 *
 * @public
 */
export interface GatewayApiApi {
  listClusters(): Promise<GatewayApiClusterSummary[]>;
  /**
   * Hostnames exposed through routes, with route, gateway and TLS status: one entity's
   * (`GET /exposure`, as far as the caller may read that entity), else every hostname
   * (`GET /hostnames`), narrowed to a cluster or tenant.
   */
  listExposures(filter?: ExposureFilter): Promise<ExposureList>;
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
    const body = await this.get<{ items: GatewayApiClusterSummary[] }>(
      '/clusters',
    );
    return body.items;
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

  private async get<T>(
    path: string,
    query: Record<string, string | undefined> = {},
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('gateway-api');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.append(key, value);
    }
    const search = params.toString();
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
