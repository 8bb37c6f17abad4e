import { describe, expect, it } from 'vitest';
import { isAddressAllowed, isPublicAddress } from '../../../src/sources/fetch/address-rule.js';
import { parseIp } from '../../../src/sources/fetch/ip.js';

// Every range ALLOW_PRIVATE_NETWORKS=false must refuse: a miss here is a way into the host's network.
const refused: Array<[string, string]> = [
  ['0.0.0.0', 'IPv4 unspecified'],
  ['0.1.2.3', '"this network" 0/8'],
  ['10.0.0.1', 'private 10/8'],
  ['10.255.255.255', 'private 10/8, last address'],
  ['100.64.0.1', 'CGNAT 100.64/10, first'],
  ['100.127.255.254', 'CGNAT 100.64/10, last'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback 127/8'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['172.16.0.1', 'private 172.16/12, first'],
  ['172.31.255.255', 'private 172.16/12, last'],
  ['192.0.0.8', 'IETF protocol assignments 192.0.0/24'],
  ['192.0.2.10', 'documentation TEST-NET-1'],
  ['192.168.1.1', 'private 192.168/16'],
  ['198.18.0.1', 'benchmarking 198.18/15'],
  ['198.51.100.7', 'documentation TEST-NET-2'],
  ['203.0.113.5', 'documentation TEST-NET-3'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved 240/4'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'IPv6 unspecified'],
  ['::1', 'IPv6 loopback'],
  ['::7f00:1', 'IPv4-compatible (deprecated) ::/96'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
  ['::ffff:10.1.2.3', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ['0:0:0:0:0:ffff:c0a8:0101', 'IPv4-mapped 192.168.1.1, long form'],
  ['::ffff:0:127.0.0.1', 'IPv4-translated (SIIT) loopback'],
  ['64:ff9b::7f00:1', 'NAT64 of loopback'],
  ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
  ['64:ff9b:1::1', 'local-use NAT64 64:ff9b:1::/48'],
  ['2002:7f00:1::1', '6to4 of loopback'],
  ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
  ['2001:0:4136:e378::1', 'Teredo 2001::/32'],
  ['2001:db8::1', 'documentation 2001:db8::/32'],
  ['100::1', 'discard-only 100::/64'],
  ['fc00::1', 'unique local fc00::/7'],
  ['fd12:3456:789a::1', 'unique local fd00::/8'],
  ['fe80::1', 'link-local fe80::/10'],
  ['febf:ffff::1', 'link-local fe80::/10, last'],
  ['fec0::1', 'site-local (deprecated) fec0::/10'],
  ['ff02::1', 'multicast ff00::/8'],
  ['fe80::1%eth0', 'link-local with a zone id'],
];

const publicAddresses: Array<[string, string]> = [
  ['1.1.1.1', 'public IPv4'],
  ['8.8.8.8', 'public IPv4'],
  ['9.255.255.255', 'just below 10/8'],
  ['11.0.0.0', 'just above 10/8'],
  ['100.63.255.255', 'just below CGNAT'],
  ['100.128.0.0', 'just above CGNAT'],
  ['172.15.255.255', 'just below 172.16/12'],
  ['172.32.0.0', 'just above 172.16/12'],
  ['192.167.255.255', 'just below 192.168/16'],
  ['192.169.0.0', 'just above 192.168/16'],
  ['223.255.255.255', 'just below multicast'],
  ['93.184.215.14', 'a web host'],
  ['2606:4700:4700::1111', 'public IPv6'],
  ['2a00:1450:4001:80b::200e', 'public IPv6'],
  ['::ffff:1.1.1.1', 'IPv4-mapped public'],
  ['64:ff9b::101:101', 'NAT64 of 1.1.1.1'],
  ['2002:101:101::1', '6to4 of 1.1.1.1'],
];

describe('address rule (ALLOW_PRIVATE_NETWORKS=false)', () => {
  it.each(refused)('GIVEN %s (%s) THEN it is not public and is refused', (address) => {
    const ip = parseIp(address);
    expect(ip).toBeDefined();
    expect(isPublicAddress(ip!)).toBe(false);
    expect(isAddressAllowed(address, false)).toBe(false);
  });

  it.each(publicAddresses)('GIVEN %s (%s) THEN it is public and allowed', (address) => {
    const ip = parseIp(address);
    expect(ip).toBeDefined();
    expect(isPublicAddress(ip!)).toBe(true);
    expect(isAddressAllowed(address, false)).toBe(true);
  });

  it.each(['', 'localhost', '127.1', '1.2.3', '1.2.3.4.5', '256.0.0.1', '::ffff:999.0.0.1', 'fe80:::1', 'example.com'])(
    'GIVEN %j, which is not an IP address THEN it is refused (never guessed at)',
    (text) => {
      expect(isAddressAllowed(text, false)).toBe(false);
    },
  );
});

describe('address rule (ALLOW_PRIVATE_NETWORKS=true)', () => {
  it.each([...refused, ...publicAddresses])('GIVEN %s (%s) THEN it is allowed', (address) => {
    expect(isAddressAllowed(address, true)).toBe(true);
  });

  it('GIVEN text that is not an IP address THEN it is still refused', () => {
    expect(isAddressAllowed('localhost', true)).toBe(false);
  });
});

describe('parseIp', () => {
  it.each([
    ['127.0.0.1', 4, [127, 0, 0, 1]],
    ['::1', 6, [...new Array<number>(15).fill(0), 1]],
    ['[::1]', 6, [...new Array<number>(15).fill(0), 1]],
    ['::ffff:127.0.0.1', 6, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1]],
    ['2001:db8:0:0:1::2', 6, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2]],
    ['FE80::ABCD', 6, [0xfe, 0x80, ...new Array<number>(12).fill(0), 0xab, 0xcd]],
  ])('GIVEN %s THEN it reads as IPv%i bytes %j', (text, family, bytes) => {
    const ip = parseIp(text);
    expect(ip?.family).toBe(family);
    expect([...(ip?.bytes ?? [])]).toEqual(bytes);
  });
});
