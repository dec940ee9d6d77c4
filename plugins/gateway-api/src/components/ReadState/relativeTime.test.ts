import { relativeTime } from './relativeTime';

describe('relativeTime', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it.each([
    [0, 'now'],
    [-5, '5 seconds ago'],
    [-59, '59 seconds ago'],
    [-60, '1 minute ago'],
    [-150, '2 minutes ago'],
    [-7200, '2 hours ago'],
    [-86400 * 3, '3 days ago'],
  ])('%i seconds -> %s', (seconds, expected) => {
    expect(relativeTime(new Date(now.getTime() + seconds * 1000), now)).toBe(
      expected,
    );
  });
});
