import { desiredCertificates, reconcileGatewayShim } from './gatewayShim';

const gateway = (annotations: Record<string, string>, listeners: object[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  metadata: { name: 'web', namespace: 'apps', uid: 'uid-1', annotations },
  spec: { gatewayClassName: 'eg', listeners },
});
const https = (
  name: string,
  hostname: string | undefined,
  secret: string,
  extra: object = {},
) => ({
  name,
  port: 443,
  protocol: 'HTTPS',
  hostname,
  tls: { certificateRefs: [{ name: secret }], ...extra },
});
const le = { 'cert-manager.io/cluster-issuer': 'letsencrypt' };

describe('desiredCertificates', () => {
  it('wants one Certificate per Secret, owned by the Gateway', () => {
    const [cert, ...rest] = desiredCertificates(
      gateway(le, [
        https('a', 'a.example.com', 'web-tls'),
        https('b', 'b.example.com', 'web-tls'),
        { name: 'http', port: 80, protocol: 'HTTP', hostname: 'a.example.com' },
      ]),
    );
    expect(rest).toEqual([]);
    expect(cert.metadata).toMatchObject({
      name: 'web-tls',
      namespace: 'apps',
      ownerReferences: [
        { kind: 'Gateway', name: 'web', uid: 'uid-1', controller: true },
      ],
    });
    expect(cert.spec).toEqual({
      secretName: 'web-tls',
      dnsNames: ['a.example.com', 'b.example.com'],
      issuerRef: {
        name: 'letsencrypt',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      },
    });
  });

  it('reads issuer, issuer-kind and issuer-group annotations and the duration', () => {
    const [cert] = desiredCertificates(
      gateway(
        {
          'cert-manager.io/issuer': 'step',
          'cert-manager.io/issuer-kind': 'StepIssuer',
          'cert-manager.io/issuer-group': 'certmanager.step.sm',
          'cert-manager.io/duration': '720h',
        },
        [https('a', 'a.example.com', 'a-tls')],
      ),
    );
    expect(cert.spec.issuerRef).toEqual({
      name: 'step',
      kind: 'StepIssuer',
      group: 'certmanager.step.sm',
    });
    expect(cert.spec.duration).toBe('720h');
  });

  it.each([
    ['no issuer annotation', {}, [https('a', 'a.example.com', 'a-tls')]],
    [
      'both issuer annotations',
      { ...le, 'cert-manager.io/issuer': 'x' },
      [https('a', 'a.example.com', 'a-tls')],
    ],
    ['a listener without hostname', le, [https('a', undefined, 'a-tls')]],
    [
      'a passthrough listener',
      le,
      [https('a', 'a.example.com', 'a-tls', { mode: 'Passthrough' })],
    ],
    [
      'a Secret in another namespace',
      le,
      [
        {
          ...https('a', 'a.example.com', 'x'),
          tls: { certificateRefs: [{ name: 'x', namespace: 'certs' }] },
        },
      ],
    ],
  ])('wants nothing for %s', (_, annotations, listeners) => {
    expect(desiredCertificates(gateway(annotations, listeners))).toEqual([]);
  });
});

describe('reconcileGatewayShim', () => {
  const gw = gateway(le, [https('a', 'a.example.com', 'web-tls')]);
  const [desired] = desiredCertificates(gw);

  it('creates a missing Certificate', () => {
    expect(reconcileGatewayShim(gw, [])).toEqual([
      { type: 'create', resource: 'certificates', object: desired },
    ]);
  });

  it('does nothing when the Certificate is up to date', () => {
    expect(
      reconcileGatewayShim(gw, [{ ...desired, status: { revision: 1 } }]),
    ).toEqual([]);
  });

  it('updates the spec of an owned Certificate', () => {
    const old = {
      ...desired,
      metadata: { ...desired.metadata, resourceVersion: '7' },
      spec: { ...desired.spec, dnsNames: ['old.example.com'] },
    };
    const [action] = reconcileGatewayShim(gw, [old]);
    expect(action).toMatchObject({
      type: 'replace',
      object: { metadata: { resourceVersion: '7' }, spec: desired.spec },
    });
  });

  it('leaves a Certificate it does not own alone', () => {
    const foreign = {
      ...desired,
      metadata: { name: 'web-tls', namespace: 'apps' },
      spec: {},
    };
    expect(reconcileGatewayShim(gw, [foreign])).toEqual([]);
  });
});
