import { GATEWAY_API_GROUP, isEnvoyGateway } from './metadata';
import { KubernetesObject, TenantSpec } from './types';

/**
 * Envoy Gateway's ClientTrafficPolicy for how the real client IP arrives: PROXY
 * protocol, or X-Forwarded-For with an explicit hop count, or a custom header; never two of them.
 * It must live in the namespace of the Gateways it targets, or Envoy Gateway ignores it.
 */
export function clientTrafficPolicy(
  tenant: TenantSpec,
  metadata: KubernetesObject['metadata'],
  target: { gateway: string } | { gatewaysLabelled: Record<string, string> },
): KubernetesObject[] {
  const clientIp = tenant.clientIp;
  if (clientIp.mode === 'none' || !isEnvoyGateway(tenant)) return [];
  const targeting =
    'gateway' in target
      ? {
          targetRefs: [
            {
              group: GATEWAY_API_GROUP,
              kind: 'Gateway',
              name: target.gateway,
            },
          ],
        }
      : {
          targetSelectors: [
            {
              group: GATEWAY_API_GROUP,
              kind: 'Gateway',
              matchLabels: target.gatewaysLabelled,
            },
          ],
        };
  let detection: Record<string, unknown>;
  switch (clientIp.mode) {
    case 'proxy-protocol':
      // Without `optional: false` spelt out, a missing PROXY header is a silent policy choice.
      detection = { proxyProtocol: { optional: false } };
      break;
    case 'x-forwarded-for':
      detection = {
        clientIPDetection: {
          xForwardedFor: { numTrustedHops: clientIp.numTrustedHops },
        },
      };
      break;
    default:
      detection = {
        clientIPDetection: {
          customHeader: {
            name: clientIp.header,
            ...(clientIp.failClosed !== undefined
              ? { failClosed: clientIp.failClosed }
              : {}),
          },
        },
      };
  }
  return [
    {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'ClientTrafficPolicy',
      metadata,
      spec: { ...targeting, ...detection },
    },
  ];
}
