import { describe, expect, it } from 'vitest';

import { clientKeyOf, clientKeys } from '../src/client-key.ts';

describe('the client key of an address', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('gives every address of one /64 the same key, however it is written', () => {
    const keys = new Set(
      [
        '2001:db8:1:2::1',
        '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
        '2001:db8:1:2:abcd:ef01:2345:6789',
        '2001:db8:1:2::9%eth0',
      ].map((address) => clientKeyOf(address)),
    );
    expect([...keys]).toEqual(['2001:db8:1:2::/64']);
  });

  it('gives the next /64 its own key', () => {
    expect(clientKeyOf('2001:db8:1:3::1')).not.toBe(clientKeyOf('2001:db8:1:2::1'));
  });

  it('cuts to the prefix it is given, on any bit', () => {
    expect(clientKeyOf('2001:db8:1:2::1', 48)).toBe('2001:db8:1::/48');
    expect(clientKeyOf('2001:db8:1:2::1', 56)).toBe(clientKeyOf('2001:db8:1:ff::1', 56));
    expect(clientKeyOf('2001:db8:1:ff::1', 60)).toBe('2001:db8:1:f0::/60');
    expect(clientKeyOf('2001:db8::1', 128)).toBe('2001:db8::1/128');
    expect(clientKeyOf('::1')).toBe('::/64');
  });

  it('keeps what is no address as it is, cut to 100 characters', () => {
    expect(clientKeyOf('unknown')).toBe('unknown');
    expect(clientKeyOf('x'.repeat(500))).toHaveLength(100);
  });

  it('has no key for a caller without an address', () => {
    const keyOf = clientKeys(64);
    expect(keyOf(undefined)).toBeNull();
    expect(keyOf(null)).toBeNull();
    expect(keyOf('2001:db8::5')).toBe('2001:db8::/64');
  });
});
