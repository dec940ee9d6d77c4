import { X509Certificate } from 'node:crypto';
import { certificateSerial, DevClusterPki } from './pki';

describe('DevClusterPki', () => {
  it('numbers certificates with positive, minimally encoded serials', () => {
    // A leading zero byte before a byte below 0x80 is refused by OpenSSL as illegal padding.
    for (let i = 0; i < 5000; i++) {
      const first = parseInt(certificateSerial().slice(0, 2), 16);
      expect(first).toBeGreaterThanOrEqual(0x01);
      expect(first).toBeLessThanOrEqual(0x7f);
    }
  });

  it('issues certificates Node parses, signed by its CA', () => {
    const pki = new DevClusterPki();
    const ca = new X509Certificate(pki.caCert);
    const serving = new X509Certificate(
      pki.servingCertificate('127.0.0.1').cert,
    );
    const client = new X509Certificate(
      pki.clientCertificate({ username: 'alice', groups: ['team-a'] }).cert,
    );
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(client.subject).toContain('CN=alice');
  });
});
