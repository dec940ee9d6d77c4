import crypto from 'node:crypto';
import forge from 'node-forge';

/** A PEM certificate and its private key. */
export interface KeyPairPems {
  cert: string;
  key: string;
}

/** Who a client certificate names, read as the apiserver reads it: CN the user, each O a group. */
export interface CertificateIdentity {
  username: string;
  groups: string[];
}

function newKeys(): { pem: string; forge: forge.pki.rsa.KeyPair } {
  // Native key generation: node-forge's pure-JS RSA takes seconds per key.
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const priv = forge.pki.privateKeyFromPem(
    privateKey,
  ) as forge.pki.rsa.PrivateKey;
  const pub = forge.pki.setRsaPublicKey(priv.n, priv.e);
  return { pem: privateKey, forge: { privateKey: priv, publicKey: pub } };
}

export function certificateSerial(): string {
  // A DER INTEGER, positive and minimal: the first byte 0x01-0x7f. A leading 0x00 before a
  // byte below 0x80 is illegal padding, which OpenSSL refuses (1 certificate in 256 before).
  const bytes = crypto.randomBytes(16);
  bytes[0] = bytes[0] & 0x7f || 0x01;
  return bytes.toString('hex');
}

/**
 * The dev cluster's certificate authority: one per process. It signs the server's serving
 * certificate (so clients verify it with `caData` instead of skipping verification) and the
 * client certificates tests authenticate with.
 */
export class DevClusterPki {
  private readonly caKeys = newKeys();
  private readonly caSubject = [
    { name: 'commonName', value: 'dev-cluster-ca' },
  ];
  readonly caCert: string;

  constructor() {
    const ca = forge.pki.createCertificate();
    ca.serialNumber = certificateSerial();
    ca.publicKey = this.caKeys.forge.publicKey;
    ca.validity.notBefore = new Date(Date.now() - 60_000);
    ca.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
    ca.setSubject(this.caSubject);
    ca.setIssuer(this.caSubject);
    ca.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ]);
    ca.sign(this.caKeys.forge.privateKey, forge.md.sha256.create());
    this.caCert = forge.pki.certificateToPem(ca);
  }

  /** The CA as a kubeconfig's `certificate-authority-data`: base64 of the PEM. */
  get caData(): string {
    return Buffer.from(this.caCert).toString('base64');
  }

  private issue(
    subject: forge.pki.CertificateField[],
    extensions: object[],
    validForMs: number,
  ): KeyPairPems {
    const keys = newKeys();
    const cert = forge.pki.createCertificate();
    cert.serialNumber = certificateSerial();
    cert.publicKey = keys.forge.publicKey;
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + validForMs);
    cert.setSubject(subject);
    cert.setIssuer(this.caSubject);
    cert.setExtensions(extensions);
    cert.sign(this.caKeys.forge.privateKey, forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
  }

  /** The serving certificate for loopback (and the host the server listens on). */
  servingCertificate(host: string): KeyPairPems {
    const ips = new Set(['127.0.0.1', '::1']);
    const dns = new Set(['localhost']);
    if (/^[\d.]+$/.test(host) || host.includes(':')) ips.add(host);
    else dns.add(host);
    return this.issue(
      [{ name: 'commonName', value: 'dev-cluster' }],
      [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...[...dns].map(value => ({ type: 2, value })),
            ...[...ips].map(ip => ({ type: 7, ip })),
          ],
        },
      ],
      365 * 24 * 3600_000,
    );
  }

  /** A client certificate for a user: CN the username, one O per group, as kubeadm issues them. */
  clientCertificate(
    identity: CertificateIdentity,
    validForMs = 24 * 3600_000,
  ): KeyPairPems {
    return this.issue(
      [
        { name: 'commonName', value: identity.username },
        ...identity.groups.map(value => ({ name: 'organizationName', value })),
      ],
      [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
      validForMs,
    );
  }
}

/** The identity of a verified peer certificate (Node's parsed subject). */
export function identityOfPeer(
  subject: { CN?: string | string[]; O?: string | string[] } | undefined,
): CertificateIdentity | undefined {
  // A resumed session that began without a certificate is "authorized" with no subject.
  if (!subject) return undefined;
  // Node gives a single value as a string, several as an array.
  const list = (v?: string | string[]) => [v ?? []].flat();
  const [username] = list(subject.CN);
  if (!username) return undefined;
  return { username, groups: list(subject.O) };
}
