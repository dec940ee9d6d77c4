import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';

/** A healthy exposure of checkout on `hostname` in cluster `dev`, with `extra` on top. */
export const exposure = (
  hostname: string,
  extra: Partial<Exposure> = {},
): Exposure => ({
  cluster: 'dev',
  hostname,
  url: `https://${hostname}/`,
  tenant: 'team-a',
  owner: 'group:default/team-a',
  entityRef: 'component:default/checkout',
  route: {
    kind: 'HTTPRoute',
    namespace: 'checkout',
    name: hostname,
    status: { status: 'ok', summary: 'Accepted' },
    parents: [],
    backends: [],
  },
  gateways: [],
  status: { status: 'ok', summary: 'Accepted' },
  ...extra,
});
