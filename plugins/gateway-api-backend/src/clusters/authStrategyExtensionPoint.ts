import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';

/**
 * Adds authentication strategies for the clusters Gatehouse reads, by the authProvider key a
 * cluster names, with the Kubernetes plugin's `AuthenticationStrategy` interface (so a strategy
 * written for it works here). Gatehouse asks it for a credential before every request and
 * every watch connection, with no signed-in user: it must act on the backend's own behalf.
 *
 * @public
 */
export interface GatewayApiAuthStrategyExtensionPoint {
  /** Clusters whose `authProvider` is this key get their credentials from this strategy. */
  addAuthStrategy(authProvider: string, strategy: AuthenticationStrategy): void;
}

/**
 * Where a backend module adds authentication strategies for Gatehouse's clusters.
 *
 * @public
 */
export const gatewayApiAuthStrategyExtensionPoint =
  createExtensionPoint<GatewayApiAuthStrategyExtensionPoint>({
    id: 'gateway-api.auth-strategy',
  });
