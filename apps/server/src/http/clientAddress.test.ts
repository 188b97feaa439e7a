import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './clientAddress.js';

describe('clientAddressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6', () => {
    expect(clientAddressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('counts an IPv6 address as its /64, however it is written', () => {
    const key = '2001:db8:1:1::/64';
    expect(clientAddressKey('2001:db8:1:1::1')).toBe(key);
    expect(clientAddressKey('2001:0db8:0001:0001:ffff:ffff:ffff:fffe')).toBe(key);
    expect(clientAddressKey('2001:DB8:1:1:0:0:0:9')).toBe(key);
    expect(clientAddressKey('2001:db8:1:2::1')).not.toBe(key);
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('has a key for a missing address', () => {
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});
