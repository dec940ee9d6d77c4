import { assignAddresses, expandAddressPool } from './addresses';

describe('expandAddressPool', () => {
  it('expands ranges and single addresses in order', () => {
    expect(
      expandAddressPool(['192.0.2.254-192.0.3.1', '198.51.100.7']),
    ).toEqual([
      '192.0.2.254',
      '192.0.2.255',
      '192.0.3.0',
      '192.0.3.1',
      '198.51.100.7',
    ]);
  });

  it.each(['192.0.2', '192.0.2.300', 'example.com'])('rejects %s', entry => {
    expect(() => expandAddressPool([entry])).toThrow(/Invalid address pool/);
  });
});

describe('assignAddresses', () => {
  const pool = ['192.0.2.10', '192.0.2.11', '192.0.2.12'];

  it('keeps current addresses and fills the rest in order', () => {
    const result = assignAddresses(
      [{ key: 'a' }, { key: 'b', current: '192.0.2.10' }, { key: 'c' }],
      pool,
    );
    expect(Object.fromEntries(result)).toEqual({
      a: '192.0.2.11',
      b: '192.0.2.10',
      c: '192.0.2.12',
    });
  });

  it('replaces a current address that left the pool', () => {
    const result = assignAddresses(
      [{ key: 'a', current: '203.0.113.1' }],
      pool,
    );
    expect(result.get('a')).toBe('192.0.2.10');
  });

  it('leaves the newest requests without an address when the pool runs out', () => {
    const result = assignAddresses(
      [{ key: 'a' }, { key: 'b' }],
      ['192.0.2.10'],
    );
    expect(result.get('a')).toBe('192.0.2.10');
    expect(result.get('b')).toBeUndefined();
  });

  it('gives a contested address to the first request only', () => {
    const result = assignAddresses(
      [
        { key: 'a', current: '192.0.2.10' },
        { key: 'b', current: '192.0.2.10' },
      ],
      pool,
    );
    expect(result.get('a')).toBe('192.0.2.10');
    expect(result.get('b')).toBe('192.0.2.11');
  });
});
