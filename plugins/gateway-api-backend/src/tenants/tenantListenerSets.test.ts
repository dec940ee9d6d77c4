import { TenantSummary } from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject } from '@kubernetes/client-node';
import {
  HOSTNAMES,
  listenerSet,
  listenerSetSnapshot,
} from '../__testUtils__/listenerSets';
import { tenantDetail } from './tenantDetail';

const tenant = (name: string): TenantSummary => ({
  cluster: 'dev',
  name,
  namespace: `tenant-${name}`,
  ownerGroup: `group:default/${name}`,
  domains: [`${name}.example.org`],
  attachedNamespaces: [],
  layout: 'cluster-shared',
});

describe('tenantDetail with ListenerSets', () => {
  it('shows a cluster-shared tenant its own ListenerSets on the shared Gateway, with their listeners', () => {
    const detail = tenantDetail(listenerSetSnapshot(), tenant('team-a'), []);
    expect(detail.gateways).toHaveLength(1);
    const [gateway] = detail.gateways;
    expect(gateway).toMatchObject({
      namespace: 'gateway',
      name: 'shared',
      ownedByTenant: false,
      // The Gateway's own http listener admits only its own namespace.
      listeners: [],
    });
    expect(gateway.listenerSets).toEqual([
      expect.objectContaining({
        namespace: 'tenant-team-a',
        name: HOSTNAMES.A,
        status: expect.objectContaining({ status: 'ok' }),
        predicted: expect.objectContaining({ status: 'ok' }),
        listeners: [
          expect.objectContaining({
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: HOSTNAMES.A,
            tlsMode: 'Terminate',
            attachedRoutes: 1,
            status: expect.objectContaining({ status: 'ok' }),
          }),
        ],
      }),
    ]);
  });

  it("never shows a neighbour's ListenerSets", () => {
    const detail = tenantDetail(listenerSetSnapshot(), tenant('team-c'), []);
    const names = detail.gateways.flatMap(g =>
      (g.listenerSets ?? []).map(ls => ls.name),
    );
    expect(names).toEqual([HOSTNAMES.C]);
    expect(JSON.stringify(detail)).not.toContain(HOSTNAMES.A);
  });

  it('shows a ListenerSet the Gateway does not admit, with why', () => {
    const detail = tenantDetail(listenerSetSnapshot(), tenant('team-z'), []);
    expect(detail.gateways[0].listenerSets?.[0]).toMatchObject({
      name: HOSTNAMES.Z,
      status: { status: 'unknown' },
      predicted: { status: 'error', reason: 'NotAllowed' },
    });
  });

  it('lists no ListenerSets where the cluster serves none', () => {
    const detail = tenantDetail(
      listenerSetSnapshot({ servesListenerSets: false }),
      tenant('team-a'),
      [],
    );
    expect(detail.gateways).toEqual([]);
  });

  it('shows a ListenerSet whose parent Gateway does not exist under that name, with the hint', () => {
    const snapshot = listenerSetSnapshot();
    const orphan = listenerSet('team-a', 'lost.team-a.example.org');
    orphan.spec.parentRef = { ...orphan.spec.parentRef, name: 'gone' };
    const byKind = new Map(snapshot.byKind);
    byKind.set('ListenerSet', [
      ...(snapshot.byKind.get('ListenerSet') ?? []),
      orphan as unknown as KubernetesObject,
    ]);
    const detail = tenantDetail({ ...snapshot, byKind }, tenant('team-a'), []);
    const gone = detail.gateways.find(g => g.name === 'gone')!;
    expect(gone).toMatchObject({
      namespace: 'gateway',
      addresses: [],
      listeners: [],
      ownedByTenant: false,
      status: {
        status: 'error',
        summary: 'Gateway "gateway/gone" does not exist.',
      },
    });
    expect(gone.status.hint?.fix).toMatch(/spec\.parentRef/);
    expect(gone.listenerSets).toEqual([
      expect.objectContaining({
        name: 'lost.team-a.example.org',
        predicted: expect.objectContaining({
          status: 'error',
          reason: 'ParentNotAccepted',
        }),
      }),
    ]);
  });
});
