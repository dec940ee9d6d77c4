import { isIpOrCidr } from './ipAddresses';

describe('isIpOrCidr', () => {
  it.each([
    '192.0.2.7',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '192.0.2.0/32',
    '2001:db8::1',
    '2001:db8::/32',
    '::/0',
    '::1/128',
  ])('accepts %s', value => expect(isIpOrCidr(value)).toBe(true));

  it.each([
    '',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '10.0.0.0/ 8',
    '999.1.1.1',
    'lb.example.org',
    '10.0.0.0/8\n',
    '192.0.2.7 ',
  ])('refuses %j', value => expect(isIpOrCidr(value)).toBe(false));
});
