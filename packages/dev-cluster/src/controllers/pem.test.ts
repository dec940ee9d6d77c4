import { decodeCertificate, encodePem, isTlsKeyPair, toBase64 } from './pem';

describe('placeholder PEM', () => {
  const cert = {
    dnsNames: ['a.example.com'],
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2026-04-01T00:00:00Z',
    issuer: 'CN=dev',
  };

  it('round-trips a certificate through a PEM block', () => {
    const pem = encodePem('CERTIFICATE', cert);
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/,
    );
    expect(pem.split('\n').every(line => line.length <= 64)).toBe(true);
    expect(decodeCertificate(pem)).toEqual(cert);
  });

  it.each([
    ['not PEM', 'hello'],
    ['another block', encodePem('PRIVATE KEY', cert)],
    [
      'a real-looking certificate',
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    ],
  ])('does not decode %s', (_, pem) => {
    expect(decodeCertificate(pem)).toBeUndefined();
  });
});

/** A self-signed certificate for test.example.com (its key was thrown away). */
const SELF_SIGNED = `-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUS7A/MYw/xU69fgQyu84ebgRaeskwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQdGVzdC5leGFtcGxlLmNvbTAeFw0yNjExMjIxODM3MTdaFw0z
NjExMTkxODM3MTdaMBsxGTAXBgNVBAMMEHRlc3QuZXhhbXBsZS5jb20wWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAARRxVHiCIEvI2Ha3g1VLkRi/fAiyeFjdrzqF034
XeVaMZIHzG+1VXkTfoyWSEU/ZNMQ+6Ko2xxmnOQBTAWi6wWyo1MwUTAdBgNVHQ4E
FgQU5Kcj0eXNC8u8wf+XUgbFMp4q7FUwHwYDVR0jBBgwFoAU5Kcj0eXNC8u8wf+X
UgbFMp4q7FUwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAhe8j
90rMSSepMuXbxUML5WyRsPgB0qtbGneYNZu/rFYCIDbOAOmlVudGZlCie2FH6ecg
/4LLBQNRK79mP7pciMxP
-----END CERTIFICATE-----
`;

describe('isTlsKeyPair', () => {
  const key = toBase64(
    '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
  );
  const placeholder = toBase64(
    encodePem('CERTIFICATE', {
      dnsNames: ['a.example.com'],
      notBefore: '2026-01-01T00:00:00Z',
      notAfter: '2026-04-01T00:00:00Z',
      issuer: 'CN=dev',
    }),
  );

  it('accepts a real X.509 certificate with a key', () => {
    expect(
      isTlsKeyPair({ 'tls.crt': toBase64(SELF_SIGNED), 'tls.key': key }),
    ).toBe(true);
  });

  it('accepts a placeholder certificate with a key', () => {
    expect(isTlsKeyPair({ 'tls.crt': placeholder, 'tls.key': key })).toBe(true);
  });

  it.each([
    ['no data', undefined],
    ['junk', { 'tls.crt': toBase64('crt'), 'tls.key': toBase64('key') }],
    [
      'a certificate without key',
      { 'tls.crt': placeholder, 'tls.key': toBase64('key') },
    ],
    [
      'a malformed certificate',
      {
        'tls.crt': toBase64(
          '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        ),
        'tls.key': key,
      },
    ],
  ])('refuses %s', (_, data) => {
    expect(isTlsKeyPair(data)).toBe(false);
  });
});
