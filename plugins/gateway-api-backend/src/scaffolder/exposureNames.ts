import {
  dnsLabelName,
  dnsSubdomainName,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ExposureSpec } from '../manifests';

/**
 * Names of the objects one exposure creates, all derived from the hostname (and the route's
 * namespace for the ReferenceGrant it shares with the other routes of that namespace), so a
 * retried or repeated exposure finds its objects again.
 */
export function exposureNames(
  hostname: string,
  routeNamespace: string,
): ExposureSpec['names'] {
  return {
    route: dnsSubdomainName(hostname),
    gateway: dnsLabelName(hostname),
    listener: dnsSubdomainName(hostname),
    certificate: dnsSubdomainName(`${hostname}-tls`),
    referenceGrant: dnsSubdomainName(`gatehouse-from-${routeNamespace}`),
  };
}
