import { endsWithAny, nameHash } from './model';

describe('nameHash', () => {
  it('hashes names stably into digits', () => {
    expect(nameHash('a')).toBe(nameHash('a'));
    expect(nameHash('a')).not.toBe(nameHash('b'));
    expect(nameHash('a')).toMatch(/^\d+$/);
  });
});

describe('endsWithAny', () => {
  it('matches names ending with a suffix, ignoring empty suffixes', () => {
    expect(endsWithAny('a.fail.example.net', ['.x', '.fail.example.net'])).toBe(
      true,
    );
    expect(endsWithAny('a.example.net', ['', '.fail.example.net'])).toBe(false);
  });
});
