import { parseIp, type ParsedIp } from './ip.js';

/**
 * The ALLOW_PRIVATE_NETWORKS rule. With it off, Herald only talks to globally routable unicast
 * addresses: a feed URL is chosen by any guild member, and loopback, the LAN or a cloud metadata
 * endpoint (169.254.169.254) must be out of their reach whatever a host name resolves to.
 *
 * Ranges are byte prefixes rather than node:net's BlockList because IPv6 forms that embed an IPv4
 * address (mapped, NAT64, 6to4) must be judged by the IPv4 address inside, which BlockList does not do.
 */

interface Range {
  bytes: Uint8Array;
  bits: number;
}

function range(cidr: string): Range {
  const [address = '', bits = ''] = cidr.split('/');
  const ip = parseIp(address);
  if (!ip) throw new Error(`bad range ${cidr}`);
  return { bytes: ip.bytes, bits: Number(bits) };
}

function inRange(bytes: Uint8Array, { bytes: prefix, bits }: Range): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const take = Math.min(8, bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const NOT_PUBLIC_V4 = [
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8', // private
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, cloud metadata
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.88.99.0/24', // deprecated 6to4 relay anycast
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and 255.255.255.255 broadcast
].map(range);

const NOT_PUBLIC_V6 = [
  '::/96', // unspecified, loopback, and the deprecated IPv4-compatible form
  '64:ff9b:1::/48', // local-use NAT64
  '100::/64', // discard-only
  '2001::/32', // Teredo: the IPv4 inside is obfuscated, so it cannot be judged
  '2001:db8::/32', // documentation
  'fc00::/7', // unique local
  'fe80::/10', // link-local
  'fec0::/10', // deprecated site-local
  'ff00::/8', // multicast
].map(range);

/** IPv6 forms whose traffic ends at an embedded IPv4 address, and where that address sits. */
const EMBEDS_V4: Array<{ range: Range; offset: number }> = [
  { range: range('::ffff:0:0/96'), offset: 12 }, // IPv4-mapped
  { range: range('::ffff:0:0:0/96'), offset: 12 }, // IPv4-translated (SIIT)
  { range: range('64:ff9b::/96'), offset: 12 }, // well-known NAT64
  { range: range('2002::/16'), offset: 2 }, // 6to4
];

/** True when `ip` is a globally routable unicast address. */
export function isPublicAddress(ip: ParsedIp): boolean {
  if (ip.family === 4) return !NOT_PUBLIC_V4.some((r) => inRange(ip.bytes, r));
  for (const { range: form, offset } of EMBEDS_V4) {
    if (inRange(ip.bytes, form)) return isPublicAddress({ family: 4, bytes: ip.bytes.subarray(offset, offset + 4) });
  }
  return !NOT_PUBLIC_V6.some((r) => inRange(ip.bytes, r));
}

/**
 * Whether Herald may connect to `address` (an IP literal as DNS or a URL gives it). Text that is not
 * an IP address is refused whatever the setting: callers must resolve names first.
 */
export function isAddressAllowed(address: string, allowPrivateNetworks: boolean): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  return allowPrivateNetworks || isPublicAddress(ip);
}

/** Whether two spellings name the same address (`::ffff:7f00:1` and `[::ffff:127.0.0.1]`). */
export function sameAddress(a: string, b: string): boolean {
  const left = parseIp(a);
  const right = parseIp(b);
  return !!left && !!right && left.family === right.family && left.bytes.every((byte, i) => byte === right.bytes[i]);
}
