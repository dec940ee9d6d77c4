import {
  desiredCertificates,
  desiredListenerSetCertificates,
  reconcileGatewayShim,
  reconcileListenerSetShim,
} from './gatewayShim';

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
    [
      'a listener named in ignore-tls-listeners',
      { ...le, 'cert-manager.io/ignore-tls-listeners': 'b, a' },
      [https('a', 'a.example.com', 'a-tls')],
    ],
    [
      'an HTTP listener',
      le,
      [{ ...https('a', 'a.example.com', 'a-tls'), protocol: 'HTTP' }],
    ],
    [
      'a listener with a Secret in another namespace beside a local one',
      le,
      [
        {
          ...https('a', 'a.example.com', 'x'),
          tls: {
            certificateRefs: [{ name: 'x' }, { name: 'y', namespace: 'certs' }],
          },
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

describe('the ListenerSet shim (cert-manager v1.21)', () => {
  const listenerSet = (
    annotations: Record<string, string>,
    listeners: object[],
    parentRef: object = { name: 'web', namespace: 'apps' },
  ) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name: 'team', namespace: 'team-a', uid: 'ls-uid', annotations },
    spec: { parentRef, listeners },
  });
  const parent = (annotations: Record<string, string> = {}) =>
    gateway(annotations, []);

  it("creates a Certificate in the ListenerSet's namespace, owned by it, naming it as the HTTP-01 parent", () => {
    const [cert, ...rest] = desiredListenerSetCertificates(
      listenerSet(le, [
        https('a', 'a.team.example.com', 'team-tls'),
        https('b', 'b.team.example.com', 'team-tls'),
      ]),
      parent(),
    );
    expect(rest).toEqual([]);
    expect(cert.metadata).toEqual({
      name: 'team-tls',
      namespace: 'team-a',
      annotations: {
        'acme.cert-manager.io/http01-parentrefkind': 'ListenerSet',
        'acme.cert-manager.io/http01-parentrefname': 'team',
      },
      ownerReferences: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'ListenerSet',
          name: 'team',
          uid: 'ls-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(cert.spec).toEqual({
      secretName: 'team-tls',
      dnsNames: ['a.team.example.com', 'b.team.example.com'],
      issuerRef: {
        name: 'letsencrypt',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      },
    });
  });

  it("takes the Gateway's issuer when it has none, and the Gateway's issuer-kind and group always", () => {
    const inherited = desiredListenerSetCertificates(
      listenerSet({}, [https('a', 'a.team.example.com', 'team-tls')]),
      parent({ 'cert-manager.io/issuer': 'gw-issuer' }),
    );
    expect(inherited[0].spec.issuerRef).toEqual({
      name: 'gw-issuer',
      kind: 'Issuer',
      group: 'cert-manager.io',
    });
    const own = desiredListenerSetCertificates(
      listenerSet(
        {
          'cert-manager.io/issuer': 'team-issuer',
          'cert-manager.io/issuer-kind': 'Mine',
        },
        [https('a', 'a.team.example.com', 'team-tls')],
      ),
      parent({
        'cert-manager.io/cluster-issuer': 'gw-issuer',
        'cert-manager.io/issuer-kind': 'StepClusterIssuer',
      }),
    );
    expect(own[0].spec.issuerRef).toEqual({
      name: 'team-issuer',
      kind: 'StepClusterIssuer',
      group: 'cert-manager.io',
    });
  });

  it('points the HTTP-01 route at the Gateway with the fallback annotation', () => {
    const [cert] = desiredListenerSetCertificates(
      listenerSet(
        { ...le, 'acme.cert-manager.io/http01-parentreffallback': 'true' },
        [https('a', 'a.team.example.com', 'team-tls')],
      ),
      parent(),
    );
    expect(cert.metadata.annotations).toEqual({
      'acme.cert-manager.io/http01-parentrefkind': 'Gateway',
      'acme.cert-manager.io/http01-parentrefname': 'web',
      'acme.cert-manager.io/http01-parentrefnamespace': 'apps',
    });
  });

  it('wants nothing without its Gateway, without an issuer anywhere, or for a Secret of another namespace', () => {
    const listeners = [https('a', 'a.team.example.com', 'team-tls')];
    expect(
      desiredListenerSetCertificates(listenerSet(le, listeners), undefined),
    ).toEqual([]);
    expect(
      desiredListenerSetCertificates(listenerSet({}, listeners), parent()),
    ).toEqual([]);
    expect(
      desiredListenerSetCertificates(
        listenerSet(le, [
          {
            ...https('a', 'a.team.example.com', 'x'),
            tls: { certificateRefs: [{ name: 'x', namespace: 'apps' }] },
          },
        ]),
        parent(),
      ),
    ).toEqual([]);
  });

  it("finds the Gateway in the ListenerSet's namespace when parentRef has none, and leaves others' Certificates alone", () => {
    const ls = listenerSet(le, [https('a', 'a.team.example.com', 'team-tls')], {
      name: 'local',
    });
    const local = {
      metadata: { name: 'local', namespace: 'team-a', annotations: {} },
      spec: { listeners: [] },
    };
    const [create] = reconcileListenerSetShim(ls, [parent(), local], []);
    expect(create).toMatchObject({
      type: 'create',
      object: { metadata: { name: 'team-tls', namespace: 'team-a' } },
    });
    expect(reconcileListenerSetShim(ls, [parent()], [])).toEqual([]);
    const foreign = {
      ...create.object,
      metadata: { ...create.object.metadata, ownerReferences: [] },
      spec: {},
    };
    expect(reconcileListenerSetShim(ls, [local], [foreign])).toEqual([]);
  });
});
