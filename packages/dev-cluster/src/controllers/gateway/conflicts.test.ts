import { findConflicts } from './conflicts';
import { Listener } from './listeners';

describe('findConflicts', () => {
  const l = (
    name: string,
    port: number,
    protocol: string,
    hostname?: string,
  ): Listener => ({
    name,
    port,
    protocol,
    hostname,
  });

  it('finds no conflict for distinct hostnames, ports, or HTTPS with TLS', () => {
    const conflicts = findConflicts([
      l('a', 443, 'HTTPS', 'a.example.com'),
      l('b', 443, 'HTTPS', 'b.example.com'),
      l('c', 443, 'TLS', 'c.example.com'),
      l('d', 80, 'HTTP'),
      l('e', 8080, 'HTTP'),
      l('f', 53, 'TCP'),
      l('g', 53, 'UDP'),
    ]);
    expect(conflicts.size).toBe(0);
  });

  it('reports HostnameConflict on the same port and hostname', () => {
    const conflicts = findConflicts([
      l('a', 80, 'HTTP'),
      l('b', 80, 'HTTP'),
      l('c', 80, 'HTTP', 'c.example.com'),
    ]);
    expect([...conflicts.keys()]).toEqual(['a', 'b']);
    expect(conflicts.get('a')?.reason).toBe('HostnameConflict');
  });

  it('reports ProtocolConflict on the same port with incompatible protocols', () => {
    const conflicts = findConflicts([
      l('a', 443, 'HTTP'),
      l('b', 443, 'HTTPS', 'b.example.com'),
    ]);
    expect(conflicts.get('a')?.reason).toBe('ProtocolConflict');
    expect(conflicts.get('b')?.reason).toBe('ProtocolConflict');
  });

  it('reports two TCP listeners on one port', () => {
    expect(findConflicts([l('a', 5432, 'TCP'), l('b', 5432, 'TCP')]).size).toBe(
      2,
    );
  });

  it('checks against listeners of earlier merged Gateways without reporting them', () => {
    const conflicts = findConflicts(
      [l('mine', 80, 'HTTP')],
      [l('theirs', 80, 'HTTP')],
    );
    expect([...conflicts.keys()]).toEqual(['mine']);
  });
});
