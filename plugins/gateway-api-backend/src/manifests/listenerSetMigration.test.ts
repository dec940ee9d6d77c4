import {
  payments,
  SERVED_V1_4_1,
  SERVED_V1_6_1,
  teamB,
} from './__fixtures__/examples';
import {
  buildExposureObjects,
  buildTenantObjects,
  exposureFieldManager,
  KubernetesObject,
  planListenerSetMigration,
} from './index';

/** team-b as provisioned and exposed before its cluster served ListenerSet. */
const before = [
  ...buildTenantObjects(teamB, SERVED_V1_4_1),
  ...buildExposureObjects(payments, teamB, SERVED_V1_4_1),
];
const oldGateway: KubernetesObject = (() => {
  const base = before.find(o => o.kind === 'Gateway' && o.spec)!;
  const patch = before.filter(o => o.kind === 'Gateway')[1];
  return {
    ...base,
    spec: {
      ...(base.spec as object),
      listeners: [
        ...(base.spec as any).listeners,
        ...(patch.spec as any).listeners,
      ],
    },
  };
})();
const oldRoute = before.find(
  o => o.kind === 'HTTPRoute' && o.metadata.name === 'payments',
)!;

const plan = (routes: KubernetesObject[]) =>
  planListenerSetMigration({
    tenant: teamB,
    served: SERVED_V1_6_1 as any,
    gateway: oldGateway,
    routes,
    certificates: [],
    provisioned: buildTenantObjects(teamB, SERVED_V1_6_1),
    fieldManagerOf: exposureFieldManager,
  });

describe('planListenerSetMigration', () => {
  it('keeps the old listeners on the Gateway while the ListenerSets and second parentRefs are written', () => {
    const p = plan([oldRoute]) as any;
    expect(p.moved).toEqual([
      'team-b.example.org-https',
      'team-b.example.org-tls',
      'payments.team-b.example.org',
    ]);
    const [gateway] = p.addListenerSets;
    expect(gateway.object.spec.listeners.map((l: any) => l.name)).toEqual([
      'http',
      'team-b.example.org-https',
      'team-b.example.org-tls',
    ]);
    expect(gateway.object.spec.allowedListeners).toEqual({
      namespaces: { from: 'Same' },
    });
    const route = p.addListenerSets.find(
      (w: any) => w.object.kind === 'HTTPRoute',
    );
    expect(route.fieldManager).toBe(exposureFieldManager(payments.hostname));
    expect(route.object.spec.parentRefs.map((r: any) => r.kind)).toEqual([
      'Gateway',
      'ListenerSet',
    ]);
  });

  it('removes each old listener under the manager that owns it, then drops the old parentRef', () => {
    const p = plan([oldRoute]) as any;
    expect(
      p.removeGatewayListeners.map((w: any) => [
        w.fieldManager ?? 'gatehouse',
        (w.object.spec?.listeners ?? []).map((l: any) => l.name),
      ]),
    ).toEqual([
      ['gatehouse', ['http']],
      [exposureFieldManager(payments.hostname), []],
    ]);
    const [finish] = p.finishRoutes;
    expect(finish.object.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'ListenerSet',
        namespace: 'tenant-team-b',
        name: 'payments.team-b.example.org',
        sectionName: 'payments.team-b.example.org',
      },
    ]);
  });

  it('refuses, before any write, when a route Gatehouse did not write attaches to a moving listener', () => {
    const foreign: KubernetesObject = {
      ...oldRoute,
      metadata: { name: 'hand-made', namespace: 'payments' },
    };
    expect(plan([oldRoute, foreign])).toEqual({
      blockers: [
        expect.stringMatching(
          /HTTPRoute payments\/hand-made attaches to listener payments.team-b.example.org; point it at ListenerSet tenant-team-b\/payments.team-b.example.org/,
        ),
      ],
    });
  });

  it('has nothing to do once the listeners have moved', () => {
    const moved = buildTenantObjects(teamB, SERVED_V1_6_1).find(
      o => o.kind === 'Gateway',
    )!;
    expect(
      planListenerSetMigration({
        tenant: teamB,
        served: SERVED_V1_6_1 as any,
        gateway: moved,
        routes: [oldRoute],
        certificates: [],
        provisioned: buildTenantObjects(teamB, SERVED_V1_6_1),
        fieldManagerOf: exposureFieldManager,
      }),
    ).toBeUndefined();
  });
});
