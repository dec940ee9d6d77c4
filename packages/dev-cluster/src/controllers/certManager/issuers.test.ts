import { findIssuer, issuerNotFoundMessage, reconcileIssuer } from './issuers';

const issuer = (spec: object, namespace: string | undefined = 'apps') => ({
  metadata: { name: 'iss', namespace, generation: 1 },
  spec,
});
const caSecret = (
  namespace: string,
  data: Record<string, string> = { 'tls.crt': 'x', 'tls.key': 'y' },
) => ({
  metadata: { name: 'ca-key-pair', namespace },
  data,
});
const ready = (status?: Record<string, unknown>) => {
  const [c] = (status?.conditions as any[]) ?? [];
  return c && { status: c.status, reason: c.reason, message: c.message };
};

describe('reconcileIssuer', () => {
  it('makes a selfSigned issuer ready', () => {
    expect(
      ready(reconcileIssuer(issuer({ selfSigned: {} }), [], 'apps')),
    ).toEqual({
      status: 'True',
      reason: 'IsReady',
      message: '',
    });
  });

  it('verifies the key pair of a CA issuer', () => {
    expect(
      ready(
        reconcileIssuer(
          issuer({ ca: { secretName: 'ca-key-pair' } }),
          [caSecret('apps')],
          'apps',
        ),
      ),
    ).toEqual({
      status: 'True',
      reason: 'KeyPairVerified',
      message: 'Signing CA verified',
    });
  });

  it.each([
    [
      'is missing',
      [],
      'ErrGetKeyPair',
      'Error getting keypair for CA issuer: secrets "ca-key-pair" not found',
    ],
    [
      'is in another namespace',
      [caSecret('other')],
      'ErrGetKeyPair',
      expect.any(String),
    ],
    [
      'lacks a key',
      [caSecret('apps', { 'tls.crt': 'x' })],
      'ErrInvalidKeyPair',
      expect.any(String),
    ],
  ])('reports a CA issuer whose secret %s', (_, secrets, reason, message) => {
    expect(
      ready(
        reconcileIssuer(
          issuer({ ca: { secretName: 'ca-key-pair' } }),
          secrets,
          'apps',
        ),
      ),
    ).toEqual({
      status: 'False',
      reason,
      message,
    });
  });

  it('registers an ACME account', () => {
    const status = reconcileIssuer(
      issuer({
        acme: {
          server: 'https://acme-staging-v02.api.letsencrypt.org/directory',
          email: 'ops@example.com',
        },
      }),
      [],
      'apps',
    );
    expect(ready(status)?.reason).toBe('ACMEAccountRegistered');
    expect(status?.acme).toEqual({
      uri: expect.stringMatching(
        /^https:\/\/acme-staging-v02\.api\.letsencrypt\.org\/acme\/acct\/\d+$/,
      ),
      lastRegisteredEmail: 'ops@example.com',
    });
  });

  it('keeps an existing ACME account URI', () => {
    const withAccount = {
      ...issuer({ acme: { server: 'https://acme.example.com/dir' } }),
      status: { acme: { uri: 'https://acme.example.com/acct/7' } },
    };
    expect((reconcileIssuer(withAccount, [], 'apps')?.acme as any).uri).toBe(
      'https://acme.example.com/acct/7',
    );
  });

  it('refuses an ACME issuer with an invalid server URL', () => {
    expect(
      ready(
        reconcileIssuer(issuer({ acme: { server: 'not a url' } }), [], 'apps'),
      )?.reason,
    ).toBe('ErrRegisterACMEAccount');
  });

  it('leaves issuer types it does not simulate alone', () => {
    expect(reconcileIssuer(issuer({ vault: {} }), [], 'apps')).toBeUndefined();
  });
});

describe('findIssuer', () => {
  const lookup = {
    issuers: [issuer({}, 'apps')],
    clusterIssuers: [issuer({}, undefined)],
  };

  it('finds Issuers in the namespace and ClusterIssuers by name', () => {
    expect(findIssuer(lookup, 'apps', { name: 'iss' })).toBe(lookup.issuers[0]);
    expect(findIssuer(lookup, 'other', { name: 'iss' })).toBeUndefined();
    expect(
      findIssuer(lookup, 'other', { name: 'iss', kind: 'ClusterIssuer' }),
    ).toBe(lookup.clusterIssuers[0]);
  });

  it('names the missing issuer as cert-manager does', () => {
    expect(issuerNotFoundMessage({ name: 'le', kind: 'ClusterIssuer' })).toBe(
      'Referenced "ClusterIssuer" not found: clusterissuer.cert-manager.io "le" not found',
    );
  });
});
