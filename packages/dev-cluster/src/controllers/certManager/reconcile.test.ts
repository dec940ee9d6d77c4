import { Action } from '../kube/actions';
import { withTransitionTimes } from '../kube/status';
import { KubeObject, findCondition } from '../kube/types';
import { CertManagerSettings, CertManagerSnapshot } from './model';
import { decodeCertificate, fromBase64 } from '../pem';
import { reconcileCertManager } from './reconcile';

const HOUR = 3_600_000;
const START = new Date('2026-11-22T12:00:00Z');

function settings(
  overrides: Partial<CertManagerSettings> = {},
): CertManagerSettings {
  return {
    now: START,
    clusterResourceNamespace: 'cert-manager',
    defaultLifetimeMs: 2160 * HOUR,
    expiringSoonLifetimeMs: 72 * HOUR,
    expiringSoonSuffixes: [],
    failHttp01Suffixes: [],
    failDns01Suffixes: [],
    retryAfterFailureMs: HOUR,
    ...overrides,
  };
}

/** A tiny in-memory API server: applies actions as the real one would. */
class Cluster {
  readonly snapshot: CertManagerSnapshot;
  private uid = 0;

  constructor(objects: Partial<CertManagerSnapshot>) {
    this.snapshot = {
      issuers: [],
      clusterIssuers: [],
      certificates: [],
      certificateRequests: [],
      orders: [],
      challenges: [],
      secrets: [],
      gateways: [],
      listenerSets: [],
      services: [],
      httpRoutes: [],
      ...objects,
    };
  }

  /** Runs passes until nothing changes; returns how many made changes. */
  run(s: CertManagerSettings, afterPass: () => void = () => {}): number {
    for (let pass = 0; pass < 40; pass++) {
      const { actions } = reconcileCertManager(this.snapshot, s);
      if (actions.length === 0) return pass;
      actions.forEach(a => this.apply(a, s.now));
      afterPass();
    }
    throw new Error('did not settle');
  }

  get(resource: keyof CertManagerSnapshot, name: string): KubeObject {
    const found = this.snapshot[resource].find(o => o.metadata.name === name);
    if (!found) throw new Error(`${resource} ${name} not found`);
    return found;
  }

  private apply(action: Action, now: Date) {
    const list = this.snapshot[action.resource as keyof CertManagerSnapshot];
    const index = list.findIndex(
      o =>
        o.metadata.namespace === action.object.metadata.namespace &&
        o.metadata.name === action.object.metadata.name,
    );
    switch (action.type) {
      case 'create':
        if (index >= 0) throw new Error('AlreadyExists');
        list.push({
          ...action.object,
          metadata: {
            ...action.object.metadata,
            uid: `uid-${++this.uid}`,
            generation: 1,
          },
        });
        return;
      case 'replace':
        list[index] = {
          ...action.object,
          metadata: {
            ...action.object.metadata,
            generation: (list[index].metadata.generation ?? 1) + 1,
          },
        };
        return;
      case 'status':
        list[index] = {
          ...list[index],
          status: withTransitionTimes(
            action.status,
            list[index].status,
            now.toISOString(),
          ),
        };
        return;
      case 'delete':
        list.splice(index, 1);
        return;
      default:
        throw new Error('unknown action');
    }
  }
}

const acmeIssuer = (
  solvers: object[] = [{ http01: { gatewayHTTPRoute: {} } }],
) => ({
  metadata: { name: 'letsencrypt', generation: 1 },
  spec: {
    acme: {
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'ops@example.com',
      privateKeySecretRef: { name: 'le-account' },
      solvers,
    },
  },
});

const gateway = (
  hostname: string,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  metadata: {
    name: 'web',
    namespace: 'apps',
    uid: 'gw-uid',
    annotations: {
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      ...annotations,
    },
  },
  spec: {
    gatewayClassName: 'eg',
    listeners: [
      {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname,
        tls: { certificateRefs: [{ name: 'web-tls' }] },
      },
    ],
  },
});

const certificate = (spec: object, annotations?: Record<string, string>) => ({
  metadata: {
    name: 'api',
    namespace: 'apps',
    generation: 1,
    uid: 'cert-uid',
    annotations,
  },
  spec: { secretName: 'api-tls', dnsNames: ['api.example.com'], ...spec },
});

function conditionOf(obj: KubeObject, type: string) {
  const c = findCondition(obj, type);
  return c && { status: c.status, reason: c.reason };
}

describe('reconcileCertManager: ACME issuance through a Gateway', () => {
  it('issues a certificate step by step and stores it in the Secret', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer()],
      gateways: [gateway('www.example.com')],
    });
    const s = settings();
    const passes = cluster.run(s);

    const cert = cluster.get('certificates', 'web-tls');
    expect(cert.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Gateway', name: 'web', uid: 'gw-uid' }),
    ]);
    expect(conditionOf(cert, 'Ready')).toEqual({
      status: 'True',
      reason: 'Ready',
    });
    expect(findCondition(cert, 'Issuing')).toBeUndefined();
    expect(cert.status).toMatchObject({
      revision: 1,
      notBefore: '2026-11-22T12:00:00Z',
      notAfter: '2027-02-20T12:00:00Z',
      renewalTime: '2027-01-21T12:00:00Z',
    });

    const issuer = cluster.get('clusterIssuers', 'letsencrypt');
    expect(conditionOf(issuer, 'Ready')).toEqual({
      status: 'True',
      reason: 'ACMEAccountRegistered',
    });
    expect(issuer.status.acme.uri).toMatch(
      /^https:\/\/acme-v02\.api\.letsencrypt\.org\/acme\/acct\//,
    );

    const request = cluster.get('certificateRequests', 'web-tls-1');
    expect(conditionOf(request, 'Approved')).toEqual({
      status: 'True',
      reason: 'cert-manager.io',
    });
    expect(conditionOf(request, 'Ready')).toEqual({
      status: 'True',
      reason: 'Issued',
    });
    expect(request.metadata.annotations).toMatchObject({
      'cert-manager.io/certificate-name': 'web-tls',
      'cert-manager.io/certificate-revision': '1',
    });

    const [order] = cluster.snapshot.orders;
    expect(order.status.state).toBe('valid');
    expect(order.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CertificateRequest',
      name: 'web-tls-1',
    });
    const [challenge] = cluster.snapshot.challenges;
    expect(challenge.spec).toMatchObject({
      dnsName: 'www.example.com',
      type: 'HTTP-01',
    });
    expect(challenge.status).toMatchObject({
      state: 'valid',
      reason: 'Successfully authorized domain',
    });

    const secret = cluster.get('secrets', 'web-tls');
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(fromBase64(secret.data!['tls.key'])).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
    expect(
      decodeCertificate(fromBase64(secret.data!['tls.crt'])),
    ).toMatchObject({ dnsNames: ['www.example.com'] });
    expect(secret.metadata.annotations).toMatchObject({
      'cert-manager.io/issuer-name': 'letsencrypt',
      'cert-manager.io/issuer-kind': 'ClusterIssuer',
    });
    // One visible step per pass: shim, Issuing, request, approval, order...
    expect(passes).toBeGreaterThanOrEqual(10);
  });

  it('answers the HTTP-01 challenge through a solver HTTPRoute, removed afterwards', () => {
    const cluster = new Cluster({
      clusterIssuers: [
        acmeIssuer([
          { http01: { gatewayHTTPRoute: { parentRefs: [{ name: 'acme' }] } } },
        ]),
      ],
      gateways: [gateway('www.example.com')],
    });
    const solverHostnames = new Set<string>();
    cluster.run(settings(), () => {
      for (const r of cluster.snapshot.httpRoutes)
        solverHostnames.add(r.spec.hostnames[0]);
    });
    expect([...solverHostnames]).toEqual(['www.example.com']);
    expect(cluster.snapshot.httpRoutes).toEqual([]);
    expect(cluster.snapshot.services).toEqual([]);
  });

  it("issues for a ListenerSet's listener and answers HTTP-01 through the issuer's solver route", () => {
    const listenerSet = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: {
        name: 'team',
        namespace: 'team-a',
        uid: 'ls-uid',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
      },
      spec: {
        parentRef: { name: 'web', namespace: 'apps' },
        listeners: [
          {
            name: 'shop',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'shop.team.example.com',
            tls: { certificateRefs: [{ name: 'shop-tls' }] },
          },
        ],
      },
    };
    const cluster = new Cluster({
      clusterIssuers: [
        acmeIssuer([
          {
            http01: {
              gatewayHTTPRoute: {
                parentRefs: [{ name: 'web', namespace: 'apps' }],
              },
            },
          },
        ]),
      ],
      gateways: [gateway('www.example.com', {})],
      listenerSets: [listenerSet],
    });
    const solverRoutes: KubeObject[] = [];
    cluster.run(settings(), () => {
      solverRoutes.push(
        ...cluster.snapshot.httpRoutes.filter(
          r => r.metadata.namespace === 'team-a',
        ),
      );
    });
    const cert = cluster.get('certificates', 'shop-tls');
    expect(cert.metadata.namespace).toBe('team-a');
    expect(cert.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'ListenerSet', name: 'team' }),
    ]);
    expect(conditionOf(cert, 'Ready')).toEqual({
      status: 'True',
      reason: 'Ready',
    });
    expect(solverRoutes[0].spec).toMatchObject({
      hostnames: ['shop.team.example.com'],
      parentRefs: [{ name: 'web', namespace: 'apps' }],
    });
    expect(cluster.snapshot.httpRoutes).toEqual([]);

    // Deleting the ListenerSet removes its Certificate and issuance objects.
    cluster.snapshot.listenerSets.length = 0;
    cluster.run(settings());
    expect(cluster.snapshot.certificates.map(c => c.metadata.name)).toEqual([
      'web-tls',
    ]);
  });

  it('reports Issuing with Ready=False DoesNotExist while issuing', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer()],
      gateways: [gateway('www.example.com')],
    });
    const seen: string[] = [];
    cluster.run(settings(), () => {
      const cert = cluster.snapshot.certificates[0];
      if (!cert?.status) return;
      const state = JSON.stringify([
        conditionOf(cert, 'Ready'),
        conditionOf(cert, 'Issuing'),
      ]);
      if (seen[seen.length - 1] !== state) seen.push(state);
    });
    expect(seen.map(state => JSON.parse(state))).toEqual([
      [
        { status: 'False', reason: 'DoesNotExist' },
        { status: 'True', reason: 'DoesNotExist' },
      ],
      [{ status: 'True', reason: 'Ready' }, null],
    ]);
  });
});

describe('reconcileCertManager: failures', () => {
  it('fails an HTTP-01 challenge for names set to fail, and the order, request and Certificate with it', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer()],
      gateways: [gateway('shop.fail.example.net')],
    });
    const s = settings({ failHttp01Suffixes: ['.fail.example.net'] });
    cluster.run(s);

    const [challenge] = cluster.snapshot.challenges;
    expect(challenge.status).toMatchObject({
      state: 'invalid',
      reason:
        "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'",
    });
    expect(cluster.snapshot.orders[0].status.state).toBe('invalid');
    const request = cluster.get('certificateRequests', 'web-tls-1');
    expect(conditionOf(request, 'Ready')).toEqual({
      status: 'False',
      reason: 'Failed',
    });
    const cert = cluster.get('certificates', 'web-tls');
    expect(conditionOf(cert, 'Ready')).toEqual({
      status: 'False',
      reason: 'Failed',
    });
    expect(conditionOf(cert, 'Issuing')).toEqual({
      status: 'False',
      reason: 'Failed',
    });
    expect(findCondition(cert, 'Issuing')?.message).toMatch(
      /order is in "invalid" state/,
    );
    expect(cert.status).toMatchObject({
      failedIssuanceAttempts: 1,
      lastFailureTime: '2026-11-22T12:00:00Z',
    });
    expect(cluster.snapshot.secrets).toEqual([]);
  });

  it('retries a failed issuance after the backoff', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer()],
      gateways: [gateway('shop.fail.example.net')],
    });
    cluster.run(settings({ failHttp01Suffixes: ['.fail.example.net'] }));
    // The name no longer fails, and an hour has passed.
    cluster.run(settings({ now: new Date(START.getTime() + 2 * HOUR) }));
    const cert = cluster.get('certificates', 'web-tls');
    expect(conditionOf(cert, 'Ready')).toEqual({
      status: 'True',
      reason: 'Ready',
    });
    expect(cert.status.revision).toBe(1);
  });

  it('fails a DNS-01 challenge for names set to fail', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer([{ dns01: { cloudflare: {} } }])],
      gateways: [gateway('a.dns-fail.example.net')],
    });
    cluster.run(settings({ failDns01Suffixes: ['.dns-fail.example.net'] }));
    expect(cluster.snapshot.challenges[0].status).toMatchObject({
      state: 'invalid',
      reason:
        'Waiting for DNS-01 challenge propagation: DNS record for "a.dns-fail.example.net" not yet propagated',
    });
  });

  it('leaves the request pending while its issuer is missing, then issues once it exists', () => {
    const cluster = new Cluster({
      certificates: [
        certificate({ issuerRef: { name: 'ca', kind: 'Issuer' } }),
      ],
    });
    cluster.run(settings());
    const request = cluster.get('certificateRequests', 'api-1');
    expect(conditionOf(request, 'Ready')).toEqual({
      status: 'False',
      reason: 'Pending',
    });
    expect(findCondition(request, 'Ready')?.message).toBe(
      'Referenced "Issuer" not found: issuer.cert-manager.io "ca" not found',
    );
    const cert = cluster.get('certificates', 'api');
    expect(conditionOf(cert, 'Ready')).toEqual({
      status: 'False',
      reason: 'DoesNotExist',
    });
    expect(conditionOf(cert, 'Issuing')).toEqual({
      status: 'True',
      reason: 'DoesNotExist',
    });

    cluster.snapshot.issuers.push({
      metadata: { name: 'ca', namespace: 'apps' },
      spec: { selfSigned: {} },
    });
    cluster.run(settings());
    expect(conditionOf(cluster.get('certificates', 'api'), 'Ready')).toEqual({
      status: 'True',
      reason: 'Ready',
    });
  });

  it('reports an ACME order with no usable solver', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer([{ http01: {} }])],
      certificates: [
        certificate({
          dnsNames: ['*.example.com'],
          issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
        }),
      ],
    });
    cluster.run(settings());
    expect(cluster.snapshot.orders[0].status).toMatchObject({
      state: 'errored',
      reason: expect.stringMatching(/no configured challenge solvers/),
    });
    expect(conditionOf(cluster.get('certificates', 'api'), 'Ready')).toEqual({
      status: 'False',
      reason: 'Failed',
    });
  });
});

describe('reconcileCertManager: lifetimes and renewal', () => {
  const selfSigned = {
    metadata: { name: 'self', namespace: 'apps' },
    spec: { selfSigned: {} },
  };
  const issuerRef = { name: 'self', kind: 'Issuer', group: 'cert-manager.io' };
  const lifetime = (cert: KubeObject) =>
    (new Date(cert.status.notAfter).getTime() -
      new Date(cert.status.notBefore).getTime()) /
    HOUR;

  it('issues short-lived certificates for expiringSoonSuffixes', () => {
    const cluster = new Cluster({
      issuers: [selfSigned],
      certificates: [
        certificate({ dnsNames: ['old.soon.example.com'], issuerRef }),
      ],
    });
    cluster.run(settings({ expiringSoonSuffixes: ['.soon.example.com'] }));
    const cert = cluster.get('certificates', 'api');
    expect(lifetime(cert)).toBe(72);
    expect(cert.status.renewalTime).toBe('2026-11-24T12:00:00Z');
  });

  it('honours the lifetime annotation, then spec.duration and renewBefore', () => {
    const cluster = new Cluster({
      issuers: [selfSigned],
      certificates: [
        certificate(
          { issuerRef },
          { 'dev-cluster.gatehouse.dev/lifetime': '10h' },
        ),
        {
          ...certificate({
            issuerRef,
            secretName: 'b-tls',
            duration: '24h',
            renewBefore: '1h',
          }),
          metadata: { name: 'b', namespace: 'apps' },
        },
      ],
    });
    cluster.run(settings());
    expect(lifetime(cluster.get('certificates', 'api'))).toBe(10);
    const b = cluster.get('certificates', 'b');
    expect(lifetime(b)).toBe(24);
    expect(b.status.renewalTime).toBe('2026-11-23T11:00:00Z');
  });

  it('renews at the renewal time, staying Ready, with a new revision', () => {
    const cluster = new Cluster({
      issuers: [selfSigned],
      certificates: [certificate({ issuerRef })],
    });
    cluster.run(settings());
    const renewal = new Date(
      cluster.get('certificates', 'api').status.renewalTime,
    );
    const readiness: string[] = [];
    cluster.run(settings({ now: renewal }), () =>
      readiness.push(
        findCondition(cluster.get('certificates', 'api'), 'Ready')!.status,
      ),
    );
    const cert = cluster.get('certificates', 'api');
    expect(new Set(readiness)).toEqual(new Set(['True']));
    expect(cert.status.revision).toBe(2);
    expect(cert.status.notBefore).toBe(
      renewal.toISOString().replace('.000', ''),
    );
    expect(
      cluster.snapshot.certificateRequests.map(r => r.metadata.name),
    ).toEqual(['api-1', 'api-2']);
  });

  it('reissues when the dnsNames change', () => {
    const cluster = new Cluster({
      issuers: [selfSigned],
      certificates: [certificate({ issuerRef })],
    });
    cluster.run(settings());
    const cert = cluster.get('certificates', 'api');
    cert.spec.dnsNames = ['api.example.com', 'www.example.com'];
    cert.metadata.generation = 2;
    let sawReason: string | undefined;
    cluster.run(settings(), () => {
      sawReason ??= findCondition(
        cluster.get('certificates', 'api'),
        'Issuing',
      )?.reason;
    });
    expect(sawReason).toBe('RequestChanged');
    const secret = cluster.get('secrets', 'api-tls');
    expect(
      decodeCertificate(fromBase64(secret.data!['tls.crt']))?.dnsNames,
    ).toEqual(['api.example.com', 'www.example.com']);
  });

  it('copies secretTemplate labels and annotations to the Secret', () => {
    const cluster = new Cluster({
      issuers: [selfSigned],
      certificates: [
        certificate({
          issuerRef,
          secretTemplate: { labels: { team: 'a' }, annotations: { note: 'x' } },
        }),
      ],
    });
    cluster.run(settings());
    const secret = cluster.get('secrets', 'api-tls');
    expect(secret.metadata.labels).toMatchObject({ team: 'a' });
    expect(secret.metadata.annotations).toMatchObject({ note: 'x' });
  });

  it('issues from a CA issuer whose key pair exists and puts the CA in ca.crt', () => {
    const ca = {
      metadata: { name: 'ca', namespace: 'apps' },
      spec: { ca: { secretName: 'ca-key-pair' } },
    };
    const keyPair = {
      metadata: { name: 'ca-key-pair', namespace: 'apps' },
      data: { 'tls.crt': 'eA==', 'tls.key': 'eQ==' },
    };
    const cluster = new Cluster({
      issuers: [ca],
      secrets: [keyPair],
      certificates: [
        certificate({ issuerRef: { name: 'ca', kind: 'Issuer' } }),
      ],
    });
    cluster.run(settings());
    expect(conditionOf(cluster.get('issuers', 'ca'), 'Ready')).toEqual({
      status: 'True',
      reason: 'KeyPairVerified',
    });
    expect(conditionOf(cluster.get('certificates', 'api'), 'Ready')).toEqual({
      status: 'True',
      reason: 'Ready',
    });
    expect(cluster.get('secrets', 'api-tls').data?.['ca.crt']).toBeDefined();
  });
});

describe('reconcileCertManager: scheduling', () => {
  it('reports the next renewal or expiry', () => {
    const cluster = new Cluster({
      issuers: [
        {
          metadata: { name: 'self', namespace: 'apps' },
          spec: { selfSigned: {} },
        },
      ],
      certificates: [certificate({ issuerRef: { name: 'self' } })],
    });
    cluster.run(settings());
    const { actions, nextDueAt } = reconcileCertManager(
      cluster.snapshot,
      settings(),
    );
    expect(actions).toEqual([]);
    expect(nextDueAt?.toISOString()).toBe('2027-01-21T12:00:00.000Z');
  });
});

describe('reconcileCertManager: objects it cannot handle', () => {
  it('skips and reports an object it cannot handle, and reconciles the rest', () => {
    const { actions, failures } = reconcileCertManager(
      {
        ...new Cluster({}).snapshot,
        issuers: [
          {
            metadata: { name: 'self', namespace: 'apps' },
            spec: { selfSigned: {} },
          },
        ],
        orders: [
          {
            metadata: { name: 'o', namespace: 'apps' },
            spec: { dnsNames: 'not a list', issuerRef: { name: 'self' } },
          },
        ],
      },
      settings(),
    );
    expect(failures).toEqual([expect.stringMatching(/^Object apps\/o: /)]);
    expect(actions.map(a => a.object.metadata.name)).toEqual(['self']);
  });
});

describe('reconcileCertManager: garbage collection', () => {
  it('removes the issuance objects of a deleted Gateway, but not the Secret', () => {
    const cluster = new Cluster({
      clusterIssuers: [acmeIssuer()],
      gateways: [gateway('www.example.com')],
    });
    cluster.run(settings());
    cluster.snapshot.gateways.length = 0;
    cluster.run(settings());
    expect(cluster.snapshot.certificates).toEqual([]);
    expect(cluster.snapshot.certificateRequests).toEqual([]);
    expect(cluster.snapshot.orders).toEqual([]);
    expect(cluster.snapshot.challenges).toEqual([]);
    expect(cluster.snapshot.secrets.map(s => s.metadata.name)).toEqual([
      'web-tls',
    ]);
  });
});
