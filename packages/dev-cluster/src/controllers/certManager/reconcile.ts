import { Action } from '../kube/actions';
import { Failures } from '../kube/failures';
import { KubeObject } from '../kube/types';
import { reconcileChallenge, reconcileOrder } from './acme';
import { reconcileCertificateRequest } from './certificateRequests';
import { reconcileCertificate } from './certificates';
import { collectGarbage } from './garbageCollection';
import { reconcileGatewayShim, reconcileListenerSetShim } from './gatewayShim';
import { reconcileSolver } from './http01Solver';
import { reconcileIssuer } from './issuers';
import {
  CertManagerSettings,
  CertManagerSnapshot,
  statusAction,
} from './model';

export interface CertManagerResult {
  actions: Action[];
  /** The next time a certificate is due for renewal, expiry or a retry, if any. */
  nextDueAt?: Date;
  /** Objects that could not be reconciled, and why. */
  failures: string[];
}

/**
 * One pass of the simulated cert-manager: every object advances at most one
 * step, so a runner calling this every step delay plays issuance out
 * visibly, one state at a time.
 */
export function reconcileCertManager(
  snapshot: CertManagerSnapshot,
  settings: CertManagerSettings,
): CertManagerResult {
  const failures = new Failures();
  const each = (
    objects: KubeObject[],
    reconcile: (obj: KubeObject) => Action[],
  ) => objects.flatMap(obj => failures.guard(obj, [], () => reconcile(obj)));
  const issuerStatus =
    (
      resource: 'issuers' | 'clusterIssuers',
      secretNamespace: (issuer: KubeObject) => string,
    ) =>
    (issuer: KubeObject) => {
      const status = reconcileIssuer(
        issuer,
        snapshot.secrets,
        secretNamespace(issuer),
      );
      return status ? statusAction(resource, issuer, status) : [];
    };
  const actions = [
    ...each(
      snapshot.issuers,
      issuerStatus('issuers', i => i.metadata.namespace!),
    ),
    ...each(
      snapshot.clusterIssuers,
      issuerStatus('clusterIssuers', () => settings.clusterResourceNamespace),
    ),
    ...each(snapshot.gateways, gateway =>
      reconcileGatewayShim(gateway, snapshot.certificates),
    ),
    ...each(snapshot.listenerSets, listenerSet =>
      reconcileListenerSetShim(
        listenerSet,
        snapshot.gateways,
        snapshot.certificates,
      ),
    ),
    ...each(snapshot.certificates, c =>
      reconcileCertificate(c, snapshot, settings),
    ),
    ...each(snapshot.certificateRequests, r =>
      reconcileCertificateRequest(r, snapshot, settings),
    ),
    ...each(snapshot.orders, o => reconcileOrder(o, snapshot, settings)),
    ...each(snapshot.challenges, c => [
      ...reconcileChallenge(c, settings),
      ...reconcileSolver(c, snapshot),
    ]),
    ...collectGarbage(snapshot),
  ];
  return {
    actions,
    nextDueAt: nextDue(snapshot, settings),
    failures: failures.messages,
  };
}

/** Renewals, expiries and retries after a failure are all due at a time. */
function nextDue(
  snapshot: CertManagerSnapshot,
  settings: CertManagerSettings,
): Date | undefined {
  const times = snapshot.certificates
    .flatMap(c => [
      c.status?.renewalTime && new Date(c.status.renewalTime),
      c.status?.notAfter && new Date(c.status.notAfter),
      c.status?.lastFailureTime &&
        new Date(
          new Date(c.status.lastFailureTime).getTime() +
            settings.retryAfterFailureMs,
        ),
    ])
    .filter((t): t is Date => !!t && t > settings.now);
  return times.length > 0
    ? new Date(Math.min(...times.map(t => t.getTime())))
    : undefined;
}
