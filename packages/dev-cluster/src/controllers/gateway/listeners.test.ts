import { KubeObject } from '../kube/types';
import { analyzeListener, Listener } from './listeners';
import { gateway, tlsSecret } from './testObjects';

const gw = gateway('web', []);
const context = (
  secrets = [tlsSecret('web-tls', 'infra')],
  referenceGrants: any[] = [],
) => ({
  owner: gw,
  ownerKind: 'Gateway' as const,
  secrets,
  referenceGrants,
});
const https = (tls: Listener['tls']): Listener => ({
  name: 'https',
  port: 443,
  protocol: 'HTTPS',
  hostname: 'a.example.com',
  tls,
});

describe('analyzeListener', () => {
  it.each([
    ['HTTP', undefined, ['HTTPRoute', 'GRPCRoute']],
    ['TLS', { mode: 'Passthrough' }, ['TLSRoute']],
    ['TCP', undefined, ['TCPRoute']],
  ] as const)('gives a %s listener its route kinds', (protocol, tls, kinds) => {
    const model = analyzeListener(
      { name: 'l', port: 1, protocol, tls },
      context(),
    );
    expect(model.supportedKinds.map(k => k.kind)).toEqual(kinds);
    expect(model.unresolvedRefs).toBeUndefined();
  });

  it('refuses an unknown protocol', () => {
    const model = analyzeListener(
      { name: 'l', port: 1, protocol: 'example.com/quic' },
      context(),
    );
    expect(model.unsupportedProtocol?.reason).toBe('UnsupportedProtocol');
  });

  it('keeps only supported allowedRoutes kinds and reports InvalidRouteKinds', () => {
    const model = analyzeListener(
      {
        name: 'l',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }] },
      },
      context(),
    );
    expect(model.supportedKinds).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
    ]);
    expect(model.unresolvedRefs).toMatchObject({ reason: 'InvalidRouteKinds' });
  });

  it('resolves a certificateRef to a TLS Secret', () => {
    const model = analyzeListener(
      https({ certificateRefs: [{ name: 'web-tls' }] }),
      context(),
    );
    expect(model.unresolvedRefs).toBeUndefined();
  });

  it.each([
    [
      'a missing Secret',
      { certificateRefs: [{ name: 'nope' }] },
      context(),
      'InvalidCertificateRef',
      /does not exist/,
    ],
    [
      'an Opaque Secret',
      { certificateRefs: [{ name: 'web-tls' }] },
      context([{ ...tlsSecret('web-tls', 'infra'), type: 'Opaque' }]),
      'InvalidCertificateRef',
      /kubernetes.io\/tls/,
    ],
    [
      'a Secret without a valid certificate',
      { certificateRefs: [{ name: 'web-tls' }] },
      context([
        {
          ...tlsSecret('web-tls', 'infra'),
          data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' },
        },
      ]),
      'InvalidCertificateRef',
      /valid certificate/,
    ],
    [
      'no certificateRefs',
      {},
      context(),
      'InvalidCertificateRef',
      /no certificateRefs/,
    ],
    [
      'a cross-namespace Secret without grant',
      { certificateRefs: [{ name: 'web-tls', namespace: 'certs' }] },
      context([tlsSecret('web-tls', 'certs')]),
      'RefNotPermitted',
      /certs\/web-tls/,
    ],
  ] as const)('reports %s', (_, tls, ctx, reason, message) => {
    const model = analyzeListener(https(tls as Listener['tls']), ctx);
    expect(model.unresolvedRefs).toEqual({
      reason,
      message: expect.stringMatching(message),
    });
  });

  it('resolves a cross-namespace Secret allowed by a ReferenceGrant', () => {
    const grant = {
      metadata: { name: 'g', namespace: 'certs' },
      spec: {
        from: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            namespace: 'infra',
          },
        ],
        to: [{ group: '', kind: 'Secret' }],
      },
    };
    const model = analyzeListener(
      https({ certificateRefs: [{ name: 'web-tls', namespace: 'certs' }] }),
      context([tlsSecret('web-tls', 'certs')], [grant]),
    );
    expect(model.unresolvedRefs).toBeUndefined();
  });

  it("needs a ReferenceGrant from ListenerSets for a ListenerSet's listener; the Gateway's grant does not count", () => {
    const grantFrom = (kind: string, namespace: string) => ({
      metadata: { name: `from-${kind}`, namespace: 'certs' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind, namespace }],
        to: [{ group: '', kind: 'Secret' }],
      },
    });
    const listenerSet = { metadata: { name: 'ls', namespace: 'team-a' } };
    const listener = https({
      certificateRefs: [{ name: 'web-tls', namespace: 'certs' }],
    });
    const analyze = (grants: KubeObject[]) =>
      analyzeListener(listener, {
        owner: listenerSet,
        ownerKind: 'ListenerSet',
        secrets: [tlsSecret('web-tls', 'certs')],
        referenceGrants: grants,
      }).unresolvedRefs?.reason;
    expect(analyze([grantFrom('Gateway', 'team-a')])).toBe('RefNotPermitted');
    expect(analyze([grantFrom('ListenerSet', 'infra')])).toBe(
      'RefNotPermitted',
    );
    expect(analyze([grantFrom('ListenerSet', 'team-a')])).toBeUndefined();
  });

  it("defaults a ListenerSet's certificateRef to the ListenerSet's namespace", () => {
    const model = analyzeListener(
      https({ certificateRefs: [{ name: 'web-tls' }] }),
      {
        owner: { metadata: { name: 'ls', namespace: 'team-a' } },
        ownerKind: 'ListenerSet',
        secrets: [tlsSecret('web-tls', 'team-a')],
        referenceGrants: [],
      },
    );
    expect(model.unresolvedRefs).toBeUndefined();
  });

  it('does not need certificates for TLS passthrough', () => {
    const model = analyzeListener(
      { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      context([]),
    );
    expect(model.unresolvedRefs).toBeUndefined();
  });
});
