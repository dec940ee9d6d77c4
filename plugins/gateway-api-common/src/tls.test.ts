import { hintForMistake } from './hints';
import {
  certificateExpiresWithin,
  summariseTls,
  TLS_STATE_LEVEL,
  tlsStateChangesAt,
  TlsState,
  tlsSummaryChangesAt,
  TlsSummaryInput,
} from './tls';
import { Certificate, Challenge, Issuer } from './types';

const NOW = '2026-06-01T00:00:00Z';

const certificate = (
  over: {
    ready?: string;
    readyMessage?: string;
    notAfter?: string;
    issuing?: [string, string];
    issuerRef?: object;
  } = {},
): Certificate => ({
  kind: 'Certificate',
  metadata: { namespace: 'tenant-team-a', name: 'app' },
  spec: {
    secretName: 'app-tls',
    dnsNames: ['app.team-a.example.org'],
    issuerRef: (over.issuerRef as never) ?? {
      name: 'letsencrypt',
      kind: 'Issuer',
    },
  },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: over.ready ?? 'True',
        reason: 'Ready',
        message: over.readyMessage,
      },
      ...(over.issuing
        ? [
            {
              type: 'Issuing',
              status: over.issuing[0],
              reason: over.issuing[1],
            },
          ]
        : []),
    ],
    notBefore: '2026-04-01T00:00:00Z',
    notAfter: over.notAfter ?? '2026-08-30T00:00:00Z',
    renewalTime: '2026-07-31T00:00:00Z',
  },
});

const issuer = (
  ready: string,
  kind: 'Issuer' | 'ClusterIssuer' = 'Issuer',
  namespace?: string,
): Issuer => ({
  kind,
  metadata: { name: 'letsencrypt', namespace },
  status: {
    conditions: [
      { type: 'Ready', status: ready, reason: 'ACMEAccountRegistered' },
    ],
  },
});

const challenge = (
  type: string,
  state: string,
  reason?: string,
): Challenge => ({
  spec: { type, dnsName: 'app.team-a.example.org' },
  status: { state, reason },
});

const readyIssuer = [issuer('True', 'Issuer', 'tenant-team-a')];

describe('summariseTls: state', () => {
  it.each<[string, Omit<TlsSummaryInput, 'now'>, TlsState]>([
    ['no Certificate', {}, 'missing'],
    [
      'a Ready Certificate with 90 days left',
      { certificate: certificate(), issuers: readyIssuer },
      'ready',
    ],
    [
      'a Ready Certificate with 14 days left',
      { certificate: certificate({ notAfter: '2026-06-15T00:00:00Z' }) },
      'ready',
    ],
    [
      'a Ready Certificate with 13 days left',
      { certificate: certificate({ notAfter: '2026-06-14T12:00:00Z' }) },
      'expiring',
    ],
    [
      'a Ready Certificate within a custom threshold',
      { certificate: certificate(), expiringWithinDays: 100 },
      'expiring',
    ],
    [
      'a Certificate past notAfter',
      { certificate: certificate({ notAfter: '2026-05-31T00:00:00Z' }) },
      'expired',
    ],
    [
      'a Certificate expiring exactly now',
      { certificate: certificate({ notAfter: NOW }) },
      'expired',
    ],
    [
      'a Certificate being issued',
      {
        certificate: certificate({
          ready: 'False',
          issuing: ['True', 'DoesNotExist'],
        }),
      },
      'issuing',
    ],
    [
      'a Certificate with an unknown Ready',
      { certificate: certificate({ ready: 'Unknown' }) },
      'issuing',
    ],
    [
      'a Certificate with pending challenges',
      {
        certificate: certificate({ ready: 'False' }),
        order: { status: { state: 'pending' } },
        challenges: [challenge('HTTP-01', 'pending')],
      },
      'issuing',
    ],
    [
      'a Ready Certificate whose Secret is gone',
      { certificate: certificate(), secretExists: false },
      'issuing',
    ],
    [
      'a failed issuance',
      {
        certificate: certificate({
          ready: 'False',
          issuing: ['False', 'Failed'],
        }),
      },
      'failed',
    ],
    [
      'a failed CertificateRequest',
      {
        certificate: certificate({ ready: 'False' }),
        certificateRequest: {
          status: {
            conditions: [{ type: 'Ready', status: 'False', reason: 'Failed' }],
          },
        },
      },
      'failed',
    ],
    [
      'a denied CertificateRequest',
      {
        certificate: certificate({ ready: 'False' }),
        certificateRequest: {
          status: {
            conditions: [{ type: 'Ready', status: 'False', reason: 'Denied' }],
          },
        },
      },
      'failed',
    ],
    [
      'an invalid CertificateRequest',
      {
        certificate: certificate({ ready: 'False' }),
        certificateRequest: {
          status: {
            conditions: [
              {
                type: 'InvalidRequest',
                status: 'True',
                reason: 'InvalidRequest',
              },
            ],
          },
        },
      },
      'failed',
    ],
    [
      'a pending CertificateRequest',
      {
        certificate: certificate({ ready: 'False' }),
        certificateRequest: {
          status: {
            conditions: [{ type: 'Ready', status: 'False', reason: 'Pending' }],
          },
        },
      },
      'issuing',
    ],
    [
      'an invalid Order',
      {
        certificate: certificate({ ready: 'False' }),
        order: { status: { state: 'invalid', reason: 'rateLimited' } },
      },
      'failed',
    ],
    [
      'an invalid Challenge',
      {
        certificate: certificate({ ready: 'False' }),
        order: { status: { state: 'pending' } },
        challenges: [challenge('HTTP-01', 'invalid', 'connection refused')],
      },
      'failed',
    ],
    [
      'a missing Issuer',
      { certificate: certificate({ ready: 'False' }), issuers: [] },
      'failed',
    ],
    [
      'an Issuer in another namespace',
      {
        certificate: certificate({ ready: 'False' }),
        issuers: [issuer('True', 'Issuer', 'other')],
      },
      'failed',
    ],
    [
      'an Issuer that is not Ready',
      {
        certificate: certificate({ ready: 'False' }),
        issuers: [issuer('False', 'Issuer', 'tenant-team-a')],
      },
      'failed',
    ],
    [
      'a Ready Certificate whose Issuer is not Ready',
      {
        certificate: certificate(),
        issuers: [issuer('False', 'Issuer', 'tenant-team-a')],
      },
      'ready',
    ],
    [
      'a ClusterIssuer',
      {
        certificate: certificate({
          issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
        }),
        issuers: [issuer('True', 'ClusterIssuer')],
      },
      'ready',
    ],
    [
      'an external issuer not in the list',
      {
        certificate: certificate({
          issuerRef: {
            name: 'pca',
            kind: 'AWSPCAIssuer',
            group: 'awspca.cert-manager.io',
          },
        }),
        issuers: [],
      },
      'ready',
    ],
    [
      'a Certificate without status',
      { certificate: { spec: { dnsNames: ['a.example.org'] } } },
      'issuing',
    ],
  ])('%s -> %s', (_, input, state) => {
    const summary = summariseTls({ ...input, now: NOW });
    expect(summary.state).toBe(state);
    expect(summary.summary).toMatch(/\.$/);
    // Every state that needs action comes with at least one hint.
    const needsAction = ['failed', 'expired', 'missing', 'expiring'].includes(
      state,
    );
    expect(summary.hints.length > 0 || !needsAction).toBe(true);
  });
});

describe('summariseTls: hints', () => {
  it.each<[string, Omit<TlsSummaryInput, 'now'>, string]>([
    ['a missing Certificate', {}, 'noCertificateForHostname'],
    [
      'a missing issuer',
      { certificate: certificate({ ready: 'False' }), issuers: [] },
      'issuerNotFound',
    ],
    [
      'an issuer not Ready',
      {
        certificate: certificate({ ready: 'False' }),
        issuers: [issuer('False', 'Issuer', 'tenant-team-a')],
      },
      'issuerNotReady',
    ],
    [
      'a Secret that is gone',
      { certificate: certificate(), secretExists: false },
      'secretMissing',
    ],
    [
      'an HTTP-01 challenge refused',
      {
        certificate: certificate({ ready: 'False' }),
        challenges: [
          challenge(
            'HTTP-01',
            'invalid',
            'dial tcp 203.0.113.1:80: connect: connection refused',
          ),
        ],
      },
      'http01ChallengeUnreachable',
    ],
    [
      'an HTTP-01 challenge answered 404',
      {
        certificate: certificate({ ready: 'False' }),
        challenges: [
          challenge(
            'HTTP-01',
            'pending',
            "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'",
          ),
        ],
      },
      'http01ChallengeUnreachable',
    ],
    [
      'an HTTP-01 challenge with no DNS record',
      {
        certificate: certificate({ ready: 'False' }),
        challenges: [
          challenge(
            'HTTP-01',
            'invalid',
            'DNS problem: NXDOMAIN looking up A for app.team-a.example.org',
          ),
        ],
      },
      'dnsNotPointingAtGateway',
    ],
    [
      'an HTTP-01 self-check with no host',
      {
        certificate: certificate({ ready: 'False' }),
        challenges: [
          challenge(
            'HTTP-01',
            'pending',
            'dial tcp: lookup app.team-a.example.org: no such host',
          ),
        ],
      },
      'dnsNotPointingAtGateway',
    ],
    [
      'a DNS-01 challenge failing',
      {
        certificate: certificate({ ready: 'False' }),
        challenges: [
          challenge('DNS-01', 'pending', 'propagation check failed'),
        ],
      },
      'dns01ChallengeFailing',
    ],
    [
      'a rejected Order',
      {
        certificate: certificate({ ready: 'False' }),
        order: {
          status: {
            state: 'errored',
            reason: 'too many certificates already issued',
          },
        },
      },
      'acmeRejected',
    ],
    [
      'an expired Certificate',
      { certificate: certificate({ notAfter: '2026-05-01T00:00:00Z' }) },
      'certificateExpired',
    ],
    [
      'an expiring Certificate',
      { certificate: certificate({ notAfter: '2026-06-05T00:00:00Z' }) },
      'certificateExpiring',
    ],
  ])('%s -> %s', (_, input, mistake) => {
    expect(summariseTls({ ...input, now: NOW }).hints).toContainEqual(
      hintForMistake(mistake as never),
    );
  });

  it('explains a Certificate Issuing failure with the cert-manager reason', () => {
    const summary = summariseTls({
      certificate: certificate({
        ready: 'False',
        issuing: ['False', 'Failed'],
      }),
      now: NOW,
    });
    expect(summary.hints[0].meaning).toMatch(/last issuance attempt failed/);
  });

  it('keeps a Ready Certificate ready while its renewal fails, with the hint', () => {
    const summary = summariseTls({
      certificate: certificate(),
      certificateRequest: {
        status: {
          conditions: [{ type: 'Ready', status: 'False', reason: 'Failed' }],
        },
      },
      challenges: [challenge('HTTP-01', 'invalid', 'connection refused')],
      now: NOW,
    });
    expect(summary.state).toBe('ready');
    expect(summary.hints).toContainEqual(
      hintForMistake('http01ChallengeUnreachable'),
    );
  });

  it('gives no hint for a healthy Certificate', () => {
    expect(
      summariseTls({
        certificate: certificate(),
        issuers: readyIssuer,
        secretExists: true,
        now: NOW,
      }).hints,
    ).toEqual([]);
  });

  it('puts the expiry first when an expired Certificate also fails to renew', () => {
    const summary = summariseTls({
      certificate: certificate({
        ready: 'False',
        notAfter: '2026-05-01T00:00:00Z',
      }),
      issuers: [],
      now: NOW,
    });
    expect(summary.state).toBe('expired');
    expect(summary.hints.slice(0, 2)).toEqual([
      hintForMistake('certificateExpired'),
      hintForMistake('issuerNotFound'),
    ]);
  });
});

describe('summariseTls: details', () => {
  it('reports the issuer, dates, days left and renewal', () => {
    const summary = summariseTls({
      certificate: certificate(),
      issuers: readyIssuer,
      now: new Date(NOW),
    });
    expect(summary).toEqual({
      state: 'ready',
      summary:
        'Certificate is Ready until 2026-08-30 (90 days left), renewal on 2026-07-31.',
      issuer: { name: 'letsencrypt', kind: 'Issuer', ready: true },
      dnsNames: ['app.team-a.example.org'],
      notBefore: '2026-04-01T00:00:00Z',
      notAfter: '2026-08-30T00:00:00Z',
      renewalTime: '2026-07-31T00:00:00Z',
      daysLeft: 90,
      hints: [],
    });
  });

  it('reports ACME progress', () => {
    const summary = summariseTls({
      certificate: certificate({ ready: 'False' }),
      order: { status: { state: 'pending' } },
      challenges: [
        challenge('HTTP-01', 'valid'),
        challenge('HTTP-01', 'pending', "wrong status code '404'"),
        { spec: {}, status: {} },
      ],
      now: NOW,
    });
    expect(summary.summary).toBe(
      'Certificate is being issued (1 of 3 ACME challenges valid).',
    );
    expect(summary.acme).toEqual({
      orderState: 'pending',
      orderReason: undefined,
      challenges: [
        { type: 'HTTP-01', dnsName: 'app.team-a.example.org', state: 'valid' },
        {
          type: 'HTTP-01',
          dnsName: 'app.team-a.example.org',
          state: 'pending',
          reason: "wrong status code '404'",
        },
        { type: '', dnsName: '', state: 'pending' },
      ],
    });
  });

  it.each([
    ['2026-06-01T00:00:00Z', 0],
    ['2026-06-01T23:59:59Z', 0],
    ['2026-06-02T00:00:00Z', 1],
    ['2026-05-31T00:00:00Z', -1],
  ])('counts whole days to notAfter %s as %p', (notAfter, days) => {
    expect(
      summariseTls({ certificate: certificate({ notAfter }), now: NOW })
        .daysLeft,
    ).toBe(days);
  });

  it('quotes the Ready message of a failed Certificate', () => {
    const summary = summariseTls({
      certificate: certificate({
        ready: 'False',
        readyMessage: 'issuer not found',
        issuing: ['False', 'Failed'],
      }),
      now: NOW,
    });
    expect(summary.summary).toBe(
      'Certificate issuance failed: issuer not found.',
    );
  });
});

describe('summariseTls: unreadable dates', () => {
  it.each([
    ['an invalid now', certificate(), 'not a date'],
    ['an invalid notAfter', certificate({ notAfter: 'soon' }), NOW],
  ])('leaves the expiry unknown for %s', (_, cert, now) => {
    const summary = summariseTls({ certificate: cert, now });
    expect(summary.state).toBe('ready');
    expect(summary.daysLeft).toBeUndefined();
    expect(summary.summary).not.toMatch(/NaN/);
  });
});

describe('summariseTls: a Ready Certificate without dates', () => {
  it('says Ready without inventing an expiry', () => {
    const summary = summariseTls({
      certificate: {
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      },
      now: NOW,
    });
    expect(summary).toMatchObject({
      state: 'ready',
      summary: 'Certificate is Ready.',
    });
    expect(summary.daysLeft).toBeUndefined();
  });
});

describe('certificateExpiresWithin', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  it.each<[string, string | undefined, number, boolean]>([
    ['no certificate', undefined, 30, false],
    ['an unreadable notAfter', 'soon', 30, false],
    ['already expired', '2026-11-01T00:00:00Z', 0, true],
    ['exactly at the edge', '2027-01-03T12:00:00Z', 30, true],
    ['a second past the edge', '2027-01-03T12:00:01Z', 30, false],
    ['far away', '2027-06-01T00:00:00Z', 30, false],
  ])('%s', (_what, notAfter, days, expected) => {
    expect(certificateExpiresWithin({ notAfter }, days, now)).toBe(expected);
  });
});

describe('TLS_STATE_LEVEL', () => {
  it('calls a terminated hostname without a Certificate an error, as its listener cannot serve it', () => {
    expect(TLS_STATE_LEVEL.missing).toBe('error');
    expect(TLS_STATE_LEVEL.expiring).toBe('warning');
    expect(TLS_STATE_LEVEL.ready).toBe('ok');
  });
});

describe('tlsStateChangesAt and tlsSummaryChangesAt', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const notAfter = '2026-08-30T06:30:00.250Z';
  const at = Date.parse(notAfter);
  const input = (
    now: number,
    over: Parameters<typeof certificate>[0] = {},
  ) => ({
    certificate: certificate({ notAfter, ...over }),
    issuers: readyIssuer,
    now,
  });

  it.each<[string, number, number, number]>([
    // [what, now, state changes at, summary changes at]
    [
      'ready, weeks away: expiring from the first millisecond under 14 days',
      at - 20 * DAY + 1000,
      at - 14 * DAY + 1,
      at - 19 * DAY + 1,
    ],
    [
      'exactly 14 days left: still ready, expiring a millisecond later',
      at - 14 * DAY,
      at - 14 * DAY + 1,
      at - 14 * DAY + 1,
    ],
    ['expiring: expired at notAfter', at - 3 * DAY - 5, at, at - 3 * DAY + 1],
    ['a millisecond before notAfter', at - 1, at, at],
    ['expired: no state left to move to', at, Infinity, at + 1],
    ['long expired', at + 40 * DAY + 7, Infinity, at + 41 * DAY + 1],
  ])('%s', (_what, now, state, summary) => {
    expect(tlsStateChangesAt(input(now))).toBe(state);
    expect(tlsSummaryChangesAt(input(now))).toBe(summary);
  });

  it.each<[string, TlsSummaryInput]>([
    ['no Certificate', { now: at }],
    [
      'a Certificate without notAfter',
      {
        certificate: {
          spec: { secretName: 's' },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        },
        now: at,
      },
    ],
    ['an unreadable notAfter', input(0, { notAfter: 'soon' })],
    ['an unreadable now', { ...input(0), now: 'not a date' }],
  ])('never changes for %s', (_what, given) => {
    expect(tlsStateChangesAt(given)).toBe(Infinity);
    expect(tlsSummaryChangesAt(given)).toBe(Infinity);
  });

  it('takes the window the summary is asked for', () => {
    const now = at - 40 * DAY;
    expect(tlsStateChangesAt({ ...input(now), expiringWithinDays: 30 })).toBe(
      at - 30 * DAY + 1,
    );
    expect(tlsStateChangesAt({ ...input(now), expiringWithinDays: 2.5 })).toBe(
      at - 2.5 * DAY + 1,
    );
    // Already inside a 50-day window: the next state is expired.
    expect(tlsStateChangesAt({ ...input(now), expiringWithinDays: 50 })).toBe(
      at,
    );
  });

  // A fixed generator, so a failure replays.
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const cases = Array.from({ length: 300 }, () => {
    const now = at + Math.floor((random() - 0.6) * 40 * DAY);
    const ready = random() < 0.7 ? 'True' : 'False';
    return { now, ready };
  });

  it('gives the summary unchanged up to the instant, and changed at it, for any time and state', () => {
    for (const { now, ready } of cases) {
      const changesAt = tlsSummaryChangesAt(input(now, { ready }));
      const summary = summariseTls(input(now, { ready }));
      const justBefore = summariseTls(input(changesAt - 1, { ready }));
      const between = summariseTls(
        input(now + Math.floor((changesAt - now) * random()), { ready }),
      );
      expect(justBefore).toEqual(summary);
      expect(between).toEqual(summary);
      expect(summariseTls(input(changesAt, { ready }))).not.toEqual(summary);
    }
  });

  it('gives the state unchanged up to the instant, and a Ready certificate’s changed at it', () => {
    for (const { now, ready } of cases) {
      const changesAt = tlsStateChangesAt(input(now, { ready }));
      const { state } = summariseTls(input(now, { ready }));
      // Only an expired certificate has no state left to move to.
      const lastBefore =
        changesAt === Infinity
          ? 'expired'
          : summariseTls(input(changesAt - 1, { ready })).state;
      expect(lastBefore).toBe(state);
    }
    const readyCases = cases.filter(
      c =>
        c.ready === 'True' &&
        tlsStateChangesAt(input(c.now, { ready: c.ready })) < Infinity,
    );
    expect(readyCases.length).toBeGreaterThan(100);
    for (const { now } of readyCases) {
      const changesAt = tlsStateChangesAt(input(now));
      expect(summariseTls(input(changesAt)).state).not.toBe(
        summariseTls(input(now)).state,
      );
    }
  });
});
