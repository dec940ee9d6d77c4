import { Action } from '../kube/actions';
import { condition } from '../kube/status';
import {
  Condition,
  KubeObject,
  findCondition,
  formatTime,
  isConditionTrue,
} from '../kube/types';
import { formatDuration, parseDuration } from '../durations';
import {
  PlaceholderCertificate,
  decodePem,
  encodePem,
  fromBase64,
  toBase64,
} from '../pem';
import { isRequestFailed } from './certificateRequests';
import { LIFETIME_ANNOTATION } from './gatewayShim';
import {
  Trigger,
  issuanceTrigger,
  issuedCertificate,
  renewalTime,
  sameNames,
} from './issuanceTriggers';
import { CERT_MANAGER_GROUP, issuerKind } from './issuers';
import {
  ANNOTATIONS,
  CertManagerSettings,
  CertManagerSnapshot,
  controllerOwner,
  endsWithAny,
  findNamed,
  statusAction,
} from './model';
import { writeSecret } from './secrets';

/**
 * One step of a Certificate's life as cert-manager's certificates
 * controllers drive it: decide whether to issue (Issuing=True), create the
 * CertificateRequest, store the issued certificate in the Secret, then
 * report Ready with the validity times and the new revision.
 */
export function reconcileCertificate(
  cert: KubeObject,
  snapshot: CertManagerSnapshot,
  settings: CertManagerSettings,
): Action[] {
  const namespace = cert.metadata.namespace!;
  const status = cert.status ?? {};
  const secret = findNamed(snapshot.secrets, namespace, cert.spec?.secretName);
  const issued = issuedCertificate(secret);
  const trigger = issuanceTrigger(cert, secret, issued, settings.now);
  const nextRevision = (status.revision ?? 0) + 1;
  const request = findNamed(
    snapshot.certificateRequests,
    namespace,
    `${cert.metadata.name}-${nextRevision}`,
  );
  const issuing = isConditionTrue(cert, 'Issuing');

  if (issuing && request && !requestMatches(request, cert)) {
    // The spec changed since the request was made: start it again.
    return [
      { type: 'delete', resource: 'certificateRequests', object: request },
    ];
  }
  if (issuing && request && isConditionTrue(request, 'Ready')) {
    if (secret?.data?.['tls.crt'] !== request.status?.certificate) {
      return [writeSecret(cert, secret, request)];
    }
    return statusAction(
      'certificates',
      cert,
      readyStatus(cert, issued, trigger, settings, nextRevision),
    );
  }
  if (!trigger) {
    return statusAction(
      'certificates',
      cert,
      readyStatus(cert, issued, undefined, settings, status.revision),
    );
  }
  if (!issuing) {
    if (inFailureBackoff(cert, settings)) return [];
    return statusAction('certificates', cert, {
      ...status,
      conditions: [
        readyCondition(cert, issued, trigger, settings.now),
        issuingCondition(cert, true, trigger),
      ],
    });
  }
  if (!request) {
    return [
      {
        type: 'create',
        resource: 'certificateRequests',
        object: newRequest(cert, nextRevision, settings),
      },
    ];
  }
  if (isRequestFailed(request)) {
    if (
      status.lastFailureTime &&
      status.lastFailureTime >= request.status?.failureTime
    ) {
      // This failure is already recorded and the backoff is over: retry.
      return [
        { type: 'delete', resource: 'certificateRequests', object: request },
      ];
    }
    const message = findCondition(request, 'Ready')?.message ?? '';
    const failed = {
      reason: 'Failed',
      message: `The certificate request has failed to complete and will be retried: ${message}`,
    };
    const stillValid = issued && settings.now < new Date(issued.notAfter);
    return statusAction('certificates', cert, {
      ...status,
      conditions: [
        stillValid
          ? readyCondition(cert, issued, undefined, settings.now)
          : condition(
              'Ready',
              false,
              'Failed',
              failed.message,
              cert.metadata.generation,
            ),
        issuingCondition(cert, false, failed),
      ],
      lastFailureTime: formatTime(settings.now),
      failedIssuanceAttempts: (status.failedIssuanceAttempts ?? 0) + 1,
    });
  }
  return [];
}

function readyCondition(
  cert: KubeObject,
  issued: PlaceholderCertificate | undefined,
  trigger: Trigger | undefined,
  now: Date,
): Condition {
  const generation = cert.metadata.generation;
  if (issued && now >= new Date(issued.notAfter)) {
    return condition(
      'Ready',
      false,
      'Expired',
      `Certificate expired on ${new Date(issued.notAfter).toUTCString()}`,
      generation,
    );
  }
  if (trigger && trigger.reason !== 'Renewing') {
    return condition(
      'Ready',
      false,
      trigger.reason,
      trigger.message,
      generation,
    );
  }
  return condition(
    'Ready',
    true,
    'Ready',
    'Certificate is up to date and has not expired',
    generation,
  );
}

function issuingCondition(
  cert: KubeObject,
  status: boolean,
  trigger: Trigger,
): Condition {
  return condition(
    'Issuing',
    status,
    trigger.reason,
    trigger.message,
    cert.metadata.generation,
  );
}

function readyStatus(
  cert: KubeObject,
  issued: PlaceholderCertificate | undefined,
  trigger: Trigger | undefined,
  settings: CertManagerSettings,
  revision: number | undefined,
): Record<string, unknown> {
  const status: Record<string, unknown> = {
    conditions: [readyCondition(cert, issued, trigger, settings.now)],
  };
  if (issued) {
    status.notBefore = issued.notBefore;
    status.notAfter = issued.notAfter;
    status.renewalTime = formatTime(renewalTime(cert, issued));
  }
  if (revision !== undefined) status.revision = revision;
  return status;
}

function inFailureBackoff(
  cert: KubeObject,
  settings: CertManagerSettings,
): boolean {
  const issuing = findCondition(cert, 'Issuing');
  const lastFailure = cert.status?.lastFailureTime;
  return (
    issuing?.reason === 'Failed' &&
    issuing.observedGeneration === cert.metadata.generation &&
    !!lastFailure &&
    settings.now.getTime() - new Date(lastFailure).getTime() <
      settings.retryAfterFailureMs
  );
}

function lifetimeMs(cert: KubeObject, settings: CertManagerSettings): number {
  const annotated = parseDuration(
    cert.metadata.annotations?.[LIFETIME_ANNOTATION],
  );
  if (annotated !== undefined) return annotated;
  const dnsNames: string[] = cert.spec?.dnsNames ?? [];
  if (dnsNames.some(name => endsWithAny(name, settings.expiringSoonSuffixes))) {
    return settings.expiringSoonLifetimeMs;
  }
  return parseDuration(cert.spec?.duration) ?? settings.defaultLifetimeMs;
}

function newRequest(
  cert: KubeObject,
  revision: number,
  settings: CertManagerSettings,
): KubeObject {
  const csr = encodePem('CERTIFICATE REQUEST', {
    dnsNames: cert.spec.dnsNames ?? [],
    issuerRef: cert.spec.issuerRef,
  });
  return {
    apiVersion: `${CERT_MANAGER_GROUP}/v1`,
    kind: 'CertificateRequest',
    metadata: {
      name: `${cert.metadata.name}-${revision}`,
      namespace: cert.metadata.namespace,
      annotations: {
        [ANNOTATIONS.certificateName]: cert.metadata.name,
        [ANNOTATIONS.revision]: String(revision),
        [ANNOTATIONS.privateKeySecretName]: `${cert.metadata.name}-key`,
      },
      ownerReferences: [
        controllerOwner(cert, `${CERT_MANAGER_GROUP}/v1`, 'Certificate'),
      ],
    },
    spec: {
      request: toBase64(csr),
      issuerRef: cert.spec.issuerRef,
      duration: formatDuration(lifetimeMs(cert, settings)),
      usages: ['digital signature', 'key encipherment'],
    },
  };
}

/** Whether the request was made for the Certificate's current spec. */
function requestMatches(request: KubeObject, cert: KubeObject): boolean {
  const csr = decodePem(
    'CERTIFICATE REQUEST',
    fromBase64(request.spec?.request ?? ''),
  );
  return (
    !!csr &&
    sameNames(csr.dnsNames ?? [], cert.spec.dnsNames ?? []) &&
    csr.issuerRef?.name === cert.spec.issuerRef?.name &&
    issuerKind(csr.issuerRef ?? {}) === issuerKind(cert.spec.issuerRef)
  );
}
