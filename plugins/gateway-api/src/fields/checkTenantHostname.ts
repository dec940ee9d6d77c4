import {
  HostnameCheck,
  normaliseHostname,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiApi } from '../api';

/** What the hostname field knows when it checks a hostname. */
export interface TenantHostnameInput {
  hostname: string;
  tenant?: string;
  /** When absent, the backend uses the tenant's own cluster. */
  cluster?: string;
  allowWildcard?: boolean;
}

/**
 * Checks a hostname the way the expose action will: locally first (malformed names, IP
 * literals, ports... without a round trip), then by the backend's guards for the tenant
 * (other tenants' domains, names already served).
 */
export async function checkTenantHostname(
  api: GatewayApiApi,
  input: TenantHostnameInput,
): Promise<HostnameCheck> {
  const local = normaliseHostname(input.hostname, {
    allowWildcard: input.allowWildcard,
  });
  if (!local.ok) return local;
  if (!input.tenant) {
    return {
      ok: false,
      reason:
        'Choose a tenant first: the hostname must lie inside one of its domains.',
    };
  }
  return api.checkHostname({
    tenant: input.tenant,
    hostname: local.hostname,
    cluster: input.cluster,
  });
}
