import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * A cluster the Gateway API backend watches, as the browser may see it (no credentials).
 *
 * @public
 */
export interface GatewayApiClusterSummary {
  name: string;
  url: string;
}

/**
 * Reads the Gateway API backend's REST API.
 *
 * @public
 */
export interface GatewayApiApi {
  listClusters(): Promise<GatewayApiClusterSummary[]>;
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

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('gateway-api');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
