import { KubernetesObject } from '@kubernetes/client-node';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { checkHostname } from '../guards/exposureGuards';
import { NO_TENANT, worldFromCache } from '../world/loadWorld';

const tenantNs = (tenant: string, attached: string[]) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: `tenant-${tenant}`,
    labels: { 'gateway-api.gatehouse.dev/tenant': tenant },
    annotations: {
      'gateway-api.gatehouse.dev/owner-group': `group:default/${tenant}`,
      'gateway-api.gatehouse.dev/domains': `${tenant}.example.org`,
      'gateway-api.gatehouse.dev/attached-namespaces': attached.join(','),
    },
  },
});

const ingress = (namespace: string, name: string, host: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { namespace, name },
  spec: { rules: [{ host }] },
});

/** A cache holding these objects in one cluster, as the guards read it. */
const cacheOf = (objects: object[]) => {
  const byKind = new Map<string, KubernetesObject[]>();
  for (const o of objects as KubernetesObject[]) {
    byKind.set(o.kind!, [...(byKind.get(o.kind!) ?? []), o]);
  }
  return {
    clusters: ['dev'],
    snapshot: () => ({ cluster: 'dev', byKind }),
  } as unknown as GatewayApiCache;
};

describe('a hostname an Ingress serves counts as taken', () => {
  const world = worldFromCache(
    cacheOf([
      tenantNs('team-a', ['shop']),
      tenantNs('team-b', ['pay']),
      ingress('pay', 'pay', 'Pay.team-b.example.org.'),
      ingress('shop', 'shop', 'shop.team-a.example.org'),
      ingress('default', 'stray', 'stray.team-a.example.org'),
    ]),
  );

  it('by the tenant of the Ingress’s namespace', () => {
    expect(world.served).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cluster: 'dev',
          tenant: 'team-b',
          object: 'Ingress/pay/pay',
        }),
        expect.objectContaining({
          cluster: 'dev',
          hostname: 'stray.team-a.example.org',
          tenant: NO_TENANT,
          object: 'Ingress/default/stray',
        }),
      ]),
    );
  });

  it('so another tenant cannot expose it, and is told who serves it', () => {
    // A wildcard of team-a's own domain overlaps the names Ingresses serve there.
    const verdict = checkHostname(
      { cluster: 'dev', tenant: 'team-a', hostname: '*.team-a.example.org' },
      {
        ...world,
        tenants: world.tenants.map(t => ({
          ...t,
          spec: { allowWildcards: true } as any,
        })),
      },
    );
    expect(verdict).toMatchObject({
      ok: false,
      holder: { object: expect.stringMatching(/^Ingress\//) },
    });
  });

  it('refuses a hostname another tenant’s Ingress serves, even inside the asker’s domains', () => {
    // team-b's Ingress serving a name of team-a's domain (made past the guards) still counts.
    const hostile = worldFromCache(
      cacheOf([
        tenantNs('team-a', ['shop']),
        tenantNs('team-b', ['pay']),
        ingress('pay', 'grab', 'login.team-a.example.org'),
      ]),
    );
    expect(
      checkHostname(
        {
          cluster: 'dev',
          tenant: 'team-a',
          hostname: 'login.team-a.example.org',
        },
        hostile,
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Ingress\/pay\/grab .*tenant "team-b"/),
      holder: { tenant: 'team-b', object: 'Ingress/pay/grab' },
    });
  });

  it('lets the Ingress’s own tenant expose it (to move it to a route)', () => {
    expect(
      checkHostname(
        {
          cluster: 'dev',
          tenant: 'team-a',
          hostname: 'shop.team-a.example.org',
        },
        world,
      ),
    ).toMatchObject({ ok: true, hostname: 'shop.team-a.example.org' });
  });

  it('refuses a name an Ingress of no tenant serves', () => {
    expect(
      checkHostname(
        {
          cluster: 'dev',
          tenant: 'team-a',
          hostname: 'stray.team-a.example.org',
        },
        world,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/no tenant/) });
  });
});
