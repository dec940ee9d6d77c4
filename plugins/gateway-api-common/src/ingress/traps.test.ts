/**
 * One test per trap of the migration: the difference is named with its stable id and severity,
 * it blocks until accepted (or for good when it cannot be accepted), and the objects written
 * once accepted carry the acceptance.
 */
import { GATEWAY_API_ANNOTATIONS } from '../annotations';
import { ingress, nginx, rule } from './__corpus__/corpus';
import { translateIngress } from './translate';
import {
  IngressMigrationInput,
  IngressTranslation,
  MigrationTarget,
} from './types';
import { Ingress } from '../types/ingress';

const target: MigrationTarget = {
  parentRefs: [{ kind: 'Gateway', namespace: 'gateway', name: 'shared' }],
  implementation: 'envoy-gateway',
  tls: { mode: 'reuse-secret' },
};

function translate(
  subject: Ingress,
  extra: Partial<IngressMigrationInput> = {},
  accepted: string[] = [],
  targetChange: Partial<MigrationTarget> = {},
): IngressTranslation {
  return translateIngress({
    ingress: subject,
    ...extra,
    target: { ...target, ...targetChange, acceptedDifferences: accepted },
  });
}

function difference(result: IngressTranslation, id: string) {
  return result.report.differences.find(d => d.id === id);
}

const web = (host: string, path = '/', pathType = 'Prefix') =>
  rule(host, [path, pathType, 'web', 80]);

describe('migration traps', () => {
  it('regex is host-wide: another Ingress with use-regex changes this one', () => {
    const plain = ingress(
      'plain',
      {},
      { rules: [web('a.example.com', '/api')] },
    );
    const regex = ingress(
      'regex',
      { 'use-regex': 'true' },
      { rules: [web('a.example.com', '/v[0-9]+', 'ImplementationSpecific')] },
    );
    const alone = translate(plain, {}, [], {});
    expect(difference(alone, 'host-wide-regex:a.example.com')).toBeUndefined();
    const shared = translate(plain, { otherIngresses: [regex] });
    expect(difference(shared, 'host-wide-regex:a.example.com')).toMatchObject({
      severity: 'blocking',
      acceptable: true,
    });
    expect(
      difference(shared, 'host-wide-regex:a.example.com')?.message,
    ).toContain('shop/regex');
    expect(shared.status).toBe('blocked');
    const accepted = translate(plain, { otherIngresses: [regex] }, [
      'host-wide-regex:a.example.com',
      'default-certificate:a.example.com',
    ]);
    expect(accepted.status).toBe('translated');
  });

  it('rewrite-target also makes the host regex, and the case-insensitive prefix regex is kept', () => {
    const result = translate(
      ingress(
        'r',
        { 'rewrite-target': '/' },
        {
          rules: [
            web('b.example.com', '/Shop(/.*)?', 'ImplementationSpecific'),
          ],
        },
      ),
    );
    expect(difference(result, 'host-wide-regex:b.example.com')).toBeDefined();
    expect(result.report.paths[0].match?.path).toEqual({
      type: 'RegularExpression',
      value: '(?i)(?:/Shop(/.*)?).*',
    });
  });

  it('PCRE that RE2 cannot express refuses the path for good', () => {
    for (const path of ['/(?=a)b', '/(a)\\1', '/a++', '/(?>a)', '/x\\Z']) {
      const subject = ingress(
        'p',
        { 'use-regex': 'true' },
        { rules: [web('c.example.com', path, 'ImplementationSpecific')] },
      );
      const id = `pcre-not-re2:c.example.com${path}`;
      const result = translate(subject, {}, [id]);
      expect(difference(result, id)).toMatchObject({
        acceptable: false,
        accepted: false,
      });
      expect(result.status).toBe('blocked');
    }
  });

  it('an ImplementationSpecific path is a character prefix, PathPrefix is by segment', () => {
    const result = translate(
      ingress(
        'i',
        {},
        { rules: [web('d.example.com', '/foo', 'ImplementationSpecific')] },
      ),
    );
    expect(
      difference(result, 'implementation-specific-prefix:d.example.com/foo'),
    ).toMatchObject({ severity: 'blocking' });
    // "/" and paths ending in "/" match the same requests either way.
    for (const path of ['/', '/foo/']) {
      const same = translate(
        ingress(
          'i',
          {},
          { rules: [web('d.example.com', path, 'ImplementationSpecific')] },
        ),
      );
      expect(same.report.differences.map(d => d.kind)).not.toContain(
        'implementation-specific-prefix',
      );
    }
  });

  it('a wildcard host matches one label in an Ingress and any depth in a route', () => {
    const result = translate(
      ingress('w', {}, { rules: [web('*.e.example.com')] }),
    );
    expect(
      difference(result, 'wildcard-host-depth:*.e.example.com'),
    ).toMatchObject({ severity: 'blocking', acceptable: true });
  });

  it('ssl-redirect is on by default for hosts with TLS, and off with ssl-redirect "false"', () => {
    const sections = {
      parentRefs: [
        {
          ...target.parentRefs[0],
          httpsSectionNames: { 'f.example.com': 'https-f' },
          httpSectionNames: { 'f.example.com': 'http' },
        },
      ],
    };
    const tls = {
      tls: [{ hosts: ['f.example.com'], secretName: 'f-tls' }],
      rules: [web('f.example.com')],
    };
    const byDefault = translate(ingress('s', {}, tls), {}, [], sections);
    expect(
      difference(byDefault, 'ssl-redirect-default:f.example.com'),
    ).toMatchObject({ severity: 'informational' });
    expect(byDefault.status).toBe('translated');
    const redirects =
      byDefault.status === 'translated'
        ? byDefault.objects.filter(o =>
            o.metadata.name.includes('https-redirect'),
          )
        : [];
    expect(redirects).toHaveLength(1);
    expect(byDefault.report.tls).toEqual([
      {
        hostname: 'f.example.com',
        httpsRedirect: true,
        secret: { namespace: 'shop', name: 'f-tls' },
      },
    ]);
    const off = translate(
      ingress('s', { 'ssl-redirect': 'false' }, tls),
      {},
      [],
      sections,
    );
    // The reused Secret is the only thing left to say: its listener is in another namespace.
    expect(off.report.differences.map(d => d.id)).toEqual([
      'secret-reference-grant:shop/f-tls',
    ]);
    expect(
      off.status === 'translated' ? off.objects.map(o => o.metadata.name) : [],
    ).toEqual(['s']);
  });

  it('a host without TLS was served over HTTPS with the default certificate', () => {
    const result = translate(
      ingress('n', {}, { rules: [web('g.example.com')] }),
    );
    expect(
      difference(result, 'default-certificate:g.example.com'),
    ).toMatchObject({ severity: 'informational' });
    expect(result.status).toBe('translated');
  });

  it('the same host and path in another Ingress', () => {
    const other = ingress('other', {}, { rules: [web('h.example.com', '/x')] });
    const result = translate(
      ingress(
        'mine',
        {},
        { rules: [web('h.example.com', '/x'), web('h.example.com', '/y')] },
      ),
      { otherIngresses: [other] },
    );
    expect(
      result.report.differences
        .filter(d => d.kind === 'duplicate-host-path')
        .map(d => d.id),
    ).toEqual(['duplicate-host-path:h.example.com/x']);
    // A canary on the same path is folded in, not a duplicate.
    const canary = ingress(
      'c',
      { canary: 'true', 'canary-weight': '1' },
      { rules: [web('h.example.com', '/x')] },
    );
    const withCanary = translate(
      ingress('mine', {}, { rules: [web('h.example.com', '/x')] }),
      { otherIngresses: [canary] },
    );
    expect(withCanary.report.differences.map(d => d.kind)).not.toContain(
      'duplicate-host-path',
    );
  });

  it('the default backend: informational beside host rules, blocking alone', () => {
    const defaultBackend = {
      service: { name: 'fallback', port: { number: 80 } },
    };
    const beside = translate(
      ingress(
        'd',
        {},
        { defaultBackend, rules: [web('i.example.com', '/api')] },
      ),
    );
    expect(difference(beside, 'default-backend')).toMatchObject({
      severity: 'informational',
    });
    const alone = translate(ingress('d', {}, { defaultBackend }));
    expect(difference(alone, 'default-backend')).toMatchObject({
      severity: 'blocking',
    });
    expect(difference(alone, 'catch-all-host')).toMatchObject({
      severity: 'blocking',
      security: true,
    });
  });

  it('proxy timeouts are per read, not per request', () => {
    const subject = ingress(
      't',
      { 'proxy-read-timeout': '30' },
      { rules: [web('j.example.com')] },
    );
    const envoy = translate(subject);
    expect(difference(envoy, 'timeout-per-read')).toMatchObject({
      severity: 'informational',
    });
    const plain = translate(subject, {}, [], { implementation: 'gateway-api' });
    expect(difference(plain, 'timeout-per-read')).toMatchObject({
      severity: 'blocking',
    });
    expect(difference(plain, 'timeout-per-read')?.message).toContain(
      'whole response',
    );
  });

  it('Certificates cert-manager made for the Ingress stop renewing when it is deleted', () => {
    const subject = ingress(
      'cm',
      { 'cert-manager.io/cluster-issuer': 'le', 'ssl-redirect': 'false' },
      {
        tls: [{ hosts: ['k.example.com'], secretName: 'k-tls' }],
        rules: [web('k.example.com')],
      },
    );
    const reuse = translate(subject);
    expect(
      difference(reuse, 'cert-manager-owned-certificate:shop/cm'),
    ).toMatchObject({ severity: 'blocking', acceptable: true });
    expect(reuse.status).toBe('blocked');
    const issued = translate(subject, {}, [], {
      tls: {
        mode: 'cert-manager',
        issuerRef: { kind: 'ClusterIssuer', name: 'le' },
      },
    });
    expect(
      difference(issued, 'cert-manager-owned-certificate:shop/cm'),
    ).toMatchObject({ severity: 'informational' });
    expect(issued.status).toBe('translated');
    expect(
      issued.status === 'translated' ? issued.objects.map(o => o.kind) : [],
    ).toEqual(['HTTPRoute', 'Certificate']);
  });

  it('snippets are configuration injection, a security finding that blocks', () => {
    const result = translate(
      ingress(
        'sn',
        { 'server-snippet': 'return 200;' },
        { rules: [web('l.example.com')] },
      ),
    );
    expect(
      difference(result, 'configuration-injection:server-snippet'),
    ).toMatchObject({
      severity: 'blocking',
      security: true,
      acceptable: false,
    });
    expect(result.status).toBe('blocked');
    const accepted = translate(
      ingress(
        'sn',
        { 'server-snippet': 'return 200;' },
        { rules: [web('l.example.com')] },
      ),
      {},
      [
        'configuration-injection:server-snippet',
        'default-certificate:l.example.com',
      ],
    );
    expect(accepted.status).toBe('blocked');
  });

  it('records accepted differences on every route, and accepts nothing that is not acceptable', () => {
    const subject = ingress(
      'acc',
      {},
      { rules: [web('m.example.com', '/foo', 'ImplementationSpecific')] },
    );
    const accepted = [
      'implementation-specific-prefix:m.example.com/foo',
      'not-a-real-id',
    ];
    const result = translate(subject, {}, accepted);
    expect(result.status).toBe('translated');
    const route =
      result.status === 'translated' ? result.objects[0] : undefined;
    expect(
      JSON.parse(
        route?.metadata.annotations?.[
          GATEWAY_API_ANNOTATIONS.acceptedDifferences
        ] ?? '[]',
      ),
    ).toEqual(['implementation-specific-prefix:m.example.com/foo']);
  });

  it('reports each way a request reaches a canary', () => {
    const main = ingress('main', {}, { rules: [web('o.example.com', '/api')] });
    const canary = ingress(
      'c',
      { canary: 'true', 'canary-weight': '25', 'canary-by-header': 'X-Beta' },
      {
        rules: [rule('o.example.com', ['/api', 'Prefix', 'web-v2', 80])],
      },
    );
    const result = translate(main, { otherIngresses: [canary] });
    expect(
      result.report.paths
        .filter(p => p.backend.startsWith('canary'))
        .map(p => [p.match, p.backendRef]),
    ).toEqual([
      [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ type: 'Exact', name: 'X-Beta', value: 'always' }],
        },
        { name: 'web-v2', port: 80 },
      ],
      [
        { path: { type: 'PathPrefix', value: '/api' } },
        { name: 'web-v2', port: 80, weight: 25 },
      ],
    ]);
    expect(
      result.report.annotations
        .filter(a => a.ingress === 'shop/c')
        .map(a => a.outcome),
    ).toEqual(['mapped', 'mapped', 'mapped']);
  });

  it('a canary Ingress is migrated with its main Ingress only', () => {
    const result = translate(
      ingress('cn', { canary: 'true' }, { rules: [web('n.example.com')] }),
      {},
      ['canary-ingress'],
    );
    expect(difference(result, 'canary-ingress')).toMatchObject({
      acceptable: false,
      accepted: false,
    });
    expect(result.status).toBe('blocked');
  });

  it('an Ingress without name or namespace, or a target without parent, is a programming error', () => {
    expect(() => translate({ metadata: { annotations: nginx({}) } })).toThrow(
      /name and a namespace/,
    );
    expect(() =>
      translate(ingress('x', {}, {}), {}, [], { parentRefs: [] }),
    ).toThrow(/parentRef/);
  });
});
