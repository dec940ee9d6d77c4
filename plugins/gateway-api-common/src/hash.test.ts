import { fnv1a32, shortHash } from './hash';

describe('fnv1a32', () => {
  // Reference values of FNV-1a 32 from the algorithm's published test vectors.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%p -> %p', (input, expected) => {
    expect(fnv1a32(input)).toBe(expected);
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(fnv1a32('ü')).not.toBe(fnv1a32('\u00fc'.normalize('NFD')));
  });
});

describe('shortHash', () => {
  it.each(['', 'a', 'foobar', 'app.team-a.example.org', 'x'.repeat(1000)])(
    'gives 7 base-36 characters for %p',
    input => {
      expect(shortHash(input)).toMatch(/^[0-9a-z]{7}$/);
    },
  );

  it('is deterministic', () => {
    expect(shortHash('app.team-a.example.org')).toBe(
      shortHash('app.team-a.example.org'),
    );
  });
});
