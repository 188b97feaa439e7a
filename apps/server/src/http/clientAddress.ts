import { isIPv6 } from 'node:net';

/**
 * The key per-address limits count under, from `req.ip` (which honours X-Forwarded-For only
 * with TRUST_PROXY). An IPv4-mapped IPv6 address is its IPv4 address; another IPv6 address
 * is its /64 network, since one host commonly holds a whole /64 and could otherwise rotate
 * through 2^64 addresses to escape every limit.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) =>
    (Number.parseInt(g, 16) || 0).toString(16),
  );
}
