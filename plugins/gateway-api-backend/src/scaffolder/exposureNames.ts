import {
  dnsLabelName,
  dnsSubdomainName,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ExposureSpec } from '../manifests';

/**
 * Names of the objects one exposure creates, all derived from the hostname, so a retried or
 * repeated exposure finds its objects again.
 */
export function exposureNames(hostname: string): ExposureSpec['names'] {
  return {
    route: dnsSubdomainName(hostname),
    gateway: dnsLabelName(hostname),
    listener: dnsSubdomainName(hostname),
    certificate: dnsSubdomainName(`${hostname}-tls`),
    // One grant per hostname: each names its own Service under its own field manager.
    referenceGrant: dnsSubdomainName(hostname),
  };
}
