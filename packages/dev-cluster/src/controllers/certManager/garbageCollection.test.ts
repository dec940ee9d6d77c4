import { collectGarbage } from './garbageCollection';
import { CertManagerSnapshot } from './model';

const owned = (name: string, kind: string, uid: string) => ({
  metadata: {
    name,
    namespace: 'apps',
    ownerReferences: [
      { apiVersion: 'x/v1', kind, name: 'owner', uid, controller: true },
    ],
  },
});

function snapshot(objects: Partial<CertManagerSnapshot>): CertManagerSnapshot {
  return {
    issuers: [],
    clusterIssuers: [],
    certificates: [],
    certificateRequests: [],
    orders: [],
    challenges: [],
    secrets: [],
    gateways: [],
    listenerSets: [],
    services: [],
    httpRoutes: [],
    ...objects,
  };
}

describe('collectGarbage', () => {
  it('deletes objects whose controlling owner is gone', () => {
    const orphanCert = owned('web-tls', 'Gateway', 'gone');
    const orphanOrder = owned('o', 'CertificateRequest', 'gone');
    const actions = collectGarbage(
      snapshot({ certificates: [orphanCert], orders: [orphanOrder] }),
    );
    expect(actions).toEqual([
      { type: 'delete', resource: 'certificates', object: orphanCert },
      { type: 'delete', resource: 'orders', object: orphanOrder },
    ]);
  });

  it('keeps objects whose owner exists, and objects without a controlling owner', () => {
    const gateway = {
      metadata: { name: 'owner', namespace: 'apps', uid: 'gw' },
    };
    const actions = collectGarbage(
      snapshot({
        gateways: [gateway],
        certificates: [
          owned('web-tls', 'Gateway', 'gw'),
          { metadata: { name: 'manual', namespace: 'apps' } },
        ],
        challenges: [
          {
            metadata: {
              name: 'c',
              namespace: 'apps',
              ownerReferences: [
                { apiVersion: 'x/v1', kind: 'Order', name: 'o', uid: 'gone' },
              ],
            },
          },
        ],
      }),
    );
    expect(actions).toEqual([]);
  });
});
