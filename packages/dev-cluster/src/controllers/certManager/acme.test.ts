import { pickSolver, reconcileChallenge } from './acme';
import { CertManagerSettings } from './model';

describe('pickSolver', () => {
  const http = { http01: { ingress: {} } };
  const zone = {
    dns01: { route53: {} },
    selector: { dnsZones: ['example.com'] },
  };
  const subZone = {
    dns01: { cloudflare: {} },
    selector: { dnsZones: ['eu.example.com'] },
  };
  const named = { http01: {}, selector: { dnsNames: ['special.example.com'] } };
  const solvers = [http, zone, subZone, named];

  it.each([
    ['special.example.com', named],
    ['a.eu.example.com', subZone],
    ['a.example.com', zone],
    ['eu.example.com', subZone],
    ['a.example.net', http],
    ['*.example.com', zone],
  ])('picks the solver cert-manager would for %s', (name, expected) => {
    expect(pickSolver(solvers, name)).toBe(expected);
  });

  it('finds no solver for a wildcard with only HTTP-01', () => {
    expect(pickSolver([http], '*.example.com')).toBeUndefined();
  });
});

describe('reconcileChallenge', () => {
  const settings = {
    failHttp01Suffixes: ['.fail.example.net'],
    failDns01Suffixes: [],
  } as unknown as CertManagerSettings;
  const challenge = (dnsName: string, status?: object) => ({
    metadata: { name: 'c', namespace: 'apps' },
    spec: { dnsName, type: 'HTTP-01' },
    status,
  });
  const next = (c: ReturnType<typeof challenge>) => {
    const [action] = reconcileChallenge(c, settings);
    return action?.type === 'status' ? action.status : undefined;
  };

  it('presents, then validates', () => {
    const presented = next(challenge('a.example.com'));
    expect(presented).toEqual({
      processing: true,
      presented: true,
      state: 'pending',
      reason: '',
    });
    expect(next(challenge('a.example.com', presented))).toEqual({
      processing: false,
      presented: false,
      state: 'valid',
      reason: 'Successfully authorized domain',
    });
  });

  it('shows the self-check failure while pending, then ends invalid', () => {
    const presented = next(challenge('a.fail.example.net'));
    expect(presented).toMatchObject({
      state: 'pending',
      reason: expect.stringMatching(/wrong status code '404'/),
    });
    expect(next(challenge('a.fail.example.net', presented))).toMatchObject({
      state: 'invalid',
      reason:
        "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'",
    });
  });

  it('leaves finished challenges alone', () => {
    expect(
      reconcileChallenge(
        challenge('a.example.com', { state: 'valid' }),
        settings,
      ),
    ).toEqual([]);
  });
});
