import { normaliseHostname } from './hostname';

describe('normaliseHostname', () => {
  it.each([
    ['App.Team-A.Example.org', 'app.team-a.example.org'],
    ['app.team-a.example.org.', 'app.team-a.example.org'],
    ['  app.example.org ', 'app.example.org'],
    ['bücher.example.org', 'xn--bcher-kva.example.org'],
    ['*.team-a.example.org', '*.team-a.example.org'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normaliseHostname(input)).toEqual({ ok: true, hostname: expected });
  });

  it.each([
    ['', /empty/],
    ['10.0.0.1', /IP address/],
    ['[::1]', /IP address/],
    ['localhost', /fully qualified/],
    ['-bad.example.org', /invalid label/],
    [`${'a'.repeat(64)}.example.org`, /invalid label/],
    [`${'a.'.repeat(127)}org`, /253/],
    ['app.example.org/evil', /not a valid hostname/],
    ['user@app.example.org', /not a valid hostname/],
  ])('refuses %p', (input, reason) => {
    const result = normaliseHostname(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});
