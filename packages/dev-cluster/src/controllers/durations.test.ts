import { formatDuration, parseDuration } from './durations';

describe('parseDuration', () => {
  it.each([
    ['72h', 72 * 3_600_000],
    ['2160h0m0s', 2160 * 3_600_000],
    ['1h30m', 90 * 60_000],
    ['1.5s', 1500],
    ['250ms', 250],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '3 days', '72', 'h72', '1d'])('rejects %p', text => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('formats as Go does', () => {
    expect(formatDuration(2160 * 3_600_000)).toBe('2160h0m0s');
    expect(formatDuration(90 * 60_000 + 5000)).toBe('1h30m5s');
  });

  it('round-trips through parseDuration', () => {
    expect(parseDuration(formatDuration(72 * 3_600_000))).toBe(72 * 3_600_000);
  });
});
