import { listenerUrl } from './urls';

describe('listenerUrl', () => {
  it.each([
    ['HTTPS', 443, 'app.example.org', 'https://app.example.org/'],
    ['HTTPS', 8443, 'app.example.org', 'https://app.example.org:8443/'],
    ['HTTP', 80, 'app.example.org', 'http://app.example.org/'],
    ['HTTP', 8080, 'app.example.org', 'http://app.example.org:8080/'],
    ['HTTPS', undefined, 'app.example.org', 'https://app.example.org/'],
    ['HTTPS', 443, '*.example.org', undefined],
    ['HTTPS', 443, '', undefined],
    ['TLS', 443, 'db.example.org', undefined],
    ['TCP', 5432, 'db.example.org', undefined],
    [undefined, 443, 'app.example.org', undefined],
  ])('%s on port %p for %p -> %p', (protocol, port, hostname, expected) => {
    expect(listenerUrl({ protocol, port }, hostname)).toBe(expected);
  });
});
