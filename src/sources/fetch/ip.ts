import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as its bytes, so ranges are compared on what the network sees, not on spelling. */
export type ParsedIp = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array };

/**
 * Reads a dotted-quad IPv4 or any IPv6 spelling (brackets, `::`, embedded dotted quad, zone id).
 * Anything else, including the shorthand forms a URL parser would expand (`127.1`), is undefined:
 * callers hand in URL host names, which the WHATWG parser has already normalised.
 */
export function parseIp(text: string): ParsedIp | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(bare)) return { family: 4, bytes: Uint8Array.from(bare.split('.').map(Number)) };
  // A zone id (fe80::1%eth0) names an interface, not part of the address.
  const address = bare.split('%')[0] ?? '';
  if (!isIPv6(bare) || !isIPv6(address)) return undefined;
  return { family: 6, bytes: ipv6Bytes(address) };
}

function ipv6Bytes(address: string): Uint8Array {
  let text = address;
  const embedded: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    embedded.push(...tail.split('.').map(Number));
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head = '', rest] = text.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const before = groups(head);
  const after = rest === undefined ? [] : groups(rest);
  const hextets = [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  const bytes = new Uint8Array(16);
  hextets.forEach((hextet, i) => {
    bytes[i * 2] = hextet >> 8;
    bytes[i * 2 + 1] = hextet & 0xff;
  });
  if (embedded.length === 4) bytes.set(embedded, 12);
  return bytes;
}
