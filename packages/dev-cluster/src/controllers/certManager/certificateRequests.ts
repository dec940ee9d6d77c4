import { Action } from '../kube/actions';
import { condition } from '../kube/status';
import {
  Condition,
  KubeObject,
  findCondition,
  formatTime,
  isConditionTrue,
} from '../kube/types';
import { parseDuration } from '../durations';
import {
  CERT_MANAGER_GROUP,
  IssuerRef,
  findIssuer,
  isCertManagerIssuer,
  isIssuerReady,
  issuerNotFoundMessage,
  issuerType,
} from './issuers';
import {
  CertManagerSettings,
  CertManagerSnapshot,
  controllerOwner,
  findNamed,
  nameHash,
  statusAction,
} from './model';
import { decodePem, encodePem, fromBase64, toBase64 } from '../pem';

export function isRequestFailed(request: KubeObject): boolean {
  const ready = findCondition(request, 'Ready');
  return (
    (ready?.status === 'False' &&
      ['Failed', 'Denied'].includes(ready.reason)) ||
    isConditionTrue(request, 'Denied')
  );
}

/**
 * One step of a CertificateRequest: approval by cert-manager's approver,
 * then issuance by its issuer (at once for selfSigned and CA issuers,
 * through an Order for ACME issuers).
 */
export function reconcileCertificateRequest(
  request: KubeObject,
  snapshot: CertManagerSnapshot,
  settings: CertManagerSettings,
): Action[] {
  if (isConditionTrue(request, 'Ready') || isRequestFailed(request)) return [];
  const approved = condition(
    'Approved',
    true,
    'cert-manager.io',
    'Certificate request has been approved by cert-manager.io',
  );
  if (!isConditionTrue(request, 'Approved')) {
    return statusAction('certificateRequests', request, {
      ...request.status,
      conditions: [approved],
    });
  }
  const ref: IssuerRef = request.spec?.issuerRef ?? {};
  if (!isCertManagerIssuer(ref)) return []; // an external issuer's job
  const namespace = request.metadata.namespace!;
  const issuer = findIssuer(snapshot, namespace, ref);
  const conditions = (ready: Condition) => [
    findCondition(request, 'Approved') ?? approved,
    ready,
  ];
  const pending = (message: string) =>
    statusAction('certificateRequests', request, {
      ...request.status,
      conditions: conditions(condition('Ready', false, 'Pending', message)),
    });
  if (!issuer) return pending(issuerNotFoundMessage(ref));
  if (!isIssuerReady(issuer))
    return pending('Referenced issuer does not have a Ready status condition');

  const type = issuerType(issuer);
  if (type === 'acme') {
    return acmeStep(request, snapshot, settings, conditions, pending);
  }
  if (!type) return [];
  const certificate = issueCertificate(
    request,
    issuer.metadata.name,
    settings.now,
  );
  return statusAction('certificateRequests', request, {
    ...request.status,
    conditions: conditions(
      condition(
        'Ready',
        true,
        'Issued',
        'Certificate fetched from issuer successfully',
      ),
    ),
    certificate,
    // A self-signed certificate is its own CA.
    ca:
      type === 'selfSigned'
        ? certificate
        : toBase64(
            encodePem('CERTIFICATE', {
              dnsNames: [],
              notBefore: formatTime(settings.now),
              notAfter: formatTime(
                new Date(settings.now.getTime() + 10 * 365 * 86_400_000),
              ),
              issuer: `CN=${issuer.metadata.name}`,
            }),
          ),
  });
}

/** The base64 PEM a signer returns for this request, valid from `now`. */
export function issueCertificate(
  request: { spec?: any },
  issuerName: string,
  now: Date,
): string {
  const csr =
    decodePem('CERTIFICATE REQUEST', fromBase64(request.spec?.request ?? '')) ??
    {};
  const lifetime = parseDuration(request.spec?.duration) ?? 90 * 86_400_000;
  return toBase64(
    encodePem('CERTIFICATE', {
      dnsNames: csr.dnsNames ?? [],
      notBefore: formatTime(now),
      notAfter: formatTime(new Date(now.getTime() + lifetime)),
      issuer: `CN=${issuerName}`,
    }),
  );
}

function acmeStep(
  request: KubeObject,
  snapshot: CertManagerSnapshot,
  settings: CertManagerSettings,
  conditions: (ready: Condition) => Condition[],
  pending: (message: string) => Action[],
): Action[] {
  const namespace = request.metadata.namespace!;
  const csr =
    decodePem('CERTIFICATE REQUEST', fromBase64(request.spec?.request ?? '')) ??
    {};
  const dnsNames: string[] = csr.dnsNames ?? [];
  // The uid keeps a re-created request from finding the failed Order of its predecessor.
  const orderName = `${request.metadata.name}-${nameHash(
    `${request.metadata.uid}/${dnsNames}`,
  )}`;
  const order = findNamed(snapshot.orders, namespace, orderName);
  const waiting = (state: string) =>
    `Waiting on certificate issuance from order ${namespace}/${orderName}: "${state}"`;
  if (!order) {
    return [
      {
        type: 'create',
        resource: 'orders',
        object: {
          apiVersion: 'acme.cert-manager.io/v1',
          kind: 'Order',
          metadata: {
            name: orderName,
            namespace,
            annotations: request.metadata.annotations,
            ownerReferences: [
              controllerOwner(
                request,
                `${CERT_MANAGER_GROUP}/v1`,
                'CertificateRequest',
              ),
            ],
          },
          spec: {
            request: request.spec.request,
            issuerRef: request.spec.issuerRef,
            dnsNames,
            ...(request.spec.duration
              ? { duration: request.spec.duration }
              : {}),
          },
        },
      },
      ...pending(waiting('')),
    ];
  }
  const state: string = order.status?.state ?? '';
  if (state === 'valid' && order.status?.certificate) {
    return statusAction('certificateRequests', request, {
      ...request.status,
      conditions: conditions(
        condition(
          'Ready',
          true,
          'Issued',
          'Certificate fetched from issuer successfully',
        ),
      ),
      certificate: order.status.certificate,
    });
  }
  if (['invalid', 'errored', 'expired'].includes(state)) {
    return statusAction('certificateRequests', request, {
      ...request.status,
      conditions: conditions(
        condition(
          'Ready',
          false,
          'Failed',
          `Failed to wait for order resource "${orderName}" to become ready: order is in "${state}" state: ${
            order.status?.reason ?? ''
          }`,
        ),
      ),
      failureTime: formatTime(settings.now),
    });
  }
  return pending(waiting(state));
}
