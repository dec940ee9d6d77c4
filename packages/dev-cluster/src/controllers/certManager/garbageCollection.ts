import { Action } from '../kube/actions';
import { ResourceName } from '../kube/resources';
import { KubeObject } from '../kube/types';
import { CertManagerSnapshot } from './model';

/** Which kinds own the objects this controller creates, as in a real cluster. */
const OWNERS: [
  ResourceName & keyof CertManagerSnapshot,
  string,
  keyof CertManagerSnapshot,
][] = [
  ['certificates', 'Gateway', 'gateways'],
  ['certificates', 'ListenerSet', 'listenerSets'],
  ['certificateRequests', 'Certificate', 'certificates'],
  ['orders', 'CertificateRequest', 'certificateRequests'],
  ['challenges', 'Order', 'orders'],
  ['services', 'Challenge', 'challenges'],
  ['httpRoutes', 'Challenge', 'challenges'],
];

/**
 * Deletes objects whose controlling owner is gone, which Kubernetes'
 * garbage collector would do; the dev cluster has none, and a deleted
 * Gateway or Certificate should not leave issuance objects behind.
 */
export function collectGarbage(snapshot: CertManagerSnapshot): Action[] {
  const actions: Action[] = [];
  for (const [resource, ownerKind, ownerResource] of OWNERS) {
    const ownerUids = new Set(snapshot[ownerResource].map(o => o.metadata.uid));
    for (const obj of snapshot[resource]) {
      const owner = controllingOwner(obj, ownerKind);
      if (owner && owner.uid && !ownerUids.has(owner.uid)) {
        actions.push({ type: 'delete', resource, object: obj });
      }
    }
  }
  return actions;
}

function controllingOwner(obj: KubeObject, kind: string) {
  return obj.metadata.ownerReferences?.find(
    ref => ref.controller && ref.kind === kind,
  );
}
