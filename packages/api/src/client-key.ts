import ipaddr from 'ipaddr.js';

/** The IPv6 prefix one client is taken to own: a /64 is what any IPv6 host is handed. */
export const DEFAULT_IPV6_CLIENT_PREFIX = 64;

/**
 * The key every per-client limit counts under, for an address as the HTTP
 * server sees it (after the trusted proxies): an IPv4 address as it is
 * (an IPv4-mapped IPv6 address such as `::ffff:203.0.113.7` included); an
 * IPv6 address cut to its first `ipv6PrefixBits` bits, since one host holds
 * a whole /64 and could otherwise step through 2⁶⁴ addresses, each with a
 * fresh budget. Anything else (a name from a test, a Unix socket) is kept
 * as it is, cut to 100 characters.
 *
 * @example
 * clientKeyOf('2001:db8:1:2:aaaa::1', 64); // '2001:db8:1:2::/64'
 * clientKeyOf('203.0.113.7', 64);          // '203.0.113.7'
 */
export function clientKeyOf(address: string, ipv6PrefixBits = DEFAULT_IPV6_CLIENT_PREFIX): string {
  // A zone (fe80::1%eth0) names the interface, not another client.
  const bare = address.split('%')[0] ?? address;
  if (!ipaddr.isValid(bare)) return address.slice(0, 100);
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const bits = Math.min(128, Math.max(0, Math.trunc(ipv6PrefixBits)));
  const masked = v6.toByteArray().map((byte, i) => {
    const kept = Math.min(8, Math.max(0, bits - i * 8));
    return byte & ((0xff << (8 - kept)) & 0xff);
  });
  return `${ipaddr.fromByteArray(masked).toString()}/${bits}`;
}

/**
 * {@link clientKeyOf} with the prefix fixed once, for a caller that has an
 * address or none (a script, a test without HTTP): none has no key, and then
 * no per-client limit applies.
 */
export function clientKeys(ipv6PrefixBits = DEFAULT_IPV6_CLIENT_PREFIX) {
  return (address: string | null | undefined): string | null =>
    address ? clientKeyOf(address, ipv6PrefixBits) : null;
}
