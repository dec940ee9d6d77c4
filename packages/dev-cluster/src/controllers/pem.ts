import { X509Certificate } from 'node:crypto';

/**
 * PEM-shaped placeholders. The dev cluster never serves TLS, so a
 * "certificate" is a PEM block around base64 JSON that records what a real
 * one would: its names, validity and issuer. That lets the controller check
 * a Secret against its Certificate as cert-manager does.
 */
export interface PlaceholderCertificate {
  dnsNames: string[];
  notBefore: string;
  notAfter: string;
  issuer: string;
}

export function encodePem(label: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join(
    '\n',
  )}\n-----END ${label}-----\n`;
}

/** The payload of the first `label` PEM block, or undefined. */
export function decodePem(label: string, pem: string): any {
  const match = pem.match(
    new RegExp(
      `-----BEGIN ${label}-----\\n([\\s\\S]*?)\\n-----END ${label}-----`,
    ),
  );
  if (!match) return undefined;
  try {
    return JSON.parse(
      Buffer.from(match[1].replace(/\s/g, ''), 'base64').toString(),
    );
  } catch {
    return undefined;
  }
}

export function decodeCertificate(
  pem: string,
): PlaceholderCertificate | undefined {
  const payload = decodePem('CERTIFICATE', pem);
  return Array.isArray(payload?.dnsNames) && payload.notAfter
    ? payload
    : undefined;
}

export function toBase64(text: string): string {
  return Buffer.from(text).toString('base64');
}

export function fromBase64(text: string): string {
  return Buffer.from(text, 'base64').toString();
}

/**
 * Whether a Secret's `tls.crt` and `tls.key` (base64) hold a certificate
 * (a real one or a placeholder) and a private key, as Envoy Gateway checks
 * before it uses a Secret.
 */
export function isTlsKeyPair(
  data: Record<string, string> | undefined,
): boolean {
  const crt = fromBase64(data?.['tls.crt'] ?? '');
  const key = fromBase64(data?.['tls.key'] ?? '');
  return isCertificate(crt) && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key);
}

function isCertificate(pem: string): boolean {
  if (decodeCertificate(pem)) return true;
  try {
    return !!new X509Certificate(pem);
  } catch {
    return false;
  }
}
