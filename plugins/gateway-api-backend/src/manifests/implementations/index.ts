/**
 * The implementation profiles, chosen from the GatewayClass's `controllerName`: what each one
 * needs and supports, and the objects of its own it reads. Builders ask the tenant's profile and
 * never test a controller name themselves.
 */
import { InputError } from '@backstage/errors';
import { TenantSpec } from '../types';
import { ciliumProfile } from './cilium';
import { envoyGatewayProfile } from './envoyGateway';
import { gatewayApiProfile } from './gatewayApi';
import { nginxGatewayFabricProfile } from './nginxGatewayFabric';
import { ImplementationProfile } from './types';

export { CILIUM_CONTROLLER } from './cilium';
export { ENVOY_GATEWAY_CONTROLLER } from './envoyGateway';
export { NGINX_GATEWAY_FABRIC_CONTROLLER } from './nginxGatewayFabric';
export type {
  ImplementationId,
  ImplementationProfile,
  TenantGateway,
} from './types';

/** The implementations Gatehouse generates extras for, by controllerName. */
export const IMPLEMENTATION_PROFILES: readonly ImplementationProfile[] = [
  envoyGatewayProfile,
  nginxGatewayFabricProfile,
  ciliumProfile,
];

/** The profile of a GatewayClass controller; the core-only one for any other. */
export function profileFor(controllerName: string): ImplementationProfile {
  return (
    IMPLEMENTATION_PROFILES.find(p => p.controllerName === controllerName) ??
    gatewayApiProfile
  );
}

/** What no implementation can read, whichever it is. */
function optionRefusal(tenant: TenantSpec): string | undefined {
  const clientIp = tenant.clientIp;
  if (
    clientIp.mode === 'x-forwarded-for' &&
    clientIp.numTrustedHops === undefined &&
    !clientIp.trustedAddresses?.length
  ) {
    return 'X-Forwarded-For needs a way to find the client: a number of trusted hops, or the trusted addresses of the proxies in front';
  }
  return undefined;
}

/** The tenant's profile, after refusing (writing nothing) what it cannot serve. */
export function tenantProfile(tenant: TenantSpec): ImplementationProfile {
  const profile = profileFor(tenant.controllerName);
  const refusal = optionRefusal(tenant) ?? profile.refusal(tenant);
  if (refusal) {
    throw new InputError(
      `tenant ${tenant.name} cannot run on ${profile.title} (${tenant.controllerName}) as asked: ${refusal}`,
    );
  }
  return profile;
}
