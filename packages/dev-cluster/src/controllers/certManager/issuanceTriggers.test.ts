import { encodePem, toBase64 } from '../pem';
import {
  issuanceTrigger,
  issuedCertificate,
  renewalTime,
} from './issuanceTriggers';

const NOW = new Date('2026-06-01T00:00:00Z');
const cert = {
  metadata: { name: 'api', namespace: 'apps' },
  spec: {
    secretName: 'api-tls',
    dnsNames: ['api.example.com'],
    issuerRef: { name: 'le', kind: 'ClusterIssuer' },
  },
};
const placeholder = (
  dnsNames = ['api.example.com'],
  notAfter = '2026-08-30T00:00:00Z',
) =>
  toBase64(
    encodePem('CERTIFICATE', {
      dnsNames,
      notBefore: '2026-05-31T00:00:00Z',
      notAfter,
      issuer: 'CN=le',
    }),
  );
const secret = (
  data: Record<string, string> = {
    'tls.crt': placeholder(),
    'tls.key': 'a2V5',
  },
  annotations = {
    'cert-manager.io/issuer-name': 'le',
    'cert-manager.io/issuer-kind': 'ClusterIssuer',
  },
) => ({ metadata: { name: 'api-tls', namespace: 'apps', annotations }, data });

function trigger(s: ReturnType<typeof secret> | undefined, now = NOW) {
  return issuanceTrigger(cert, s, issuedCertificate(s), now)?.reason;
}

describe('issuanceTrigger', () => {
  it('needs nothing for a matching, valid certificate', () => {
    expect(trigger(secret())).toBeUndefined();
  });

  it.each([
    ['DoesNotExist', undefined],
    ['MissingData', secret({ 'tls.crt': placeholder() })],
    [
      'InvalidCertificate',
      secret({ 'tls.crt': toBase64('junk'), 'tls.key': 'a2V5' }),
    ],
    [
      'IncorrectIssuer',
      secret(undefined, {
        'cert-manager.io/issuer-name': 'other',
        'cert-manager.io/issuer-kind': 'Issuer',
      }),
    ],
    [
      'RequestChanged',
      secret({
        'tls.crt': placeholder(['old.example.com']),
        'tls.key': 'a2V5',
      }),
    ],
    [
      'Expired',
      secret({
        'tls.crt': placeholder(undefined, '2026-05-31T12:00:00Z'),
        'tls.key': 'a2V5',
      }),
    ],
  ])('gives %s', (reason, s) => {
    expect(trigger(s)).toBe(reason);
  });

  it('gives Renewing from the renewal time on', () => {
    const issued = issuedCertificate(secret())!;
    const renewal = renewalTime(cert, issued);
    expect(
      trigger(secret(), new Date(renewal.getTime() - 1000)),
    ).toBeUndefined();
    expect(trigger(secret(), renewal)).toBe('Renewing');
  });
});
