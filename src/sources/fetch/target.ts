import { lookup } from 'node:dns/promises';
import { isAddressAllowed, sameAddress } from './address-rule.js';
import { parseIp } from './ip.js';
import type { FetchFailed, FetchRefused, Resolve } from './types.js';

/** A URL Herald may request: http(s), no credentials, no fragment. */
export interface Target {
  url: URL;
  /** The host name without IPv6 brackets, as DNS and TLS want it. */
  hostname: string;
}

/** `raw` (relative to `base` for a redirect's Location) as a target, or why it is refused. */
export function parseTarget(raw: string, base?: URL): Target | FetchRefused {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { kind: 'refused', reason: 'bad_url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'refused', reason: 'not_http' };
  if (url.hostname === '') return { kind: 'refused', reason: 'bad_url' };
  // Credentials in a pasted link are dropped, never sent: Herald fetches only what anyone could.
  url.username = '';
  url.password = '';
  url.hash = '';
  return { url, hostname: url.hostname.replace(/^\[(.*)\]$/, '$1') };
}

export interface AddressPolicy {
  allowPrivateNetworks: boolean;
  /** Exact addresses allowed even when private networks are not (an operator's named exception). */
  allowAddresses: readonly string[];
  resolve: Resolve;
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Every address `hostname` stands for, once each has passed the network rule. One refused address
 * refuses the host: DNS may hand a later connection any of them.
 */
export async function checkedAddresses(hostname: string, policy: AddressPolicy): Promise<CheckedAddress[] | FetchRefused | FetchFailed> {
  const literal = parseIp(hostname);
  const addresses = literal ? [hostname] : await policy.resolve(hostname);
  if (addresses.length === 0) return { kind: 'failed', reason: 'network' };
  const checked: CheckedAddress[] = [];
  for (const address of addresses) {
    const ip = parseIp(address);
    const allowed = isAddressAllowed(address, policy.allowPrivateNetworks) || policy.allowAddresses.some((allowed) => sameAddress(allowed, address));
    if (!ip || !allowed) return { kind: 'refused', reason: 'private_address' };
    checked.push({ address: address.replace(/^\[(.*)\]$/, '$1'), family: ip.family });
  }
  return checked;
}

/** The system resolver, every address in the order it gives them. */
export const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
