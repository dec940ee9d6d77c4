import { KubeObject, formatTime } from '../kube/types';
import { parseDuration } from '../durations';
import { PlaceholderCertificate, decodeCertificate, fromBase64 } from '../pem';
import { CERT_MANAGER_GROUP, IssuerRef, issuerKind } from './issuers';

/** Why a certificate must be issued, as reason and message of Issuing. */
export interface Trigger {
  reason: string;
  message: string;
}

/** The certificate in a Secret's `tls.crt`, if it is one of ours. */
export function issuedCertificate(
  secret: KubeObject | undefined,
): PlaceholderCertificate | undefined {
  const crt = secret?.data?.['tls.crt'];
  return crt ? decodeCertificate(fromBase64(crt)) : undefined;
}

/** Why the Certificate needs a new certificate, in cert-manager's words. */
export function issuanceTrigger(
  cert: KubeObject,
  secret: KubeObject | undefined,
  issued: PlaceholderCertificate | undefined,
  now: Date,
): Trigger | undefined {
  if (!secret) {
    return {
      reason: 'DoesNotExist',
      message: 'Issuing certificate as Secret does not exist',
    };
  }
  if (!secret.data?.['tls.crt'] || !secret.data?.['tls.key']) {
    return {
      reason: 'MissingData',
      message: 'Issuing certificate as Secret does not contain a certificate',
    };
  }
  if (!issued) {
    return {
      reason: 'InvalidCertificate',
      message: 'Issuing certificate as Secret contains an invalid certificate',
    };
  }
  const ref: IssuerRef = cert.spec.issuerRef;
  const annotations = secret.metadata.annotations ?? {};
  if (
    annotations['cert-manager.io/issuer-name'] !== ref.name ||
    annotations['cert-manager.io/issuer-kind'] !== issuerKind(ref)
  ) {
    return {
      reason: 'IncorrectIssuer',
      message: `Issuing certificate as Secret was previously issued by "${annotations['cert-manager.io/issuer-kind']}.${CERT_MANAGER_GROUP}/${annotations['cert-manager.io/issuer-name']}"`,
    };
  }
  if (!sameNames(issued.dnsNames, cert.spec.dnsNames ?? [])) {
    return {
      reason: 'RequestChanged',
      message:
        'Fields on existing CertificateRequest resource not up to date: [spec.dnsNames]',
    };
  }
  const notAfter = new Date(issued.notAfter);
  if (now >= notAfter) {
    return {
      reason: 'Expired',
      message: `Certificate expired on ${notAfter.toUTCString()}`,
    };
  }
  const renewal = renewalTime(cert, issued);
  if (now >= renewal) {
    return {
      reason: 'Renewing',
      message: `Renewing certificate as renewal was scheduled at ${formatTime(
        renewal,
      )}`,
    };
  }
  return undefined;
}

export function sameNames(a: string[], b: string[]): boolean {
  return [...a].sort().join(',') === [...b].sort().join(',');
}

/** `renewBefore` before expiry, or at 2/3 of the lifetime as cert-manager defaults. */
export function renewalTime(
  cert: KubeObject,
  issued: PlaceholderCertificate,
): Date {
  const notBefore = new Date(issued.notBefore).getTime();
  const notAfter = new Date(issued.notAfter).getTime();
  const renewBefore = parseDuration(cert.spec?.renewBefore);
  if (renewBefore !== undefined && renewBefore < notAfter - notBefore) {
    return new Date(notAfter - renewBefore);
  }
  return new Date(notBefore + Math.floor(((notAfter - notBefore) * 2) / 3));
}
