import { mixedScripts } from './script';

describe('mixedScripts', () => {
  it.each([
    ['example', undefined],
    ['bücher', undefined],
    ['пример', undefined],
    ['παράδειγμα', undefined],
    ['例え', undefined],
    ['ひらがなカタカナ漢字', undefined],
    ['abc漢字', undefined],
    ['中文注音ㄅ', undefined],
    ['한국어漢字abc', undefined],
    ['app-1', undefined],
    ['', undefined],
    ['exаmple', ['Latin', 'Cyrillic']],
    ['gοogle', ['Latin', 'Greek']],
    ['пpимер', ['Cyrillic', 'Latin']],
    ['한국어ひらがな', ['Hangul', 'Hiragana']],
    ['aத', ['Latin', 'Other']],
  ])('%p -> %p', (label, expected) => {
    expect(mixedScripts(label)).toEqual(expected);
  });
});
