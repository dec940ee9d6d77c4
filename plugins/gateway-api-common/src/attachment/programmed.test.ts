import { interpretListenerPrediction } from '../conditions';
import { Gateway, Listener, ListenerSet } from '../types';
import { predictAttachment } from './attachment';

/**
 * Listener Programmed as a conformant controller writes it (and as the dev cluster's simulated
 * Envoy Gateway does): False with the conflict's reason when Conflicted, False/Invalid when the
 * listener is not Accepted or its references do not resolve, else True.
 */
const https = (name: string, hostname: string, secret = 'tls'): Listener => ({
  name,
  protocol: 'HTTPS',
  port: 443,
  hostname,
  tls: { mode: 'Terminate', certificateRefs: [{ name: secret }] },
});

const gateway = (listeners: Listener[]): Gateway => ({
  kind: 'Gateway',
  metadata: { namespace: 'gateway', name: 'shared' },
  spec: {
    gatewayClassName: 'eg',
    listeners,
    allowedListeners: { namespaces: { from: 'All' } },
  },
});

const programmedOf = (listeners: Listener[], secrets: string[] = []) =>
  predictAttachment({
    gateways: [gateway(listeners)],
    routes: [],
    secrets: new Set(secrets),
  }).listeners.map(l => [
    l.listenerName,
    l.programmed.status,
    l.programmed.reason,
  ]);

describe('predicted listener Programmed', () => {
  it.each<[string, Listener[], string[], Array<[string, string, string]>]>([
    [
      'an HTTP listener',
      [{ name: 'http', protocol: 'HTTP', port: 80 }],
      [],
      [['http', 'True', 'Programmed']],
    ],
    [
      'an HTTPS listener whose Secret exists',
      [https('app', 'app.example.org')],
      ['gateway/tls'],
      [['app', 'True', 'Programmed']],
    ],
    [
      'an HTTPS listener whose Secret is missing (its Certificate not Ready yet)',
      [https('app', 'app.example.org')],
      [],
      [['app', 'False', 'Invalid']],
    ],
    [
      'an HTTPS listener without certificateRefs',
      [
        {
          name: 'app',
          protocol: 'HTTPS',
          port: 443,
          tls: { mode: 'Terminate' },
        },
      ],
      [],
      [['app', 'False', 'Invalid']],
    ],
    [
      'a listener of an unsupported protocol (not Accepted)',
      [{ name: 'quic', protocol: 'QUIC', port: 443 }],
      [],
      [['quic', 'False', 'Invalid']],
    ],
    [
      'two listeners with one port and hostname (Conflicted)',
      [https('a', 'app.example.org'), https('b', 'app.example.org')],
      ['gateway/tls'],
      [
        ['a', 'False', 'HostnameConflict'],
        ['b', 'False', 'HostnameConflict'],
      ],
    ],
    [
      'HTTP and HTTPS on one port (Conflicted)',
      [
        { name: 'http', protocol: 'HTTP', port: 443 },
        https('app', 'app.example.org'),
      ],
      ['gateway/tls'],
      [
        ['http', 'False', 'ProtocolConflict'],
        ['app', 'False', 'ProtocolConflict'],
      ],
    ],
  ])('%s', (_name, listeners, secrets, expected) => {
    expect(programmedOf(listeners, secrets)).toEqual(expected);
  });

  it('reads the same before a controller reports as after: the reason and its hint', () => {
    const [listener] = predictAttachment({
      gateways: [gateway([https('app', 'app.example.org')])],
      routes: [],
    }).listeners;
    const summary = interpretListenerPrediction(listener);
    expect(summary).toMatchObject({
      status: 'error',
      type: 'ResolvedRefs',
      reason: 'InvalidCertificateRef',
    });
    expect(summary.hint?.fix).toMatch(/Create the Secret/);
    expect(
      interpretListenerPrediction({
        ...listener,
        resolvedRefs: { ...listener.resolvedRefs, status: 'True' },
        programmed: { ...listener.programmed, status: 'True' },
      }).status,
    ).toBe('ok');
  });

  it("predicts a ListenerSet listener's Programmed, and the ListenerSet not valid when none can be programmed", () => {
    const set: ListenerSet = {
      kind: 'ListenerSet',
      metadata: {
        namespace: 'tenant-team-a',
        name: 'app',
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: {
        parentRef: { name: 'shared', namespace: 'gateway' },
        listeners: [https('app', 'app.team-a.example.org')],
      },
    };
    const without = predictAttachment({
      gateways: [gateway([{ name: 'http', protocol: 'HTTP', port: 80 }])],
      listenerSets: [set],
      routes: [],
    }).listenerSets[0];
    expect(without.listeners[0].programmed).toMatchObject({
      status: 'False',
      reason: 'Invalid',
    });
    expect(without.accepted).toMatchObject({
      status: 'False',
      reason: 'ListenersNotValid',
    });
    const withSecret = predictAttachment({
      gateways: [gateway([{ name: 'http', protocol: 'HTTP', port: 80 }])],
      listenerSets: [set],
      routes: [],
      secrets: new Set(['tenant-team-a/tls']),
    }).listenerSets[0];
    expect(withSecret.listeners[0].programmed.status).toBe('True');
    expect(withSecret.accepted.reason).toBe('Accepted');
  });
});
