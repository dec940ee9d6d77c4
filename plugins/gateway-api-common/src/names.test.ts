import { shortHash } from './hash';
import {
  dnsLabelName,
  dnsSubdomainName,
  entityName,
  gatewayApiResourceRef,
  NameFormat,
  objectName,
} from './names';

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const SUBDOMAIN =
  /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const ENTITY = /^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$/;
const FORMATS: Array<[NameFormat, RegExp, number]> = [
  ['label', LABEL, 63],
  ['subdomain', SUBDOMAIN, 253],
  ['entity', ENTITY, 63],
];

const longHost = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(
  60,
)}.${'d'.repeat(60)}.org`;

describe('objectName', () => {
  it.each([
    [['web'], 'label', 'web'],
    [['web'], 'subdomain', 'web'],
    [['app.team-a.example.org'], 'subdomain', 'app.team-a.example.org'],
    [['app.team-a.example.org'], 'entity', 'app.team-a.example.org'],
    [['My_Service'], 'entity', 'My_Service'],
  ] as Array<[string[], NameFormat, string]>)(
    'keeps the valid single part %p as a %s',
    (parts, format, expected) => {
      expect(objectName(parts, format)).toBe(expected);
    },
  );

  it.each([
    [
      ['team-a', 'web', 'app.team-a.example.org'],
      'label',
      'team-a-web-app-team-a-example-org',
    ],
    [
      ['team-a', 'web', 'app.team-a.example.org'],
      'subdomain',
      'team-a-web-app.team-a.example.org',
    ],
    [['*.team-a.example.org'], 'label', 'wildcard-team-a-example-org'],
    [['*.team-a.example.org'], 'entity', 'wildcard.team-a.example.org'],
    [['Team_A', 'Web Service'], 'label', 'team-a-web-service'],
    [['Team_A', 'Web Service'], 'entity', 'Team_A-Web-Service'],
    [['app.example.org'], 'label', 'app-example-org'],
    [['-x-'], 'label', 'x'],
    [['a.-b'], 'subdomain', 'a.b'],
  ] as Array<[string[], NameFormat, string]>)(
    'turns %p into a %s starting with %p plus a hash',
    (parts, format, readable) => {
      expect(objectName(parts, format)).toBe(
        `${readable}-${shortHash(parts.join('\u0000'))}`,
      );
    },
  );

  it.each(FORMATS)(
    'gives a valid %s name for hostile input',
    (format, pattern, limit) => {
      for (const parts of [
        ['***'],
        [''],
        ['...', '---'],
        ['Ünïcödé', 'ß'],
        [longHost],
        ['x'.repeat(300)],
        [`${'a'.repeat(62)}.-.${'b'.repeat(70)}`],
        ['-'.repeat(100), 'a'],
      ]) {
        const name = objectName(parts, format);
        expect(name).toMatch(pattern);
        expect(name.length).toBeLessThanOrEqual(limit);
      }
    },
  );

  it.each(FORMATS)(
    'truncates a long %s and keeps two names differing at the end apart',
    (format, _, limit) => {
      const a = objectName(['team-a', `${'x'.repeat(300)}-one`], format);
      const b = objectName(['team-a', `${'x'.repeat(300)}-two`], format);
      expect(a).not.toBe(b);
      expect(a.length).toBeLessThanOrEqual(limit);
      expect(a.slice(0, -8)).toBe(b.slice(0, -8));
    },
  );

  it.each(FORMATS)(
    'keeps %s names apart when parts differ only in case, punctuation or boundaries',
    format => {
      const names = [
        ['a-b', 'c'],
        ['a', 'b-c'],
        ['a.b', 'c'],
        ['A-b', 'c'],
        ['a_b', 'c'],
        ['*.a', 'c'],
        ['wildcard.a', 'c'],
      ].map(parts => objectName(parts, format));
      expect(new Set(names).size).toBe(names.length);
    },
  );

  it('is deterministic', () => {
    expect(objectName(['team-a', longHost], 'label')).toBe(
      objectName(['team-a', longHost], 'label'),
    );
  });

  it('names a 253-character hostname as an entity', () => {
    const hostname = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(
      63,
    )}.${'d'.repeat(61)}`;
    expect(hostname).toHaveLength(253);
    const name = entityName(hostname);
    expect(name).toMatch(ENTITY);
    expect(name).toHaveLength(63);
  });
});

describe('shorthands', () => {
  it.each([
    [dnsLabelName, 'label'],
    [dnsSubdomainName, 'subdomain'],
    [entityName, 'entity'],
  ] as const)('%p builds a %s name', (fn, format) => {
    expect(fn('team-a', 'app.example.org')).toBe(
      objectName(['team-a', 'app.example.org'], format),
    );
  });
});

describe('gatewayApiResourceRef', () => {
  it('puts the entity in the namespace of its cluster, with a valid name', () => {
    expect(gatewayApiResourceRef('dev-cluster', 'team-a')).toBe(
      'resource:dev-cluster/team-a',
    );
    expect(gatewayApiResourceRef('Prod_EU', '*.apps.team-a.example.org')).toBe(
      `resource:${dnsLabelName('Prod_EU')}/${entityName(
        '*.apps.team-a.example.org',
      )}`,
    );
    expect(gatewayApiResourceRef('Prod_EU', 'x')).toMatch(
      /^resource:[a-z0-9-]+\/x$/,
    );
  });
});
