import { TenantDetail } from '@gatehouse/backstage-plugin-gateway-api-common';
import { tenants } from './exposures';

// Test and screenshot data shaped like the backend's `GET /tenants/:cluster/:name`.

/** team-b (tenant-shared): its own Gateway, one listener still waiting for a controller. */
export const teamBTenant: TenantDetail = {
  ...tenants[1],
  gateways: [
    {
      namespace: 'tenant-team-b',
      name: 'gateway',
      gatewayClassName: 'cilium',
      addresses: ['203.0.113.20'],
      status: { status: 'ok', summary: 'Accepted, Programmed.' },
      ownedByTenant: true,
      listeners: [
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: '*.team-b.example.org',
          tlsMode: 'Terminate',
          attachedRoutes: 2,
          status: {
            status: 'ok',
            summary: 'Listener "https": Accepted, Programmed, ResolvedRefs.',
          },
        },
        {
          name: 'tls',
          protocol: 'TLS',
          port: 443,
          hostname: 'pay.example.com',
          tlsMode: 'Passthrough',
          status: { status: 'unknown', summary: 'No status reported yet.' },
        },
      ],
    },
  ],
  hostnames: { ok: 3, pending: 1, warning: 0, error: 1, unknown: 0 },
};
