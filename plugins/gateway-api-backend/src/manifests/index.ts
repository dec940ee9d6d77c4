/**
 * Pure manifest builders for the three gateway layouts, the guard policies and the GitOps output.
 * No I/O: the caller applies what they return.
 */
import { fnv1a32 } from '@gatehouse/backstage-plugin-gateway-api-common';
import {
  buildClusterSharedExposure,
  buildClusterSharedTenant,
} from './clusterShared';
import { buildDedicatedExposure, buildDedicatedTenant } from './dedicated';
import {
  buildTenantSharedExposure,
  buildTenantSharedTenant,
} from './tenantShared';
import {
  ExposureSpec,
  KubernetesObject,
  ServedGatewayApi,
  TenantSpec,
} from './types';

export type {
  CertificateOption,
  ClientIpOption,
  ExposureSpec,
  GatewayLayout,
  KubernetesObject,
  ServedGatewayApi,
  ServiceExposureOption,
  SharedGatewaySettings,
  TenantSpec,
} from './types';
export { ACME_SERVERS } from './certificates';
export {
  ENVOY_GATEWAY_CONTROLLER,
  HOSTNAMES_ANNOTATION,
  MANAGED_BY_LABELS,
  SHARED_HTTP_LABEL,
  TENANT_METADATA,
} from './metadata';
export {
  CILIUM_CONTROLLER,
  IMPLEMENTATION_PROFILES,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
  profileFor,
  tenantProfile,
} from './implementations';
export type {
  ImplementationId,
  ImplementationProfile,
} from './implementations';
export { GUARD_POLICY_MODES, guardPolicies } from './guardPolicies';
export type { GuardPolicyMode, GuardPolicyOptions } from './guardPolicies';
export { mergeAppliedObjects, toKustomization, toYaml } from './gitops';
export { planListenerSetMigration } from './listenerSetMigration';
// The rule lives in common (the Ingress translator judges its redirects by it too).
export { requestRedirectFeatures } from '@gatehouse/backstage-plugin-gateway-api-common';
export { unsupportedRedirectMessage, unsupportedRedirects } from './redirects';
export type { UnsupportedRedirect } from './redirects';
export type {
  ListenerSetMigration,
  MigrationWrite,
} from './listenerSetMigration';

/**
 * What the builders write for a cluster whose served Gateway API is not known: Gateway API
 * v1.4's shapes (TLSRoute v1alpha3, listeners on the Gateway). Callers that know the cluster
 * pass what it serves.
 */
export const SERVED_BY_DEFAULT: ServedGatewayApi = {
  tlsRoute: 'gateway.networking.k8s.io/v1alpha3',
};

/** Everything a tenant's layout needs before any service is exposed. */
export function buildTenantObjects(
  tenant: TenantSpec,
  served: ServedGatewayApi = SERVED_BY_DEFAULT,
): KubernetesObject[] {
  switch (tenant.layout) {
    case 'dedicated':
      return buildDedicatedTenant(tenant);
    case 'tenant-shared':
      return buildTenantSharedTenant(tenant, served);
    default:
      return buildClusterSharedTenant(tenant, served);
  }
}

/**
 * What one exposed hostname needs in the tenant's layout. Objects annotated with
 * `HOSTNAMES_ANNOTATION` exist for that hostname alone: unexpose deletes them. The others are
 * server-side-apply patches of shared objects (a listener of a shared Gateway, a Namespace's
 * opt-in label): apply them under `exposureFieldManager(hostname)`, and unexpose by applying the
 * bare object (apiVersion, kind, name, namespace) under the same manager, so server-side apply
 * drops exactly the fields this hostname owned and keeps what other hostnames still apply.
 */
export function buildExposureObjects(
  exposure: ExposureSpec,
  tenant: TenantSpec,
  served: ServedGatewayApi = SERVED_BY_DEFAULT,
): KubernetesObject[] {
  switch (tenant.layout) {
    case 'dedicated':
      return buildDedicatedExposure(exposure, tenant, served);
    case 'tenant-shared':
      return buildTenantSharedExposure(exposure, tenant, served);
    default:
      return buildClusterSharedExposure(exposure, tenant, served);
  }
}

const FIELD_MANAGER_MAX = 128;

/**
 * The server-side-apply field manager of one exposed hostname. Field managers are capped at 128
 * characters; longer hostnames keep their start and a hash of the whole.
 */
export function exposureFieldManager(hostname: string): string {
  const manager = `gatehouse/${hostname}`;
  if (manager.length <= FIELD_MANAGER_MAX) return manager;
  const suffix = `~${fnv1a32(hostname).toString(16).padStart(8, '0')}`;
  return manager.slice(0, FIELD_MANAGER_MAX - suffix.length) + suffix;
}
