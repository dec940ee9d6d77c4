import { TENANT_METADATA } from '@gatehouse/backstage-plugin-gateway-api-common';
import { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../cache/GatewayApiCache';
import { TenantSpec } from '../manifests';
import {
  ATTACHED_TO_LABEL,
  attachedNamespaceObjects,
  tenantNamespaceObject,
} from '../manifests/metadata';
import { tenantDetail } from './tenantDetail';
import { TenantRecord, tenantFromNamespace } from './tenantFromNamespace';
import { tenantMetadataDrift } from './tenantMetadataDrift';

const spec = (
  name: string,
  domain: string,
  extra: Partial<TenantSpec> = {},
): TenantSpec => ({
  name,
  namespace: `tenant-${name}`,
  domains: [domain],
  ownerGroup: `group:default/${name}`,
  attachedNamespaces: [],
  layout: 'dedicated',
  certificates: { type: 'self-signed' },
  clientIp: { mode: 'none' },
  serviceExposure: { type: 'LoadBalancer' },
  controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
  gatewayClassName: 'eg',
  names: { gateway: name, issuer: name, envoyProxyNamespace: 'envoy' },
  ...extra,
});

const teamA = spec('team-a', 'team-a.example.org');
const kids = spec('kids', 'kids.team-a.example.org', {
  parentTenant: 'team-a',
  ancestorTenants: ['team-a'],
  attachedNamespaces: ['kids-apps'],
});
const tots = spec('tots', 'tots.kids.team-a.example.org', {
  parentTenant: 'kids',
  ancestorTenants: ['kids', 'team-a'],
});

/** The namespaces as provisioning writes them today. */
const provisioned = (): KubernetesObject[] =>
  [teamA, kids, tots].flatMap(s => [
    tenantNamespaceObject(s),
    ...attachedNamespaceObjects(s),
  ]) as KubernetesObject[];

const edit = (
  namespaces: KubernetesObject[],
  name: string,
  change: (ns: KubernetesObject) => void,
) => {
  const copy = JSON.parse(JSON.stringify(namespaces)) as KubernetesObject[];
  change(copy.find(ns => ns.metadata?.name === name)!);
  return copy;
};

function driftOf(name: string, namespaces: KubernetesObject[]) {
  const tenants = namespaces
    .map(ns => tenantFromNamespace('dev', ns))
    .filter((t): t is TenantRecord => t !== undefined);
  return tenantMetadataDrift(
    tenants.find(t => t.name === name)!,
    tenants,
    namespaces,
  );
}

describe('tenantMetadataDrift', () => {
  it('finds nothing where the namespaces are as provisioning writes them', () => {
    for (const name of ['team-a', 'kids', 'tots']) {
      expect(driftOf(name, provisioned())).toEqual([]);
    }
  });

  it('finds a child without its ancestors, or with ancestors that are not its parent chain', () => {
    const without = edit(provisioned(), 'tenant-tots', ns => {
      delete ns.metadata!.annotations![TENANT_METADATA.ancestors];
    });
    expect(driftOf('tots', without)).toEqual([
      `namespace tenant-tots lacks the annotation ${TENANT_METADATA.ancestors}="kids,team-a"`,
    ]);
    const wrong = edit(provisioned(), 'tenant-tots', ns => {
      ns.metadata!.annotations![TENANT_METADATA.ancestors] = 'kids';
    });
    expect(driftOf('tots', wrong)).toEqual([
      `namespace tenant-tots has the annotation ${TENANT_METADATA.ancestors}="kids", where provisioning writes "kids,team-a"`,
    ]);
  });

  it('reads the chain from the parents recorded today, not the stored spec', () => {
    // The stored spec holds the chain of its provisioning; the parents recorded now decide.
    const stale = edit(provisioned(), 'tenant-tots', ns => {
      ns.metadata!.annotations![TENANT_METADATA.spec] = JSON.stringify({
        ...tots,
        ancestorTenants: ['kids'],
      });
    });
    expect(driftOf('tots', stale)).toEqual([]);
  });

  it('finds an attached namespace without its attached-to label or domains, or missing', () => {
    const unlabelled = edit(provisioned(), 'kids-apps', ns => {
      delete ns.metadata!.labels![ATTACHED_TO_LABEL];
      delete ns.metadata!.annotations![TENANT_METADATA.domains];
    });
    expect(driftOf('kids', unlabelled)).toEqual([
      `namespace kids-apps lacks the label ${ATTACHED_TO_LABEL}="kids"`,
      `namespace kids-apps lacks the annotation ${TENANT_METADATA.domains}="kids.team-a.example.org"`,
    ]);
    const missing = provisioned().filter(
      ns => ns.metadata?.name !== 'kids-apps',
    );
    expect(driftOf('kids', missing)).toEqual([
      'attached namespace kids-apps does not exist',
    ]);
  });

  it('finds a namespace still labelled attached to a tenant that no longer lists it', () => {
    const namespaces = [
      ...provisioned(),
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'old-apps', labels: { [ATTACHED_TO_LABEL]: 'kids' } },
      },
    ];
    expect(driftOf('kids', namespaces)).toEqual([
      `namespace old-apps is still labelled ${ATTACHED_TO_LABEL}=kids, which no longer attaches it`,
    ]);
  });

  it('says nothing of a tenant without a stored spec: there is nothing to compare with', () => {
    const handmade = edit(provisioned(), 'tenant-kids', ns => {
      delete ns.metadata!.annotations![TENANT_METADATA.spec];
      delete ns.metadata!.annotations![TENANT_METADATA.ancestors];
    });
    expect(driftOf('kids', handmade)).toEqual([]);
  });
});

describe("the tenant card's finding", () => {
  const detailOf = (namespaces: KubernetesObject[]) => {
    const snapshot: ClusterSnapshot = {
      cluster: 'dev',
      byKind: new Map([['Namespace', namespaces]]),
    };
    return tenantDetail(
      snapshot,
      {
        cluster: 'dev',
        name: 'kids',
        namespace: 'tenant-kids',
        ownerGroup: 'group:default/kids',
        domains: kids.domains,
        attachedNamespaces: ['kids-apps'],
        parentTenant: 'team-a',
        layout: 'dedicated',
      },
      [],
    );
  };

  it('says a tenant behind was provisioned by an older Gatehouse, what differs and how to refresh it', () => {
    const behind = edit(provisioned(), 'kids-apps', ns => {
      delete ns.metadata!.labels![ATTACHED_TO_LABEL];
    });
    expect(detailOf(behind).metadataOutOfDate).toEqual({
      status: 'warning',
      summary: `Provisioned by an older Gatehouse: refresh it. Namespace kids-apps lacks the label ${ATTACHED_TO_LABEL}="kids".`,
      mistake: 'tenantMetadataOutOfDate',
      hint: {
        meaning: expect.stringMatching(/older Gatehouse/),
        fix: expect.stringMatching(/Refresh tenants/),
      },
    });
  });

  it('is absent for a tenant up to date', () => {
    expect(detailOf(provisioned())).not.toHaveProperty('metadataOutOfDate');
  });
});
