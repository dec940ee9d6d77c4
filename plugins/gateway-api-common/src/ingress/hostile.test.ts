/**
 * Hostile and malformed Ingresses: each is refused or reported, never turned into an object the
 * API server would reject or that reaches beyond the Ingress's own namespace.
 */
import { ingress, rule } from './__corpus__/corpus';
import { translateIngress } from './translate';
import { IngressMigrationInput, MigrationTarget } from './types';
import { Ingress } from '../types/ingress';

const target: MigrationTarget = {
  parentRefs: [{ kind: 'Gateway', namespace: 'gateway', name: 'shared' }],
  implementation: 'envoy-gateway',
  tls: { mode: 'reuse-secret' },
};

function translate(
  subject: Ingress,
  extra: Partial<IngressMigrationInput> = {},
) {
  const first = translateIngress({ ingress: subject, ...extra, target });
  const acceptable = first.report.differences
    .filter(d => d.acceptable)
    .map(d => d.id);
  const second = translateIngress({
    ingress: subject,
    ...extra,
    target: { ...target, acceptedDifferences: acceptable },
  });
  return {
    first,
    second,
    objects: second.status === 'translated' ? second.objects : [],
  };
}

const web = (host = 'h.example.com') => ({
  rules: [rule(host, ['/', 'Prefix', 'web', 80])],
});

describe('hostile Ingresses', () => {
  it.each([
    ['x-forwarded-prefix', '/p\r\nX-Admin: true'],
    ['upstream-vhost', 'a..b.example.com'],
    ['upstream-vhost', 'internal:8080'],
    ['permanent-redirect', 'https://[::1]/'],
    ['permanent-redirect', 'data:text/html,hi'],
    ['rewrite-target', 'http://evil.example.com/'],
    ['rewrite-target', '/a b'],
    ['proxy-read-timeout', '999999999'],
    ['custom-headers', 'a/b/c'],
  ])('refuses %s: %j and writes nothing from it', (name, value) => {
    const { first, objects } = translate(
      ingress('h', { [name]: value }, web()),
    );
    expect(first.report.differences.map(d => d.id)).toContain(
      `invalid-annotation:${name}`,
    );
    expect(JSON.stringify(objects)).not.toContain(value);
  });

  it('never reports as mapped what depends on a setting it refused', () => {
    const cors = translate(
      ingress(
        'h',
        {
          'enable-cors': 'true',
          'cors-allow-origin': 'nope',
          'cors-max-age': '60',
        },
        web(),
      ),
    );
    const limit = translate(
      ingress(
        'h',
        { 'limit-rps': 'many', 'limit-allowlist': '10.0.0.0/8' },
        web(),
      ),
    );
    for (const { first } of [cors, limit]) {
      expect(
        first.report.annotations.filter(a => a.outcome === 'mapped'),
      ).toEqual([]);
    }
    expect(JSON.stringify(cors.objects)).not.toContain('"type":"CORS"');
    expect(cors.objects.filter(o => o.kind === 'SecurityPolicy')).toEqual([]);
    expect(
      limit.objects.filter(o => o.kind === 'BackendTrafficPolicy'),
    ).toEqual([]);
  });

  it('reads no ConfigMap of another namespace, even when given one', () => {
    const { first, objects } = translate(
      ingress('h', { 'custom-headers': 'team-b/secret-headers' }, web()),
      {
        configMaps: [
          {
            metadata: { namespace: 'team-b', name: 'secret-headers' },
            data: { 'X-Token': 'team-b-only' },
          },
        ],
      },
    );
    expect(first.report.differences.map(d => d.id)).toContain(
      'invalid-annotation:custom-headers',
    );
    expect(JSON.stringify(objects)).not.toContain('team-b-only');
  });

  it('refuses for good a basic-auth Secret of another namespace', () => {
    const { first, second } = translate(
      ingress(
        'h',
        { 'auth-type': 'basic', 'auth-secret': 'kube-system/admin-htpasswd' },
        web(),
      ),
    );
    expect(
      first.report.differences.find(
        d => d.id === 'invalid-annotation:auth-secret',
      ),
    ).toMatchObject({
      acceptable: false,
      security: true,
    });
    expect(second.status).toBe('blocked');
  });

  it('refuses an allowlist it cannot read instead of dropping it', () => {
    const { second } = translate(
      ingress(
        'h',
        { 'whitelist-source-range': '10.0.0.0/8, not-an-ip' },
        web(),
      ),
    );
    expect(second.status).toBe('blocked');
  });

  it('refuses canary weights and headers a route cannot hold', () => {
    const main = ingress('main', {}, web());
    const invalid: Array<Record<string, string>> = [
      { 'canary-weight': '10', 'canary-weight-total': '2000000' },
      { 'canary-weight': '101' },
      { 'canary-by-header': 'X Canary' },
      { 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'a\nb' },
    ];
    for (const annotations of invalid) {
      const canary = ingress(
        'canary',
        { canary: 'true', ...annotations },
        { rules: [rule('h.example.com', ['/', 'Prefix', 'canary', 80])] },
      );
      const { first, objects } = translate(main, { otherIngresses: [canary] });
      expect(first.report.differences.map(d => d.kind)).toContain(
        'invalid-annotation',
      );
      const backends = JSON.stringify(objects);
      expect(backends).not.toContain('"weight":2000000');
      expect(backends).not.toContain('X Canary');
    }
  });

  it('refuses ports and hosts an HTTPRoute cannot take', () => {
    const port = translate(
      ingress(
        'h',
        {},
        { rules: [rule('h.example.com', ['/', 'Prefix', 'web', 70000])] },
      ),
    );
    expect(port.second.status).toBe('blocked');
    for (const host of [
      '127.0.0.1',
      'xn--80ak6aa92e.com.',
      'аpple.com',
      'a_b.example.com',
    ]) {
      const result = translate(ingress('h', {}, web(host)));
      const hostDifferences = result.first.report.differences.filter(
        d => d.kind === 'invalid-host',
      );
      // Mixed-script and IP names are refused; a valid IDN is normalised to Punycode.
      expect(hostDifferences.length > 0).toBe(host !== 'xn--80ak6aa92e.com.');
    }
  });

  it('refuses an Ingress that would need more rules than an HTTPRoute holds', () => {
    const paths = Array.from(
      { length: 20 },
      (_, i) =>
        [`/p${i}`, 'Prefix', `svc-${i}`, 80] as [
          string,
          string,
          string,
          number,
        ],
    );
    const { first, second } = translate(
      ingress('big', {}, { rules: [rule('h.example.com', ...paths)] }),
    );
    expect(
      first.report.differences.find(d => d.id === 'invalid-path:big'),
    ).toMatchObject({ acceptable: false });
    expect(second.status).toBe('blocked');
  });

  it('merges rules that differ only in their matches, so large Ingresses still fit', () => {
    const paths = Array.from(
      { length: 40 },
      (_, i) =>
        [`/p${i}`, 'Prefix', 'web', 80] as [string, string, string, number],
    );
    const { objects } = translate(
      ingress('many', {}, { rules: [rule('h.example.com', ...paths)] }),
    );
    const route = objects.find(o => o.kind === 'HTTPRoute');
    expect(
      route?.kind === 'HTTPRoute'
        ? route.spec.rules.map(r => r.matches?.length)
        : [],
    ).toEqual([40]);
  });

  it('writes routes only in the Ingress namespace, for the hostnames the Ingress names', () => {
    const { objects } = translate(
      ingress(
        'h',
        { 'server-alias': 'alias.example.com' },
        web('h.example.com'),
      ),
    );
    expect(objects.map(o => o.metadata.namespace)).toEqual(
      objects.map(() => 'shop'),
    );
    const hostnames = objects.flatMap(o =>
      o.kind === 'HTTPRoute' ? o.spec.hostnames ?? [] : [],
    );
    expect(hostnames.sort()).toEqual(['alias.example.com', 'h.example.com']);
  });
});
